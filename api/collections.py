"""The three published collections (events, assessments, galleries): what each filters,
orders by and prefetches, and the related pages its items link to."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, Q
from wagtail.images import get_image_model

from cms import i18n
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
)
from pages.translation_status import translation_states

from . import serializers
from .renditions import RENDITIONS
from .rich_text import RichTextRenderer


@dataclass(frozen=True)
class Collection:
    name: str
    model: type
    list_serializer: type
    detail_serializer: type
    orderings: tuple[str, ...]
    kinds: tuple[str, ...] = ()
    extra_params: tuple[str, ...] = ()

    def filter(self, queryset, params):
        return queryset

    def prefetch(self, queryset, detail=False):
        return queryset.select_related("locale")


def _renditions(lookup):
    """Prefetch the API's renditions where Wagtail's Image.get_renditions looks for them."""
    renditions = get_image_model().get_rendition_model().objects.filter(filter_spec__in=RENDITIONS.values())
    return Prefetch(lookup, queryset=renditions, to_attr="prefetched_renditions")


def _inline(relation, model, related):
    """Prefetch a page's inline items together with the snippets they point to: one query."""
    return Prefetch(relation, queryset=model.objects.select_related(related))


def _topics(model):
    return _inline("topics", model, "topic")


class Events(Collection):
    def filter(self, queryset, params):
        if params.kind:
            queryset = queryset.filter(kind=params.kind)
        if params.countries:
            took_part = EventParticipatingCountry.objects.filter(
                page_id=OuterRef("pk"), country__iso_code__in=params.countries
            )
            queryset = queryset.filter(Q(country__iso_code__in=params.countries) | Exists(took_part))
        if params.topics:
            tagged = EventTopic.objects.filter(page_id=OuterRef("pk"), topic__code__in=params.topics)
            queryset = queryset.filter(Exists(tagged))
        if params.date_from:
            queryset = queryset.filter(end_date__gte=params.date_from)
        if params.date_to:
            queryset = queryset.filter(start_date__lte=params.date_to)
        return queryset

    def prefetch(self, queryset, detail=False):
        queryset = queryset.select_related("locale", "country").prefetch_related(_topics(EventTopic))
        if detail:
            queryset = queryset.prefetch_related(
                _inline("organisations", EventOrganisation, "organisation__country"),
                _inline("participating_countries", EventParticipatingCountry, "country"),
                _inline("experts", EventExpert, "person__organisation__country"),
            )
        return queryset


class Assessments(Collection):
    def filter(self, queryset, params):
        if params.kind:
            queryset = queryset.filter(kind=params.kind)
        if params.countries:
            queryset = queryset.filter(country__iso_code__in=params.countries)
        if params.topics:
            tagged = AssessmentTopic.objects.filter(page_id=OuterRef("pk"), topic__code__in=params.topics)
            queryset = queryset.filter(Exists(tagged))
        if params.date_from:
            queryset = queryset.filter(publication_date__gte=params.date_from)
        if params.date_to:
            queryset = queryset.filter(publication_date__lte=params.date_to)
        return queryset

    def prefetch(self, queryset, detail=False):
        return queryset.select_related("locale", "country").prefetch_related(_topics(AssessmentTopic))


class Galleries(Collection):
    def filter(self, queryset, params):
        if params.countries:
            took_part = EventParticipatingCountry.objects.filter(
                page__translation_key=OuterRef("event__translation_key"),
                country__iso_code__in=params.countries,
            )
            queryset = queryset.filter(Q(event__country__iso_code__in=params.countries) | Exists(took_part))
        if params.topics:
            tagged = EventTopic.objects.filter(
                page__translation_key=OuterRef("event__translation_key"), topic__code__in=params.topics
            )
            queryset = queryset.filter(Exists(tagged))
        if params.date_from:
            queryset = queryset.filter(date__gte=params.date_from)
        if params.date_to:
            queryset = queryset.filter(date__lte=params.date_to)
        return queryset

    def prefetch(self, queryset, detail=False):
        # images come joined to their photo or page; their renditions in one query each
        photos = GalleryPhoto.objects.select_related("image")
        return queryset.select_related("locale", "event", "cover_photo").prefetch_related(
            _renditions("cover_photo__renditions"),
            Prefetch("photos", queryset=photos),
            _renditions("photos__image__renditions"),
        )


EVENTS = Events(
    name="events",
    model=EventPage,
    list_serializer=serializers.EventListSerializer,
    detail_serializer=serializers.EventDetailSerializer,
    orderings=("-start_date", "start_date", "title", "-last_published_at"),
    kinds=tuple(EventPage.Kind.values),
    extra_params=("kind", "date_from", "date_to"),
)
ASSESSMENTS = Assessments(
    name="assessments",
    model=AssessmentPage,
    list_serializer=serializers.AssessmentListSerializer,
    detail_serializer=serializers.AssessmentDetailSerializer,
    orderings=("-publication_date", "publication_date", "title", "-last_published_at"),
    kinds=tuple(AssessmentPage.Kind.values),
    extra_params=("kind", "date_from", "date_to"),
)
GALLERIES = Galleries(
    name="galleries",
    model=GalleryPage,
    list_serializer=serializers.GalleryListSerializer,
    detail_serializer=serializers.GalleryDetailSerializer,
    orderings=("-date", "date", "title", "-last_published_at"),
    extra_params=("date_from", "date_to"),
)
COLLECTIONS = {collection.name: collection for collection in (EVENTS, ASSESSMENTS, GALLERIES)}


