"""The three published collections (events, assessments, galleries), and what is loaded to show
their items: what each prefetches, and the pages its items link to (`ItemContext`). What a
list's filters select is in `api.filters`."""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    Case,
    F,
    IntegerField,
    Model,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    When,
)
from wagtail.models import Page

from cms import i18n
from media_library.privacy import private_collections
from pages.models import (
    AssessmentPage,
    AssessmentTopic,
    EventExpert,
    EventOrganisation,
    EventPage,
    EventParticipatingCountry,
    EventTopic,
    GalleryPage,
    GalleryPhoto,
    Organisation,
)

from . import filters, serializers, sql
from .renditions import stored_renditions
from .rich_text import RichTextRenderer


@dataclass(frozen=True)
class Collection:
    name: str
    model: type[Page]
    list_serializer: type
    detail_serializer: type
    orderings: tuple[str, ...]
    # (queryset, params, language_codes) -> the items matching a list's filters (api.filters)
    filter: Callable
    # (queryset, detail) -> the queryset with what the serializers read about its items
    prefetch_related: Callable
    kinds: tuple[str, ...] = ()
    extra_params: tuple[str, ...] = ()
    # what `include=` may embed: {name: (relation in ItemContext's `related`, collection name)}
    includes: dict[str, tuple[str, str]] = field(default_factory=dict)

    def prefetch(self, queryset, language_code, detail=False, relations=False):
        """Everything the serializers read about the items, in a fixed number of queries; the
        translation state into the requested locale comes with the items themselves. With
        `relations`, a list's items also carry the keys of the items they link to (`include=`)."""
        queryset = sql.with_translation_state(queryset.select_related("locale"), language_code)
        queryset = self.prefetch_related(queryset, detail)
        if relations and not detail and self.model is EventPage:
            queryset = queryset.annotate(**sql.related_keys())
        return queryset


def _inline(relation, model, related):
    """Prefetch a page's inline items together with the snippets they point to: one query.

    Unordered: the serializers put them in order (`serializers.in_order`). Ordering in SQL made
    Django hash every selected column of the query."""
    return Prefetch(relation, queryset=model.objects.select_related(related).order_by())


# What lists do not show, left unread: decoding StreamFields is costly, and a list needs none of these.
LIST_DEFERRED = {
    "events": (
        "body",
        "programme",
        "target_audience",
        "objectives",
        "learning_points",
        "outcomes",
        "feedback",
        "participant_groups",
    ),
    "assessments": ("body", "recommendations"),
}


def _topics(model):
    return _inline("topics", model, "topic")


def _events_related(queryset, detail):
    queryset = queryset.select_related("country").prefetch_related(_topics(EventTopic))
    if not detail:
        return queryset.defer(*LIST_DEFERRED["events"])
    queryset = queryset.annotate(**sql.related_keys()).prefetch_related(
        _inline("organisations", EventOrganisation, "organisation__country"),
        _inline("participating_countries", EventParticipatingCountry, "country"),
        _inline("experts", EventExpert, "person__organisation__country"),
    )
    return queryset


def _assessments_related(queryset, detail):
    queryset = queryset.select_related("country").prefetch_related(_topics(AssessmentTopic))
    return queryset if detail else queryset.defer(*LIST_DEFERRED["assessments"])


def _galleries_related(queryset, detail):
    # the event by its translation key only: joining the whole event decoded its StreamFields too
    queryset = queryset.annotate(cover_image_id=_cover_image(), event_key=F("event__translation_key"))
    queryset = queryset.annotate(cover_photo_alt=_cover_photo_alt())
    if detail:
        photos = GalleryPhoto.objects.exclude(image__collection__in=private_collections()).order_by()
        queryset = queryset.prefetch_related(Prefetch("photos", queryset=photos))
    return queryset


