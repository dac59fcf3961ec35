"""Admin registration of the translatable snippets."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import EditView as SnippetEditView
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from pages.models import Country, Organisation, Person, Topic


class LocaleScopedEditView(SnippetEditView):
    """A snippet's edit view (and wagtail-localize's translation editor in its place) opens only
    for those who may change that snippet's language (editorial.permissions)."""

    def dispatch(self, request, *args, **kwargs):
        if not self.permission_policy.user_has_permission_for_instance(request.user, "change", self.object):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class PartnershipSnippetViewSet(SnippetViewSet):
    edit_view_class = LocaleScopedEditView
    # No "locale" in list_filter: Wagtail's listing of translatable snippets filters by language
    # itself, reading `?locale=` as a language code, so a filter sending a locale's id got a 404.
    # The listing searches its search_fields with the database (part of a word matches too);
    # the SQLite search backend cannot limit a search to some fields.
    search_backend_name = None


class CountryViewSet(PartnershipSnippetViewSet):
    model = Country
    icon = "globe"
    list_display = ["__str__", "iso_code", "role", "locale"]
    list_filter = ["role"]
    # a country's name is not a column: the listing searches the index (`Country.names`)
    search_backend_name = "default"


class OrganisationViewSet(PartnershipSnippetViewSet):
    model = Organisation
    icon = "group"
    list_display = ["name", "acronym", "country", "locale"]
    search_fields = ["name", "acronym"]


class PersonViewSet(PartnershipSnippetViewSet):
    model = Person
    icon = "user"
    list_display = ["__str__", "role", "organisation", "locale"]
    search_fields = ["name", "role"]


class TopicViewSet(PartnershipSnippetViewSet):
    model = Topic
    icon = "tag"
    list_display = ["name", "code", "locale"]
    search_fields = ["name", "code"]


class PartnershipSnippets(SnippetViewSetGroup):
    menu_label = _("Partnership")
    menu_icon = "folder-open-inverse"
    menu_order = 200
    items = (CountryViewSet, OrganisationViewSet, PersonViewSet, TopicViewSet)


register_snippet(PartnershipSnippets)
