"""The admin views of editorial.title_views that Wagtail offers no hook to replace, at their own
addresses.

Included by cms/urls.py under admin/, ahead of Wagtail's admin, so these win; each is decorated
as Wagtail decorates its admin views (admin access required, never cached).
"""

from django.urls import path
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.utils.urlpatterns import decorate_urlpatterns

from editorial import title_views

urlpatterns = [
    path("choose-page/", title_views.VisibleTitlesBrowseView.as_view()),
    path("choose-page/<int:parent_page_id>/", title_views.VisibleTitlesBrowseView.as_view()),
    path("choose-page/chosen-multiple/", title_views.VisibleTitlesChosenMultipleView.as_view()),
    path("reports/page-types-usage/", title_views.VisibleTitlesPageTypesUsageReportView.as_view()),
    path(
        "reports/page-types-usage/results/",
        title_views.VisibleTitlesPageTypesUsageReportView.as_view(results_only=True),
    ),
    path("localize/reports/translations/", title_views.VisibleTitlesTranslationsReportView.as_view()),
    path(
        "localize/reports/translations/results/",
        title_views.VisibleTitlesTranslationsReportView.as_view(results_only=True),
    ),
]
urlpatterns = decorate_urlpatterns(urlpatterns, require_admin_access)
urlpatterns = decorate_urlpatterns(urlpatterns, never_cache)
