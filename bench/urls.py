from django.urls import path
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

from cms.urls import urlpatterns as cms_urlpatterns

from .views import ceiling

wagtail_api = WagtailAPIRouter("wagtailapi")
wagtail_api.register_endpoint("pages", PagesAPIViewSet)

urlpatterns = [
    path("api/v2/", wagtail_api.urls),
    path("bench/ceiling/<str:name>/", ceiling),
    *cms_urlpatterns,
]
