"""wagtail-localize's admin views that the workflow replaces or guards, at their own addresses.

Included by cms/urls.py under admin/localize/, ahead of Wagtail's admin, so these win.
"""

from django.urls import path
from wagtail.admin.auth import require_admin_access
from wagtail_localize.views import convert, edit_translation

from admin_catalogues.editor_dates import in_admin_language
from editorial.glossary_hints import download_po
from editorial.guards import safe_override_addresses, well_formed_translation
from editorial.permissions import snippet_translations_in_own_locale
from editorial.po_upload import upload_po
from editorial.review_only import for_publishers_of_page, for_publishers_of_translation
from editorial.start import StartPageTranslationView, StartSnippetTranslationView
from editorial.sync import SyncTranslationsView

urlpatterns = [
    # Offline translators' PO files are checked whole before anything is imported.
    path(
        "translate/<int:translation_id>/pofile/upload/",
        snippet_translations_in_own_locale(upload_po),
    ),
    # Its segment and override editing check snippet permissions per model, not per language.
    path(
        "translate/<int:translation_id>/strings/<int:string_segment_id>/edit/",
        snippet_translations_in_own_locale(
            well_formed_translation(in_admin_language(edit_translation.edit_string_translation))
        ),
    ),
    path(
        "translate/<int:translation_id>/overrides/<int:overridable_segment_id>/edit/",
        snippet_translations_in_own_locale(safe_override_addresses(edit_translation.edit_override)),
    ),
    # Its PO download and machine translation check snippet permissions per model too. The PO
    # file carries the glossary's entries for each message (glossary_hints.py).
    *[
        path(
            f"translate/<int:translation_id>/{action}/",
            require_admin_access(snippet_translations_in_own_locale(view)),
        )
        for action, view in (
            ("pofile/download", download_po),
            ("machine_translate", edit_translation.machine_translate),
        )
    ],
    # Stopping a synced translation or converting it to an alias would step around review.
    path(
        "translate/<int:translation_id>/disable/",
        require_admin_access(for_publishers_of_translation(edit_translation.stop_translation)),
    ),
    path(
        "page/<int:page_id>/convert_to_alias/",
        require_admin_access(for_publishers_of_page(convert.convert_to_alias)),
    ),
    # Syncing after the English page changed never publishes: translations go through review.
    # A language's editors sync and start translations into their own language (start.py).
    path("update/<int:translation_source_id>/", require_admin_access(SyncTranslationsView.as_view())),
    path("submit/page/<int:page_id>/", require_admin_access(StartPageTranslationView.as_view())),
    path(
        "submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
        require_admin_access(StartSnippetTranslationView.as_view()),
    ),
]
