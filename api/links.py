"""Addresses of API resources, so views, serializers and the changes feed build them alike."""

from functools import lru_cache

from django.urls import reverse

from pages.models import AssessmentPage, EventPage, GalleryPage

COLLECTIONS = {"events": EventPage, "assessments": AssessmentPage, "galleries": GalleryPage}
COLLECTION_OF_MODEL = {model: name for name, model in COLLECTIONS.items()}
TYPE_OF_MODEL = {EventPage: "event", AssessmentPage: "assessment", GalleryPage: "gallery"}
COLLECTION_OF_TYPE = {TYPE_OF_MODEL[model]: name for model, name in COLLECTION_OF_MODEL.items()}


DETAIL_URL_NAMES = {"events": "api:event", "assessments": "api:assessment", "galleries": "api:gallery"}


@lru_cache(maxsize=100_000)
def detail_path(collection: str, language_code: str, slug: str) -> str:
    # a list shows one for every translation of every item, and reversing a URL is slow next to a lookup
    return reverse(DETAIL_URL_NAMES[collection], kwargs={"locale": language_code, "slug": slug})


def absolute(request, path: str) -> str:
    """`path` on the host the request came to (computed once per request)."""
    if request is None:
        return path
    try:
        origin = request.api_origin
    except AttributeError:
        origin = request.api_origin = request.build_absolute_uri("/")[:-1]
    return origin + path if path.startswith("/") else request.build_absolute_uri(path)
