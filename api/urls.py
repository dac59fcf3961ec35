"""The read-only REST API for partner websites, under /api/v1/."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from . import views
from .feeds import views as feeds

app_name = "api"

urlpatterns = [
    path("v1/", views.IndexView.as_view(), name="index"),
    path("v1/locales/", views.LocalesView.as_view(), name="locales"),
    path("v1/changes/", views.ChangesView.as_view(), name="changes"),
    path("v1/schema/", SpectacularAPIView.as_view(), name="schema"),
    # the split view serves its start-up script as a file: no inline script under the CSP
    path("v1/docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("v1/sitemap.xml", feeds.SitemapView.as_view(), name="sitemap"),
    path("v1/<str:locale>/events.ics", feeds.EventsCalendarView.as_view(), name="calendar"),
    path("v1/<str:locale>/feed.atom", feeds.AtomFeedView.as_view(), name="atom"),
    path("v1/<str:locale>/search/", views.SearchView.as_view(), name="search"),
    path("v1/<str:locale>/countries/", views.CountriesView.as_view(), name="countries"),
    path("v1/<str:locale>/topics/", views.TopicsView.as_view(), name="topics"),
    path("v1/<str:locale>/organisations/", views.OrganisationsView.as_view(), name="organisations"),
    path("v1/<str:locale>/events/", views.EventListView.as_view(), name="events"),
    path("v1/<str:locale>/events/<str:slug>/", views.EventDetailView.as_view(), name="event"),
    path("v1/<str:locale>/assessments/", views.AssessmentListView.as_view(), name="assessments"),
    path("v1/<str:locale>/assessments/<str:slug>/", views.AssessmentDetailView.as_view(), name="assessment"),
    path("v1/<str:locale>/galleries/", views.GalleryListView.as_view(), name="galleries"),
    path("v1/<str:locale>/galleries/<str:slug>/", views.GalleryDetailView.as_view(), name="gallery"),
    # last: any other address ending in a slash (without one, Django first redirects to it)
    re_path(r"^v1/.*/$", views.NotFoundView.as_view()),
]
