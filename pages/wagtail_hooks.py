"""Admin registration of the translatable snippets."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from pages.models import Country, Organisation, Person, Topic


class CountryViewSet(SnippetViewSet):
    model = Country
    icon = "globe"
    list_display = ["__str__", "iso_code", "role", "locale"]
    list_filter = ["role", "locale"]
    search_fields = ["iso_code"]


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    list_display = ["name", "acronym", "country", "locale"]
    list_filter = ["locale"]
    search_fields = ["name", "acronym"]


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    list_display = ["__str__", "role", "organisation", "locale"]
    list_filter = ["locale"]
    search_fields = ["name", "role"]


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    list_display = ["name", "code", "locale"]
    list_filter = ["locale"]
    search_fields = ["name", "code"]


class PartnershipSnippets(SnippetViewSetGroup):
    menu_label = _("Partnership")
    menu_icon = "folder-open-inverse"
    menu_order = 200
    items = (CountryViewSet, OrganisationViewSet, PersonViewSet, TopicViewSet)


register_snippet(PartnershipSnippets)
