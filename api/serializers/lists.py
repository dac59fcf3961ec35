"""What every event, assessment and gallery carries, and what a list shows of each."""

from django.utils import translation
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cms import i18n
from pages.partner_links import partner_url

from .. import links
from ..renditions import rendition_set, responsive_image
from . import codes
from .blocks import BLOCK, document_info, stream_blocks
from .refs import (
    AssessmentKind,
    CountryRef,
    EventKind,
    PageRef,
    RenditionSet,
    ResponsiveImage,
    TopicRef,
    choice,
    constant,
    country_ref,
    in_order,
    topic_ref,
)


class LocaleLink(serializers.Serializer):
    """The same item in another language: all a language switcher or `hreflang` needs."""

    locale = serializers.ChoiceField(choices=codes.LOCALES)
    slug = serializers.CharField()
    title = serializers.CharField()
    api_url = serializers.URLField()
    partner_url = serializers.URLField(
        help_text="The item on the partner site (PARTNER_PAGE_URL), by default its API detail."
    )


class TranslationInfo(serializers.Serializer):
    source_locale = serializers.ChoiceField(choices=codes.LOCALES)
    status = serializers.ChoiceField(choices=["current", "outdated", "incomplete"])
    source_last_published_at = serializers.DateTimeField(allow_null=True)


class ItemSerializer(serializers.Serializer):
    """What every event, assessment and gallery carries."""

    id = serializers.IntegerField()
    type = serializers.SerializerMethodField()
    locale = serializers.SerializerMethodField()
    requested_locale = serializers.SerializerMethodField()
    is_fallback = serializers.SerializerMethodField()
    translation_key = serializers.UUIDField()
    slug = serializers.CharField()
    title = serializers.CharField()
    summary = serializers.CharField()
    api_url = serializers.SerializerMethodField()
    first_published_at = serializers.DateTimeField()
    last_published_at = serializers.DateTimeField()
    direction = serializers.SerializerMethodField()
    translations = serializers.SerializerMethodField()
    translation = serializers.SerializerMethodField()

    def to_representation(self, instance):
        # Labels, dates and country names in the requested language: the item's own, or, for an
        # English item shown in its place (fallback=source), the language the partner asked for.
        with translation.override(self.requested):
            return super().to_representation(instance)

    @property
    def requested(self):
        return self.context["language_code"]

    def get_type(self, page) -> str:
        return links.TYPE_OF_MODEL[type(page)]

    @extend_schema_field(serializers.ChoiceField(choices=codes.LOCALES))
    def get_locale(self, page):
        return page.locale.language_code

    @extend_schema_field(serializers.ChoiceField(choices=codes.LOCALES))
    def get_requested_locale(self, page):
        return self.requested

    def get_is_fallback(self, page) -> bool:
        return page.locale.language_code != self.requested

    def get_api_url(self, page) -> str:
        return self._api_url(type(page), page.locale.language_code, page.slug)

    def _api_url(self, model, language_code, slug):
        path = links.detail_path(links.COLLECTION_OF_MODEL[model], language_code, slug)
        return links.absolute(self.context.get("request"), path)

    @extend_schema_field(serializers.ChoiceField(choices=codes.DIRECTIONS))
    def get_direction(self, page):
        return i18n.locale_info(page.locale.language_code).direction

    @extend_schema_field(LocaleLink(many=True))
    def get_translations(self, page):
        others = self.context["translations"].get(page.translation_key, [])
        collection = links.COLLECTION_OF_MODEL[type(page)]
        return [
            {
                "locale": code,
                "slug": slug,
                "title": title,
                "api_url": self._api_url(type(page), code, slug),
                "partner_url": partner_url(code, collection, slug),
            }
            for code, slug, title in others
            if code != page.locale.language_code
        ]

    @extend_schema_field(TranslationInfo(allow_null=True))
    def get_translation(self, page):
        state = self.context["states"].get(page.translation_key)
        if state is None or page.locale.language_code == i18n.SOURCE_LANGUAGE:
            return None
        return {
            "source_locale": state.source_locale,
            "status": state.status,
            "source_last_published_at": state.source_last_published_at,
        }

    def related(self, relation, page):
        """The pages related to `page` (PageRows, from the ItemContext), as references."""
        return [
            {
                "translation_key": row.translation_key,
                "locale": row.language_code,
                "title": row.title,
                "api_url": self._api_url(row.model, row.language_code, row.slug),
            }
            for row in self.context["related"].get((relation, page.translation_key), [])
        ]

    def related_one(self, relation, page):
        return next(iter(self.related(relation, page)), None)


