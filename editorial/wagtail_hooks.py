"""The translation workflow in Wagtail's admin: the status overview, submitting for review, the
audit log's own actions, and the refusal to publish a translation with English in it."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from editorial import audit, review_only, source_actions, title_views
from editorial.models import untranslated_segments
from editorial.source_view import EnglishSourceView
from editorial.status_view import TranslationStatusView
from editorial.submit import submit_translation_for_review

# The translation status overview --------------------------------------------------------


@hooks.register("register_admin_urls")
def register_translation_status_url():
    return [
        path("translation-status/", TranslationStatusView.as_view(), name="editorial_translation_status"),
        path(
            "translation-status/submit/<int:page_id>/",
            submit_translation_for_review,
            name="editorial_submit_translation",
        ),
        path(
            "translation-status/source/<slug:kind>/<int:pk>/",
            EnglishSourceView.as_view(),
            name="editorial_english_source",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_translation_status_menu_item():
    return MenuItem(
        _("Translation status"),
        reverse("editorial_translation_status"),
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
        "thb.approve_with_english",
        _("Approve with English text"),
        _("Approved with untranslated segments in English"),
    )
    actions.register_action(
        "thb.sync_translations", _("Sync translations"), _("Translations brought up to date with the source")
    )
    actions.register_action("thb.group_permissions")(audit.GroupPermissionsFormatter)
    actions.register_action("thb.user_groups")(audit.UserGroupsFormatter)


@hooks.register("register_page_header_buttons")
def english_source_header_button(page, user, view_name=None, next_url=None):
    """A translation's header menu leads its translators to the English source, which they may
    read but not open in Wagtail's editor (editorial/source_view.py)."""
    url = source_actions.english_source_url(user, page.specific)
    if url:
        yield Button(_("English source"), url, icon_name="wagtail-localize-language", priority=9)


# Titles of pages a user may not see (editorial.visible_titles) --------------------------------

hooks.register("construct_page_chooser_queryset", title_views.chooser_pages)


@hooks.register("register_admin_viewset")
def register_page_viewset():
    # Registered after Wagtail's default page viewset (order -1), so this one serves every page type.
    return title_views.VisibleTitlesPageViewSet()


for bulk_action in title_views.BULK_ACTIONS:
    # After Wagtail's own (order 0): the last one registered for a model and action is used.
    hooks.register("register_bulk_action", bulk_action, order=1)


# Permission changes in the audit log (audit.py) ---------------------------------------------


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


@hooks.register("construct_page_action_menu")
def hide_alias_conversion_from_translators(menu_items, request, context):
    """wagtail-localize offers "Convert to alias page" to whoever may edit (editorial/review_only.py)."""
    page = context.get("page")
    if page is not None and not review_only.may_skip_review(request.user, page):
        menu_items[:] = [item for item in menu_items if item.name != review_only.ALIAS_ACTION]
