"""Addresses of API resources, so views, serializers and the changes feed build them alike."""

from django.urls import reverse

from pages.models import AssessmentPage, EventPage, GalleryPage

COLLECTIONS = {"events": EventPage, "assessments": AssessmentPage, "galleries": GalleryPage}
COLLECTION_OF_MODEL = {model: name for name, model in COLLECTIONS.items()}
TYPE_OF_MODEL = {EventPage: "event", AssessmentPage: "assessment", GalleryPage: "gallery"}
COLLECTION_OF_TYPE = {TYPE_OF_MODEL[model]: name for model, name in COLLECTION_OF_MODEL.items()}


DETAIL_URL_NAMES = {"events": "api:event", "assessments": "api:assessment", "galleries": "api:gallery"}


def detail_path(collection: str, language_code: str, slug: str) -> str:
    return reverse(DETAIL_URL_NAMES[collection], kwargs={"locale": language_code, "slug": slug})


def absolute(request, path: str) -> str:
    return request.build_absolute_uri(path) if request is not None else path