class ClassifiedItemSerializer(ItemSerializer):
    """Events and assessments: a kind, a country and topics."""

    kind = serializers.SerializerMethodField()
    country = serializers.SerializerMethodField()
    topics = serializers.SerializerMethodField()
    lead_image = serializers.SerializerMethodField()

    def get_kind(self, page):
        return choice(page, "kind")

    @extend_schema_field(CountryRef(allow_null=True))
    def get_country(self, page):
        return country_ref(page.country)

    @extend_schema_field(TopicRef(many=True))
    def get_topics(self, page):
        return [topic_ref(item.topic) for item in in_order(page.topics)]

    @extend_schema_field(ResponsiveImage(allow_null=True))
    def get_lead_image(self, page):
        # none for a private image (its renditions are not read) or one whose renditions are not made
        return responsive_image(
            self.context.get("request"),
            self.context["renditions"].get(page.lead_image_id),
            page.lead_image_alt_text,
            page.lead_image_caption,
        )

    @extend_schema_field(BLOCK)
    def get_body(self, page):
        return stream_blocks(page.body, self.context)


class EventCardSerializer(ClassifiedItemSerializer):
    """An event as a list shows it; also embedded by `include=`."""

    start_date = serializers.DateField()
    end_date = serializers.DateField()
    dates_display = serializers.SerializerMethodField()
    city = serializers.CharField()

    @extend_schema_field(constant("event"))
    def get_type(self, page):
        return "event"

    @extend_schema_field(EventKind)
    def get_kind(self, page):
        return super().get_kind(page)  # here for its schema: events have kinds of their own

    def get_dates_display(self, page) -> str:
        return i18n.format_date_range(page.start_date, page.end_date, self.requested)


class AssessmentCardSerializer(ClassifiedItemSerializer):
    """An assessment as a list shows it."""

    publication_date = serializers.DateField(allow_null=True)
    publication_date_display = serializers.SerializerMethodField()

    @extend_schema_field(constant("assessment"))
    def get_type(self, page):
        return "assessment"

    @extend_schema_field(AssessmentKind)
    def get_kind(self, page):
        return super().get_kind(page)  # here for its schema: assessments have kinds of their own

    def get_publication_date_display(self, page) -> str:
        if page.publication_date is None:
            return ""
        return i18n.format_day(page.publication_date, self.requested)


class GalleryCardSerializer(ItemSerializer):
    """A gallery as a list shows it; also embedded by `include=`."""

    date = serializers.DateField(allow_null=True)
    credit = serializers.CharField()
    cover = serializers.SerializerMethodField()
    cover_image = serializers.SerializerMethodField()
    event = serializers.SerializerMethodField()

    @extend_schema_field(constant("gallery"))
    def get_type(self, page):
        return "gallery"

    @extend_schema_field(RenditionSet(allow_null=True))
    def get_cover(self, page):
        # the chosen photo, else the first; a private one gives way to the first photo that is not
        return rendition_set(self.context.get("request"), self.context["renditions"].get(page.cover_image_id))

    @extend_schema_field(ResponsiveImage(allow_null=True))
    def get_cover_image(self, page):
        """The cover for `srcset`, with its alternative text: the gallery's own, else the photo's."""
        return responsive_image(
            self.context.get("request"),
            self.context["renditions"].get(page.cover_image_id),
            page.cover_alt_text or page.cover_photo_alt or "",
        )

    @extend_schema_field(PageRef(allow_null=True))
    def get_event(self, page):
        return self.related_one("event", page)


class DocumentVersion(serializers.Serializer):
    locale = serializers.ChoiceField(choices=codes.LOCALES)
    title = serializers.CharField()
    url = serializers.URLField()
    file_size = serializers.IntegerField(allow_null=True)
    content_type = serializers.CharField()


class WithDocuments(serializers.Serializer):
    documents = serializers.SerializerMethodField()

    @extend_schema_field(DocumentVersion(many=True))
    def get_documents(self, page):
        """The report in every language that has its own version (public ones only)."""
        request = self.context.get("request")
        return [
            {"locale": code, "title": document.title, **document_info(request, document)}
            for code, document in self.context["documents"].get(page.translation_key, [])
            if self.context["media"].shows(document)
        ]


class IncludedAssessmentSerializer(AssessmentCardSerializer, WithDocuments):
    """An assessment embedded by `include=`: its list shape and its reports."""


# What `include=` embeds (api/includes.py): each key only when asked for.
class EventIncluded(serializers.Serializer):
    gallery = GalleryCardSerializer(allow_null=True, required=False)
    assessment = IncludedAssessmentSerializer(allow_null=True, required=False)


class AssessmentIncluded(serializers.Serializer):
    events = EventCardSerializer(many=True, required=False)


class GalleryIncluded(serializers.Serializer):
    event = EventCardSerializer(allow_null=True, required=False)


def included(shape):
    """A serializer class's `included` field: the linked items `include=` asked for."""

    class WithIncluded(serializers.Serializer):
        included = serializers.SerializerMethodField(
            help_text="The linked items asked for with include=; empty without it."
        )

        @extend_schema_field(shape)
        def get_included(self, page):
            return self.context["included"].get(page.translation_key, {})

    return WithIncluded


class EventListSerializer(EventCardSerializer, included(EventIncluded)):  # type: ignore[misc]
    pass


class AssessmentListSerializer(AssessmentCardSerializer, included(AssessmentIncluded)):  # type: ignore[misc]
    pass


class GalleryListSerializer(GalleryCardSerializer, included(GalleryIncluded)):  # type: ignore[misc]
    pass
