"""Syncing translations after the English source changed, without publishing them.

wagtail-localize's "Sync translated pages" can publish every translation at once, with English
text in the segments nobody has translated yet, and without review. Here the sync only brings the
translations up to date as drafts; they are published through their language's workflow.
"""

from django import forms
from wagtail_localize.views.update_translations import UpdateTranslationsForm, UpdateTranslationsView


class SyncWithoutPublishingForm(UpdateTranslationsForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["publish_translations"].widget = forms.HiddenInput()

    def clean_publish_translations(self):
        return False


class SyncTranslationsView(UpdateTranslationsView):
    def get_form(self):
        return SyncWithoutPublishingForm(self.request.POST if self.request.method == "POST" else None)