def in_locale(collection, visibility, language_code, fallback=False):
    """The visible items of a collection in a locale; with fallback, English items not yet published in it."""
    queryset = visibility.filter(collection.model.objects.all())
    if not fallback or language_code == i18n.SOURCE_LANGUAGE:
        return queryset.filter(locale__language_code=language_code)
    published_here = queryset.filter(locale__language_code=language_code).values("translation_key")
    return queryset.filter(
        Q(locale__language_code=language_code)
        | Q(locale__language_code=i18n.SOURCE_LANGUAGE) & ~Q(translation_key__in=published_here)
    )


class ItemContext:
    """Everything the serializers need about a batch of items, read in a fixed number of queries."""

    def __init__(self, request, language_code, visibility):
        self.request = request
        self.language_code = language_code
        self.visibility = visibility

    def build(self, pages, detail=False):
        translations = defaultdict(list)
        by_model = defaultdict(set)
        for page in pages:
            by_model[type(page)].add(page.translation_key)
        for model, model_keys in by_model.items():
            rows = self.visibility.filter(model.objects.filter(translation_key__in=model_keys)).values_list(
                "translation_key", "locale__language_code", "slug"
            )
            for key, code, slug in rows:
                translations[key].append((code, slug))
        for others in translations.values():
            others.sort(key=lambda item: i18n.LANGUAGE_CODES.index(item[0]))
        translated_here = {
            page.translation_key for page in pages if page.locale.language_code == self.language_code
        }
        context = {
            "request": self.request,
            "language_code": self.language_code,
            "translations": translations,
            "states": translation_states(translated_here, self.language_code),
            "related": self.related(pages, detail),
            "documents": self.documents(pages) if detail else {},
            "renderer": RichTextRenderer(self.request, self.language_code, self.visibility).prepare(
                [page.body for page in pages if detail and hasattr(page, "body")]
            ),
        }
        return context

    def _best(self, model, keys):
        """Per translation key, the visible page in the requested locale, else the English one."""
        if not keys:
            return {}
        wanted = {self.language_code, i18n.SOURCE_LANGUAGE}
        best = {}
        rows = self.visibility.filter(
            model.objects.filter(translation_key__in=keys, locale__language_code__in=wanted)
        ).select_related("locale")
        for page in rows:
            if page.translation_key not in best or page.locale.language_code == self.language_code:
                best[page.translation_key] = page
        return best

    def related(self, pages, detail):
        """Linked pages, in the requested locale when published there: galleries and assessments
        of events and events of assessments (details only), the event of each gallery."""
        related = {}
        events = [page for page in pages if detail and isinstance(page, EventPage)]
        galleries = [page for page in pages if isinstance(page, GalleryPage)]
        assessments = [page for page in pages if detail and isinstance(page, AssessmentPage)]
        if events:
            event_keys = {page.translation_key for page in events}
            gallery_keys = dict(
                GalleryPage.objects.filter(
                    event__translation_key__in=event_keys, locale__language_code=i18n.SOURCE_LANGUAGE
                ).values_list("event__translation_key", "translation_key")
            )
            assessment_keys = dict(
                EventPage.objects.filter(translation_key__in=event_keys, assessment__isnull=False)
                .filter(locale__language_code=i18n.SOURCE_LANGUAGE)
                .values_list("translation_key", "assessment__translation_key")
            )
            best_galleries = self._best(GalleryPage, set(gallery_keys.values()))
            best_assessments = self._best(AssessmentPage, set(assessment_keys.values()))
            for key in event_keys:
                related[("gallery", key)] = best_galleries.get(gallery_keys.get(key))
                related[("assessment", key)] = best_assessments.get(assessment_keys.get(key))
        if galleries:
            # the event of a translated gallery follows the English one (a synchronised field)
            event_of = {page.translation_key: page.event.translation_key for page in galleries if page.event}
            best_events = self._best(EventPage, set(event_of.values()))
            for key, event_key in event_of.items():
                related[("event", key)] = best_events.get(event_key)
        if assessments:
            assessment_keys = {page.translation_key for page in assessments}
            pairs = EventPage.objects.filter(
                assessment__translation_key__in=assessment_keys, locale__language_code=i18n.SOURCE_LANGUAGE
            ).values_list("assessment__translation_key", "translation_key")
            best_events = self._best(EventPage, {event_key for _key, event_key in pairs})
            for key in assessment_keys:
                related[("events", key)] = [
                    best_events[event_key]
                    for assessment_key, event_key in pairs
                    if assessment_key == key and event_key in best_events
                ]
        return related

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
        versions = defaultdict(dict)
        for page in sorted(rows, key=lambda page: i18n.LANGUAGE_CODES.index(page.locale.language_code)):
            versions[page.translation_key].setdefault(
                page.report_id, (page.locale.language_code, page.report)
            )
        return {key: list(documents.values()) for key, documents in versions.items()}
