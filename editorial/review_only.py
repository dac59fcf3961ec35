"""Translators cannot step around review: what would change a translation without it is for those
who may publish it (moderators), and is neither offered to translators nor accepted from them.

- *Stop synced translation*: the page leaves the translation editor for Wagtail's own editor.
- *Convert to alias page*: the translation becomes a live copy of the English page at once, with
  no moderation, and its own text is gone.
- *Delete* and *move*: the pages' permission tester (pages/permissions.py).

Refused in wagtail-localize's views (urls.py wraps them); not shown in the translation editor
(templates/wagtail_localize/admin/edit_translation.html) nor in the page editor's action menu
(wagtail_hooks.py).
"""

import json
from functools import wraps

from django.shortcuts import get_object_or_404
from django.utils.translation import get_language
from wagtail.admin.auth import permission_denied
from wagtail.models import Page
from wagtail_localize.models import Translation

from admin_catalogues.editor_dates import localize_editor_props
from editorial.permissions import locales_of

ALIAS_ACTION = "localize-convert-to-alias"  # wagtail-localize's page action menu item


def may_skip_review(user, instance) -> bool:
    """Whether the user may change this page or snippet without review: whoever may publish it."""
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_publish()
    return locales_of(user) is None  # moderators and superusers


def for_publishers_of_translation(view):
    """Wrap a wagtail-localize view taking `translation_id`: refused unless the user may publish."""

    @wraps(view)
    def wrapper(request, translation_id, *args, **kwargs):
        translation = get_object_or_404(Translation, id=translation_id)
        if not may_skip_review(request.user, translation.get_target_instance()):
            return permission_denied(request)
        return view(request, translation_id, *args, **kwargs)

    return wrapper


def for_publishers_of_page(view):
    """Wrap a wagtail-localize view taking `page_id`: refused unless the user may publish it."""

    @wraps(view)
    def wrapper(request, page_id, *args, **kwargs):
        page = get_object_or_404(Page, id=page_id)
        if not may_skip_review(request.user, page):
            return permission_denied(request)
        return view(request, page_id, *args, **kwargs)

    return wrapper


def translator_editor_props(props: str, user, instance) -> str:
    """The translation editor's settings, minus the ways around review the user may not take, with
    its notes' days in the admin's language."""
    settings = localize_editor_props(json.loads(props), get_language())
    if not may_skip_review(user, instance):
        settings["links"]["convertToAliasUrl"] = None
        settings["perms"]["canDelete"] = False
    return json.dumps(settings)