# Built once (building it cost more than running it); `annotate` resolves a copy for each query.
@cache
def _cover_image():
    """A gallery's cover: the chosen photo, else the first photo; never one of a private collection."""
    private = private_collections()
    first_public_photo = (
        GalleryPhoto.objects.filter(page=OuterRef("pk"))
        .exclude(image__collection__in=private)
        .order_by("sort_order")
        .values("image_id")[:1]
    )
    public_cover = Q(cover_photo__isnull=False) & ~Q(cover_photo__collection__in=private)
    return Case(
        When(public_cover, then=F("cover_photo_id")),
        default=Subquery(first_public_photo),
        output_field=IntegerField(),
    )


@cache
def _cover_photo_alt():
    """The alternative text of the photo the cover is, for a cover with none of its own."""
    return Subquery(
        GalleryPhoto.objects.filter(page=OuterRef("pk"), image_id=OuterRef("cover_image_id"))
        .order_by("sort_order")
        .values("alt_text")[:1]
    )


EVENTS = Collection(
    name="events",
    model=EventPage,
    list_serializer=serializers.EventListSerializer,
    detail_serializer=serializers.EventDetailSerializer,
    orderings=("-start_date", "start_date", "title", "-last_published_at"),
    filter=filters.filter_events,
    prefetch_related=_events_related,
    kinds=tuple(EventPage.Kind.values),
    extra_params=("kind", "date_from", "date_to"),
    includes={"gallery": ("gallery", "galleries"), "assessment": ("assessment", "assessments")},
)
ASSESSMENTS = Collection(
    name="assessments",
    model=AssessmentPage,
    list_serializer=serializers.AssessmentListSerializer,
    detail_serializer=serializers.AssessmentDetailSerializer,
    orderings=("-publication_date", "publication_date", "title", "-last_published_at"),
    filter=filters.filter_assessments,
    prefetch_related=_assessments_related,
    kinds=tuple(AssessmentPage.Kind.values),
    extra_params=("kind", "date_from", "date_to"),
    includes={"events": ("events", "events")},
)
GALLERIES = Collection(
    name="galleries",
    model=GalleryPage,
    list_serializer=serializers.GalleryListSerializer,
    detail_serializer=serializers.GalleryDetailSerializer,
    orderings=("-date", "date", "title", "-last_published_at"),
    filter=filters.filter_galleries,
    prefetch_related=_galleries_related,
    extra_params=("date_from", "date_to"),
    includes={"event": ("event", "events")},
)
COLLECTIONS = {collection.name: collection for collection in (EVENTS, ASSESSMENTS, GALLERIES)}


@dataclass(frozen=True)
class PageRow:
    """A published page as other items show it: a link, a translation, a related item."""

    translation_key: object
    language_code: str
    slug: str
    title: str
    model: type[Model] | None


