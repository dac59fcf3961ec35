"""Admin registration of the translatable snippets and of the translation status overview."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import EditView as SnippetEditView
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from pages import audit
from pages.models import Country, Organisation, Person, Topic
from pages.models.moderation import untranslated_segments
from pages.status_view import TranslationStatusView
from pages.translation_submit import submit_translation_for_review


class LocaleScopedEditView(SnippetEditView):
    """A snippet's edit view (and wagtail-localize's translation editor in its place) opens only
    for those who may change that snippet's language (pages.permissions)."""

    def dispatch(self, request, *args, **kwargs):
        if not self.permission_policy.user_has_permission_for_instance(request.user, "change", self.object):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class PartnershipSnippetViewSet(SnippetViewSet):
    edit_view_class = LocaleScopedEditView
    # The listing searches its search_fields with the database (part of a word matches too);
    # the SQLite search backend cannot limit a search to some fields.
    search_backend_name = None


class CountryViewSet(PartnershipSnippetViewSet):
    model = Country
    icon = "globe"
    list_display = ["__str__", "iso_code", "role", "locale"]
    list_filter = ["role", "locale"]
    search_fields = ["iso_code"]


class OrganisationViewSet(PartnershipSnippetViewSet):
    model = Organisation
    icon = "group"
    list_display = ["name", "acronym", "country", "locale"]
    list_filter = ["locale"]
    search_fields = ["name", "acronym"]


class PersonViewSet(PartnershipSnippetViewSet):
    model = Person
    icon = "user"
    list_display = ["__str__", "role", "organisation", "locale"]
    list_filter = ["locale"]
    search_fields = ["name", "role"]


class TopicViewSet(PartnershipSnippetViewSet):
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


# The translation status overview --------------------------------------------------------


@hooks.register("register_admin_urls")
def register_translation_status_url():
    return [
        path("translation-status/", TranslationStatusView.as_view(), name="pages_translation_status"),
        path(
            "translation-status/submit/<int:page_id>/",
            submit_translation_for_review,
            name="pages_submit_translation",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_translation_status_menu_item():
    return MenuItem(
        _("Translation status"),
        reverse("pages_translation_status"),
        name="translation-status",
        icon_name="wagtail-localize-language",
        order=210,
    )


@hooks.register("register_log_actions")
def register_moderation_log_actions(actions):
    actions.register_action(
        "thb.publish_with_english",
        _("Publish with English text"),
        _("Published with untranslated segments in English"),
    )
    actions.register_action(
        "thb.sync_translations", _("Sync translations"), _("Translations brought up to date with the source")
    )
    actions.register_action("thb.group_permissions")(audit.GroupPermissionsFormatter)
    actions.register_action("thb.user_groups")(audit.UserGroupsFormatter)


# Permission changes in the audit log (pages.audit) ------------------------------------------


@hooks.register("register_group_permission_panel", order=1000)  # after every other panel
def register_group_permissions_audit():
    return audit.GroupPermissionsAudit


hooks.register("before_edit_user", audit.remember_user_access)
hooks.register("after_create_user", audit.log_user_access)
hooks.register("after_edit_user", audit.log_user_access)
hooks.register("before_bulk_action", audit.remember_bulk_access)
hooks.register("after_bulk_action", audit.log_bulk_access)


@hooks.register("before_edit_page", order=-1)
def refuse_direct_publishing_of_incomplete_translations(request, page):
    """The translation editor's Publish would put English text in untranslated segments silently.

    For a translation with untranslated segments only the moderators' explicit workflow action
    ("Publish with untranslated segments in English") publishes.
    """
    if request.method != "POST" or request.POST.get("action") != "publish":
        return None
    missing = untranslated_segments(page.specific)
    if not missing:
        return None
    messages.error(
        request,
        _(
            "%(count)s segments of this translation are not translated yet, so it was not published. "
            "Translate them, or submit it for moderation, where a moderator may choose to publish "
            "it with English text."
        )
        % {"count": missing},
    )
    return redirect(reverse("wagtailadmin_pages:edit", args=(page.pk,)))


@hooks.register("before_serve_document", order=-1)
def hide_private_documents(document, request):
    """A document of a private collection is "not found" for whoever may not see it.

    Wagtail's own check would answer with a login redirect or a password form, which tells an
    outsider that the document exists; a wrong file name gives a 404. Both are now the same 404,
    before any file hash (Wagtail's ETag) is sent.
    """
    for restriction in document.collection.get_view_restrictions():
        if not restriction.accept_request(request):
            raise Http404
    return None
