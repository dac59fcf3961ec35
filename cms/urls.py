from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.documents import urls as wagtaildocs_urls
from wagtail_localize.views import edit_translation

from cms import health
from pages.permissions import snippet_translations_in_own_locale
from pages.po_upload import upload_po
from pages.sync_view import SyncTranslationsView
from pages.translation_guards import safe_override_addresses

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    # Offline translators' PO files are checked whole before anything is imported; this view
    # takes the place of wagtail-localize's own upload at the same address.
    path(
        "admin/localize/translate/<int:translation_id>/pofile/upload/",
        snippet_translations_in_own_locale(upload_po),
    ),
    # Its segment and override editing check snippet permissions per model, not per language.
    path(
        "admin/localize/translate/<int:translation_id>/strings/<int:string_segment_id>/edit/",
        snippet_translations_in_own_locale(edit_translation.edit_string_translation),
    ),
    path(
        "admin/localize/translate/<int:translation_id>/overrides/<int:overridable_segment_id>/edit/",
        snippet_translations_in_own_locale(safe_override_addresses(edit_translation.edit_override)),
    ),
    # Its PO download, machine translation and "stop translating" check snippet permissions per model too.
    *[
        path(
            f"admin/localize/translate/<int:translation_id>/{action}/",
            require_admin_access(snippet_translations_in_own_locale(view)),
        )
        for action, view in (
            ("pofile/download", edit_translation.download_pofile),
            ("machine_translate", edit_translation.machine_translate),
            ("disable", edit_translation.stop_translation),
        )
    ],
    # Syncing after the English page changed never publishes: translations go through review.
    path("admin/localize/update/<int:translation_source_id>/", SyncTranslationsView.as_view()),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/", include("api.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    # Only renditions: original images and documents are never served as plain files, because
    # a file server cannot check a private collection's view restriction (README, "Leaks").
    urlpatterns += static(f"{settings.MEDIA_URL}images/", document_root=settings.MEDIA_ROOT / "images")

# Page previews and "view live" in the admin are served by Wagtail, each language under its
# own prefix (/sq/, /ur/ ...); this must come last.
urlpatterns += i18n_patterns(path("", include(wagtail_urls)))