class ItemContext:
    """Everything the serializers need about a batch of items, read in a fixed number of queries.

    Every other page the items show (their translations, their related items and the pages their
    rich text links to) is read in one query, by translation key.
    """

    def __init__(self, request, language_code, visibility):
        self.request = request
        self.language_code = language_code
        self.visibility = visibility

    def build(self, pages, detail=False, relations=False):
        """With `relations` (details always have them), each item's related items too."""
        renderer = RichTextRenderer(self.request, self.language_code, self.visibility)
        link_ids = renderer.collect([page.body for page in pages if detail and hasattr(page, "body")])
        related_keys = self.related_keys(pages, detail or relations)
        wanted = {page.translation_key for page in pages}
        for keys in related_keys.values():
            wanted.update(keys)
        rows, link_keys = self.published_pages(wanted, link_ids)

        translations = defaultdict(list)
        best = {}
        for row in rows:
            translations[row.translation_key].append((row.language_code, row.slug, row.title))
            if row.language_code == self.language_code or (
                row.language_code == i18n.SOURCE_LANGUAGE and row.translation_key not in best
            ):
                best[row.translation_key] = row
        for others in translations.values():
            others.sort(key=lambda item: i18n.LANGUAGE_CODES.index(item[0]))
        renderer.resolve_links(link_keys, best)
        return {
            "request": self.request,
            "language_code": self.language_code,
            "translations": translations,
            "states": {
                page.translation_key: sql.state_of(page)
                for page in pages
                if page.locale.language_code == self.language_code
            },
            "related": {
                name: [best[key] for key in keys if key in best] for name, keys in related_keys.items()
            },
            "documents": self.documents(pages) if detail else {},
            "media": self.visibility.media,
            "renditions": stored_renditions(self.image_ids(pages, detail)),
            "organisations": self.organisations(pages) if detail else {},
            "renderer": renderer,
            "included": {},
        }

    def published_pages(self, keys, link_ids=()):
        """The visible pages of these translation keys and of the linked pages' keys, in every
        locale, and the translation key of each linked page (published or not): one query."""
        if not keys and not link_ids:
            return [], {}
        link_ids = list(link_ids)
        rows = sql.pages_by_key(self.visibility.condition_sql("p"), keys, link_ids)
        published, link_keys = [], {}
        for pk, is_visible, key, code, slug, title, content_type_id in rows:
            if pk in link_ids:
                link_keys[pk] = key
            if is_visible:  # only these may reach a response
                model = ContentType.objects.get_for_id(content_type_id).model_class()
                published.append(PageRow(key, code, slug, title, model))
        return published, link_keys

    def related_keys(self, pages, detail):
        """`{(relation, item key): [translation keys]}`: the gallery and assessment of an event and
        the events of an assessment (details, and lists that include them), the event of a gallery."""
        related = {}
        assessments = [page.translation_key for page in pages if detail and isinstance(page, AssessmentPage)]
        events_of = defaultdict(list)
        if assessments:
            # the English events that discussed each assessment (one query)
            for assessment_key, event_key in EventPage.objects.filter(
                assessment__translation_key__in=assessments, locale__language_code=i18n.SOURCE_LANGUAGE
            ).values_list("assessment__translation_key", "translation_key"):
                events_of[assessment_key].append(event_key)
        for page in pages:
            key = page.translation_key
            if detail and isinstance(page, EventPage):
                related[("gallery", key)] = [page.gallery_key] if page.gallery_key else []
                related[("assessment", key)] = [page.assessment_key] if page.assessment_key else []
            elif isinstance(page, GalleryPage):
                # the event of a translated gallery follows the English one (a synchronised field)
                related[("event", key)] = [page.event_key] if page.event_key else []
            elif detail and isinstance(page, AssessmentPage):
                related[("events", key)] = events_of[key]
        return related

    @staticmethod
    def image_ids(pages, detail):
        """Images whose renditions the items show: lead images, gallery covers and photos, body image
        blocks."""
        ids = set()
        for page in pages:
            ids.add(getattr(page, "lead_image_id", None))
            if isinstance(page, GalleryPage):
                ids.add(page.cover_image_id)
                if detail:
                    ids.update(photo.image_id for photo in page.photos.all())
            if detail and hasattr(page, "body"):
                ids.update(
                    block["value"].get("image") for block in page.body.raw_data if block["type"] == "image"
                )
        ids.discard(None)
        return ids

    @staticmethod
    def organisations(pages):
        """The organisations of events' participant groups, with their countries (one query, if any)."""
        ids = {
            group["value"].get("organisation")
            for page in pages
            if isinstance(page, EventPage)
            for group in page.participant_groups.raw_data
        }
        ids.discard(None)
        if not ids:
            return {}
        return Organisation.objects.select_related("country").in_bulk(ids)

    def documents(self, pages):
        """Each assessment's report in every language that has its own version."""
        keys = {page.translation_key for page in pages if isinstance(page, AssessmentPage)}
        if not keys:
            return {}
        rows = (
            self.visibility.filter(
                AssessmentPage.objects.filter(translation_key__in=keys, report__isnull=False)
            )
            .select_related("report", "locale")
            .order_by("translation_key")
        )
        versions: defaultdict = defaultdict(dict)
        for page in sorted(rows, key=lambda page: i18n.LANGUAGE_CODES.index(page.locale.language_code)):
            versions[page.translation_key].setdefault(
                page.report_id, (page.locale.language_code, page.report)
            )
        return {key: list(documents.values()) for key, documents in versions.items()}
