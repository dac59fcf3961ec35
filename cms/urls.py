from django.conf import settings
from django.urls import include, path
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms import health

# Headless: no page is served publicly. Wagtail's public URLs (its page serving and its
# password form for restricted pages) are left out on purpose: partner sites show pages from the
# API, which applies every visibility rule; editors preview inside the admin; "View live" opens
# the partner site (pages/partner_links.py).
urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    # The translation workflow's own versions of some wagtail-localize views: before the admin's.
    path("admin/localize/", include("editorial.urls")),
    # Wagtail's views that would show titles of pages a user may not see (drafts of other
    # languages): the workflow's versions, before the admin's.
    path("admin/", include("editorial.title_urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # drafts for the partner site's preview, with a token from the admin: before the API's own
    # addresses, whose last one answers 404 to any other
    path("api/", include("previews.urls")),
    path("api/", include("api.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    # Only renditions: original images and documents are never served as plain files, because
    # a file server cannot check a private collection's view restriction (docs/security.md).
    urlpatterns += static(f"{settings.MEDIA_URL}images/", document_root=settings.MEDIA_ROOT / "images")
