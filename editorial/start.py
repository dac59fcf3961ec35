"""National editors start and sync translations into their own language, without a moderator.

wagtail-localize's "Translate" (submit) and "Sync translations" (update) views are for users with
its `submit_translation` permission, which only moderators hold: a language's editors could not
begin or renew their own work. Here they may, for their own language only:

- start a translation of a live English page or of an English snippet into their language, if
  there is none yet; the translation is a draft in their tree (wagtail-localize's own), never a
  subtree at once;
- sync a translation source that has a translation into their language: the English changes come
  in as new segments, nothing is published (editorial/sync.py), and the translation goes through
  review again. The source's segments are shared by every language, so the others see the new
  segments too, as after a moderator's sync.

Moderators keep the views as they were (every language, subtrees).
"""

from django import forms
from wagtail.admin.auth import permission_denied
from wagtail.models import Locale, Page
from wagtail_localize.components import TranslationComponentManager
from wagtail_localize.views.submit_translations import (
    SubmitPageTranslationView,
    SubmitSnippetTranslationView,
    SubmitTranslationForm,
    SubmitTranslationView,
)

from cms import i18n
from editorial.permissions import locales_of
from editorial.visible_titles import may_see


def own_translation_locales(user) -> set[str] | None:
    """The languages a user may translate into without a moderator; None means every one."""
    if user.has_perm("wagtail_localize.submit_translation"):
        return None
    return (locales_of(user) or set()) - {i18n.SOURCE_LANGUAGE}


def may_start(user, instance) -> bool:
    codes = own_translation_locales(user)
    if codes is None:
        return True
    if not codes or instance.locale.language_code != i18n.SOURCE_LANGUAGE:
        return False
    if isinstance(instance, Page) and not (instance.live and may_see(user, instance)):
        return False
    translated = instance.get_translations().filter(locale__language_code__in=codes)
    if isinstance(instance, Page):
        translated = translated.filter(alias_of__isnull=True)  # an alias may become a translation
    return translated.count() < len(codes)  # something left to start


class OwnLanguageForm(SubmitTranslationForm):
    def __init__(self, instance, *args, codes=None, **kwargs):
        super().__init__(instance, *args, **kwargs)
        if codes is not None:
            offered = self.fields["locales"].queryset.filter(language_code__in=codes)
            self.fields["locales"].queryset = offered
            self.fields["include_subtree"].disabled = True  # a moderator's job: a background one
            if not self.is_bound:
                self.initial["locales"] = list(offered)  # their language(s): nothing to choose
            if len(offered) < 2:
                self.fields["select_all"].widget = forms.HiddenInput()


class StartTranslationMixin(SubmitTranslationView):
    """The `submit_translation` permission check replaced by `may_start` and own-language locales."""

    def dispatch(self, request, *args, **kwargs):
        self.object = self.get_object()
        if not may_start(request.user, self.object):
            return permission_denied(request)
        codes = own_translation_locales(request.user)
        if codes is None:
            return super().dispatch(request, *args, **kwargs)
        # what wagtail-localize's dispatch prepares once it has checked the permission
        self.components = TranslationComponentManager.from_request(
            request, source_object_instance=self.object
        )
        self.codes = codes
        return super(SubmitTranslationView, self).dispatch(request, *args, **kwargs)

    def get_form(self):
        codes = getattr(self, "codes", None)
        data = self.request.POST if self.request.method == "POST" else None
        initial = None
        chosen = self.request.GET.get("select_locale")
        if data is None and chosen:
            initial = {"locales": list(Locale.objects.filter(language_code=chosen))}
        return OwnLanguageForm(self.object, data, initial=initial, codes=codes)


class StartPageTranslationView(StartTranslationMixin, SubmitPageTranslationView):
    pass


class StartSnippetTranslationView(StartTranslationMixin, SubmitSnippetTranslationView):
    pass
