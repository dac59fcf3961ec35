"""A revision as the partner API shows a published item: the same detail serializers, given what
their querysets would have annotated and prefetched (api.collections), read from the revision.

The revision is what would be published: its own text, inline items, images and report, its
`last_published_at` the time it was saved (and `first_published_at` too, for a page never
published). Everything else it shows is what the API shows anyway: other pages only when they are
published (its translations, related items, rich-text links), images and documents only when they
are not private.
"""

from django.utils import translation
from wagtail.models import Page

from api import sql
from api.collections import COLLECTIONS, ItemContext
from api.links import COLLECTION_OF_MODEL
from api.renditions import ALL_SPECS, images_of
from api.visibility import Visibility
from cms import i18n
from pages.models import AssessmentPage, EventPage, GalleryPage


def translation_key_of(page_id):
    if page_id is None:
        return None
    return Page.objects.filter(pk=page_id).values_list("translation_key", flat=True).first()


def _annotate(page, revision, visibility):
    """Set on the revision's page what the API's querysets annotate on a published one."""
    code = page.locale.language_code
    page.first_published_at = page.first_published_at or revision.created_at
    page.last_published_at = revision.created_at
    if code != i18n.SOURCE_LANGUAGE:
        state = sql.with_translation_state(Page.objects.filter(pk=page.pk), code).values(
            "state_synced_at", "state_source_published_at", "state_total", "state_done"
        )
        for name, value in (state.first() or {}).items():
            setattr(page, name, value)
    if isinstance(page, EventPage):
        keys = EventPage.objects.filter(pk=page.pk).annotate(**sql.related_keys())
        gallery_key, assessment_key = keys.values_list("gallery_key", "assessment_key").first() or (None,) * 2
        page.gallery_key = gallery_key
        # an English draft may choose another assessment; a translation follows the English event
        page.assessment_key = (
            translation_key_of(page.assessment_id) if code == i18n.SOURCE_LANGUAGE else assessment_key
        )
    if isinstance(page, GalleryPage):
        page.event_key = translation_key_of(page.event_id)
        photos = [photo for photo in page.photos.all() if visibility.media.shows(photo.image)]
        page.photos = photos  # in memory only: private photos are left out, as the API's prefetch does
        cover = page.cover_photo if visibility.media.shows(page.cover_photo) else None
        first = min(photos, key=lambda photo: photo.sort_order or 0, default=None)
        page.cover_image_id = cover.pk if cover else (first.image_id if first else None)
        page.cover_photo_alt = next(
            (photo.alt_text for photo in photos if photo.image_id == page.cover_image_id), None
        )


def _own_report(context, page):
    """The revision's report in its own language, in place of the live page's."""
    if not isinstance(page, AssessmentPage):
        return
    code = page.locale.language_code
    versions = [(other, document) for other, document in context["documents"].get(page.translation_key, [])]
    versions = [(other, document) for other, document in versions if other != code]
    if page.report is not None:
        versions.append((code, page.report))
    versions.sort(key=lambda version: i18n.LANGUAGE_CODES.index(version[0]))
    unique = {}
    for other, document in versions:
        unique.setdefault(document.pk, (other, document))
    context["documents"][page.translation_key] = list(unique.values())


def preview_data(request, revision, page) -> dict:
    """The detail of `page` (the revision's object) as the API would show it once published."""
    spec = COLLECTIONS[COLLECTION_OF_MODEL[type(page)]]
    code = page.locale.language_code
    visibility = Visibility()
    _annotate(page, revision, visibility)
    context = ItemContext(request, code, visibility).build([page], detail=True)
    _own_report(context, page)
    with translation.override(code):
        return spec.detail_serializer(page, context=context).data


def make_renditions(page):
    """The renditions the API names of the revision's public images: made when a page is published,
    so a draft's new photos have none yet."""
    for image in Visibility().media.public(images_of(page)):
        image.get_renditions(*ALL_SPECS)
