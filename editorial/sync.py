"""Syncing translations after the English source changed, without publishing them.

wagtail-localize's "Sync translated pages" can publish every translation at once, with English
text in the segments nobody has translated yet, and without review. Here the sync only brings the
translation editor up to date with the English source (new and changed segments to translate; what
was translated and each language's own images and PDFs stay); the translated pages change when
their editors submit them, and are published through their language's workflow. Every sync is in
the audit log (`thb.sync_translations`) with the user who ran it.
"""

from django import forms
from django.db import transaction
from wagtail.admin.auth import permission_denied
from wagtail.log_actions import log
from wagtail_localize.components import TranslationComponentManager
from wagtail_localize.views.update_translations import UpdateTranslationsForm, UpdateTranslationsView

from editorial.start import own_translation_locales


class SyncWithoutPublishingForm(UpdateTranslationsForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["publish_translations"].widget = forms.HiddenInput()

    def clean_publish_translations(self):
        return False


class SyncTranslationsView(UpdateTranslationsView):
    def dispatch(self, request, *args, **kwargs):
        """Moderators sync any source; a language's editors and reviewers one with a translation
        into their language (editorial/start.py)."""
        codes = own_translation_locales(request.user)
        if codes is None:
            return super().dispatch(request, *args, **kwargs)
        self.object = self.get_object()
        if not self.object.translations.filter(enabled=True, target_locale__language_code__in=codes).exists():
            return permission_denied(request)
        # what wagtail-localize's dispatch prepares once it has checked the permission
        self.components = TranslationComponentManager.from_request(
            request, source_object_instance=self.object
        )
        return super(UpdateTranslationsView, self).dispatch(request, *args, **kwargs)

    def get_form(self):
        return SyncWithoutPublishingForm(self.request.POST if self.request.method == "POST" else None)

    @transaction.atomic
    def form_valid(self, form):
        response = super().form_valid(form)
        locales = self.object.translations.filter(enabled=True).values_list(
            "target_locale__language_code", flat=True
        )
        log(
            self.object.get_source_instance(),
            "thb.sync_translations",
            user=self.request.user,
            data={"locales": sorted(locales)},
        )
        return response
