"""Snippet translations per language: national editors change only their own locale's snippets.

Wagtail's snippet permissions are per model. This policy narrows "change" and "delete" to the
locales a user works in (moderators and superusers: all; content editors: English; a language's
editors and reviewers: that language). wagtail-localize's segment editing API checks permissions
per model too, so its snippet endpoints are wrapped with the same rule (see cms/urls.py).
"""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from wagtail.models import Page
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail_localize.models import Translation

from cms import i18n
from editorial import roles

SCOPED_ACTIONS = {"change", "delete"}


def locales_of(user) -> set[str] | None:
    """The language codes a user edits snippets in; None means every language."""
    if user.is_superuser:
        return None
    names = set(user.groups.values_list("name", flat=True))
    if roles.MODERATORS in names:
        return None
    codes = {i18n.SOURCE_LANGUAGE} if roles.CONTENT_EDITORS in names else set()
    for code in i18n.TRANSLATION_LANGUAGES:
        if {roles.editor_group_name(code), roles.reviewer_group_name(code)} & names:
            codes.add(code)
    return codes


def may_edit_locale(user, language_code) -> bool:
    codes = locales_of(user)
    return codes is None or language_code in codes


class LocaleScopedPermissionPolicy(ModelPermissionPolicy):
    def user_has_permission_for_instance(self, user, action, instance):
        if not super().user_has_permission_for_instance(user, action, instance):
            return False
        return action not in SCOPED_ACTIONS or may_edit_locale(user, instance.locale.language_code)

    def instances_user_has_permission_for(self, user, action):
        instances = super().instances_user_has_permission_for(user, action)
        codes = locales_of(user)
        if action in SCOPED_ACTIONS and codes is not None:
            instances = instances.filter(locale__language_code__in=codes)
        return instances


def register_snippet_policies():
    from glossary.models import GlossaryTerm
    from glossary.permissions import GlossaryPermissionPolicy
    from pages.models import Country, Organisation, Person, Topic

    for model in (Country, Organisation, Person, Topic):
        register_permission_policy(model, LocaleScopedPermissionPolicy(model))
    # A language's glossary is its editors' and reviewers' to keep, listing included.
    register_permission_policy(GlossaryTerm, GlossaryPermissionPolicy(locales_of))


def snippet_translations_in_own_locale(view):
    """Wrap a wagtail-localize view taking `translation_id`: snippet targets only in one's locales."""

    @wraps(view)
    def wrapper(request, translation_id, *args, **kwargs):
        translation = get_object_or_404(Translation, id=translation_id)
        is_snippet = not issubclass(translation.source.specific_content_type.model_class(), Page)
        if is_snippet and not may_edit_locale(request.user, translation.target_locale.language_code):
            raise PermissionDenied
        return view(request, translation_id, *args, **kwargs)

    return wrapper
