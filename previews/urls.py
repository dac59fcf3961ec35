"""/api/v1/preview/, before the API's own addresses (cms/urls.py)."""

from django.urls import path

from . import views

app_name = "previews"

urlpatterns = [path("v1/preview/", views.PreviewView.as_view(), name="preview")]
