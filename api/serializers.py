"""Output shapes of the API: one small serializer per shape, listing and detail apart.

Serializers read what the view prepared in their context (translation states, published
translations, related pages, the rich text renderer), so they never query per item.
"""

from functools import cache

from django.utils import translation
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cms import i18n

from . import links
from .renditions import rendition_set


class Choice(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()


def choice(instance, field):
    code = getattr(instance, field)
    return {"code": code, "label": str(_choice_labels(type(instance), field).get(code, code))}


@cache
def _choice_labels(model, field):
    """A choice field's labels, still lazy: `str` translates them into the active language.
    (`get_<field>_display` rebuilds this mapping on every call.)"""
    return dict(model._meta.get_field(field).flatchoices)


def in_order(relation):
    """A page's inline items in the order its editor gave them (the API fetches them unordered)."""
    return sorted(relation.all(), key=lambda item: (item.sort_order is None, item.sort_order or 0, item.pk))


class CountryName(serializers.CharField):
    """A country's name in the active language: an item's own, as ItemSerializer sets it, or the
    locale of a snippet list, as its view sets it."""

    def __init__(self, **kwargs):
        super().__init__(source="*", **kwargs)

    def to_representation(self, country):
        return country.name_in(translation.get_language())


# A country as items and organisations name it: the fields give the schema and, through
# `country_ref`, every response too, so the two cannot drift apart.
class CountryRef(serializers.Serializer):
    code = serializers.CharField(source="iso_code")
    name = CountryName()


_country_ref = CountryRef()


def country_ref(country):
    """A country's `CountryRef` (None for none), where a field builds its value by hand."""
    return None if country is None else _country_ref.to_representation(country)


class TopicRef(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


_topic_ref = TopicRef()


class LocaleLink(serializers.Serializer):
    locale = serializers.CharField()
    api_url = serializers.URLField()


class TranslationInfo(serializers.Serializer):
    source_locale = serializers.CharField()
    status = serializers.ChoiceField(choices=["current", "outdated", "incomplete"])
    source_last_published_at = serializers.DateTimeField(allow_null=True)


class PageRef(serializers.Serializer):
    translation_key = serializers.UUIDField()
    locale = serializers.CharField()
    title = serializers.CharField()
    api_url = serializers.URLField()


class RenditionSerializer(serializers.Serializer):
    url = serializers.URLField()
    width = serializers.IntegerField()
    height = serializers.IntegerField()


class RenditionSet(serializers.Serializer):
    thumbnail = RenditionSerializer()
    medium = RenditionSerializer()
    large = RenditionSerializer()


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
        # Labels, dates and country names in the language of the item itself.
        with translation.override(instance.locale.language_code):
            return super().to_representation(instance)

    @property
    def requested(self):
        return self.context["language_code"]

    def get_type(self, page) -> str:
        return links.TYPE_OF_MODEL[type(page)]

    def get_locale(self, page) -> str:
        return page.locale.language_code

    def get_requested_locale(self, page) -> str:
        return self.requested

    def get_is_fallback(self, page) -> bool:
        return page.locale.language_code != self.requested

    def get_api_url(self, page) -> str:
        return self._api_url(type(page), page.locale.language_code, page.slug)

    def _api_url(self, model, language_code, slug):
        path = links.detail_path(links.COLLECTION_OF_MODEL[model], language_code, slug)
        return links.absolute(self.context.get("request"), path)

    def get_direction(self, page) -> str:
        return i18n.locale_info(page.locale.language_code).direction

    @extend_schema_field(LocaleLink(many=True))
    def get_translations(self, page):
        others = self.context["translations"].get(page.translation_key, [])
        return [
            {"locale": code, "api_url": self._api_url(type(page), code, slug)}
            for code, slug in others
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


class BlockSerializer(serializers.Serializer):
    """One block of a body: `type` says which, the other keys depend on it."""

    type = serializers.CharField()


def stream_blocks(stream, context):
    """A StreamField's blocks; image blocks are read from the raw data (only their renditions are
    shown, and those come with the context), so no image is loaded or processed here."""
    renderer, request = context["renderer"], context.get("request")
    blocks = []
    for index, raw in enumerate(stream.raw_data):
        if raw["type"] == "image":
            renditions = rendition_set(request, context["renditions"].get(raw["value"].get("image")))
            if renditions:  # none for a private image
                value = raw["value"]
                blocks.append(
                    {
                        "type": "image",
                        "caption": value.get("caption", ""),
                        "alt_text": value.get("alt_text", ""),
                        "renditions": renditions,
                    }
                )
            continue
        block = stream[index]
        value = block.value
        if block.block_type == "paragraph":
            blocks.append({"type": "paragraph", "html": renderer.html(value)})
        elif block.block_type == "heading":
            blocks.append({"type": "heading", "text": value})
        elif block.block_type == "bullet_list":
            blocks.append({"type": "bullet_list", "items": list(value)})
        elif block.block_type == "quote":
            blocks.append({"type": "quote", "text": value["quote"], "attribution": value["attribution"]})
        elif block.block_type == "document" and renderer.visibility.media.shows(value["document"]):
            document = value["document"]
            blocks.append(
                {
                    "type": "document",
                    "title": value["title"] or document.title,
                    **document_info(request, document),
                }
            )
    return blocks


def document_info(request, document):
    return {
        "url": links.absolute(request, document.url),
        "file_size": document.file_size,  # recorded at upload; never computed (and saved) in a GET
        "content_type": document.content_type,
    }


def text_items(stream):
    return [block.value for block in stream]


class ClassifiedItemSerializer(ItemSerializer):
    """Events and assessments: a kind, a country and topics."""

    kind = serializers.SerializerMethodField()
    country = serializers.SerializerMethodField()
    topics = serializers.SerializerMethodField()

    @extend_schema_field(Choice)
    def get_kind(self, page):
        return choice(page, "kind")

    @extend_schema_field(CountryRef(allow_null=True))
    def get_country(self, page):
        return country_ref(page.country)

    @extend_schema_field(TopicRef(many=True))
    def get_topics(self, page):
        return [_topic_ref.to_representation(item.topic) for item in in_order(page.topics)]

    @extend_schema_field(BlockSerializer(many=True))
    def get_body(self, page):
        return stream_blocks(page.body, self.context)


class EventListSerializer(ClassifiedItemSerializer):
    start_date = serializers.DateField()
    end_date = serializers.DateField()
    dates_display = serializers.CharField()
    city = serializers.CharField()


class OrganisationRef(serializers.Serializer):
    name = serializers.CharField()
    acronym = serializers.CharField()
    website = serializers.CharField()
    country = CountryRef(allow_null=True)


_organisation_ref = OrganisationRef()


def organisation_ref(organisation):
    return None if organisation is None else _organisation_ref.to_representation(organisation)


class EventOrganisationSerializer(OrganisationRef):
    role = Choice()


class PersonRef(serializers.Serializer):
    honorific = serializers.CharField()
    name = serializers.CharField()
    role = serializers.CharField()
    organisation = OrganisationRef(allow_null=True)


class ExpertSerializer(PersonRef):
    role_at_event = Choice()


class ProgrammeDaySerializer(serializers.Serializer):
    date = serializers.DateField(allow_null=True)
    title = serializers.CharField()
    focus = serializers.CharField()


class ParticipantGroupSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    description = serializers.CharField()
    organisation = OrganisationRef(allow_null=True)


class ParticipantsSerializer(serializers.Serializer):
    total = serializers.IntegerField(allow_null=True)
    women = serializers.IntegerField(allow_null=True)
    men = serializers.IntegerField(allow_null=True)
    not_recorded = serializers.IntegerField(allow_null=True)
    groups = ParticipantGroupSerializer(many=True)


class EventDetailSerializer(EventListSerializer):
    scope = serializers.SerializerMethodField()
    venue = serializers.CharField()
    organisations = serializers.SerializerMethodField()
    participating_countries = serializers.SerializerMethodField()
    target_audience = serializers.SerializerMethodField()
    objectives = serializers.SerializerMethodField()
    body = serializers.SerializerMethodField()
    programme = serializers.SerializerMethodField()
    experts = serializers.SerializerMethodField()
    participants = serializers.SerializerMethodField()
    learning_points = serializers.SerializerMethodField()
    outcomes = serializers.SerializerMethodField()
    feedback = serializers.SerializerMethodField()
    gallery = serializers.SerializerMethodField()
    assessment = serializers.SerializerMethodField()

    @extend_schema_field(Choice)
    def get_scope(self, page):
        return choice(page, "scope")

    @extend_schema_field(EventOrganisationSerializer(many=True))
    def get_organisations(self, page):
        return [
            {**organisation_ref(item.organisation), "role": choice(item, "role")}
            for item in in_order(page.organisations)
        ]

    @extend_schema_field(CountryRef(many=True))
    def get_participating_countries(self, page):
        return [country_ref(item.country) for item in in_order(page.participating_countries)]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_target_audience(self, page):
        return text_items(page.target_audience)

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_objectives(self, page):
        return text_items(page.objectives)

    @extend_schema_field(ProgrammeDaySerializer(many=True))
    def get_programme(self, page):
        return [
            {"date": day.value["date"], "title": day.value["title"], "focus": day.value["focus"]}
            for day in page.programme
        ]

    @extend_schema_field(ExpertSerializer(many=True))
    def get_experts(self, page):
        return [
            {
                "honorific": item.person.get_honorific_display(),
                "name": item.person.name,
                "role": item.person.role,
                "organisation": organisation_ref(item.person.organisation),
                "role_at_event": choice(item, "role"),
            }
            for item in in_order(page.experts)
        ]

    @extend_schema_field(ParticipantsSerializer)
    def get_participants(self, page):
        organisations = self.context["organisations"]
        return {
            "total": page.participants_total,
            "women": page.participants_women,
            "men": page.participants_men,
            "not_recorded": page.participants_not_recorded,
            "groups": [
                {
                    "count": group["value"]["count"],
                    "description": group["value"]["description"],
                    "organisation": organisation_ref(organisations.get(group["value"].get("organisation"))),
                }
                for group in page.participant_groups.raw_data
            ],
        }

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_learning_points(self, page):
        return text_items(page.learning_points)

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_outcomes(self, page):
        return text_items(page.outcomes)

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_feedback(self, page):
        return text_items(page.feedback)

    @extend_schema_field(PageRef(allow_null=True))
    def get_gallery(self, page):
        return self.related_one("gallery", page)

    @extend_schema_field(PageRef(allow_null=True))
    def get_assessment(self, page):
        return self.related_one("assessment", page)


class AssessmentListSerializer(ClassifiedItemSerializer):
    publication_date = serializers.DateField(allow_null=True)
    publication_date_display = serializers.CharField()


class DocumentVersion(serializers.Serializer):
    locale = serializers.CharField()
    title = serializers.CharField()
    url = serializers.URLField()
    file_size = serializers.IntegerField(allow_null=True)
    content_type = serializers.CharField()


class AssessmentDetailSerializer(AssessmentListSerializer):
    body = serializers.SerializerMethodField()
    recommendations = serializers.SerializerMethodField()
    documents = serializers.SerializerMethodField()
    related_events = serializers.SerializerMethodField()

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_recommendations(self, page):
        return text_items(page.recommendations)

    @extend_schema_field(DocumentVersion(many=True))
    def get_documents(self, page):
        request = self.context.get("request")
        return [
            {"locale": code, "title": document.title, **document_info(request, document)}
            for code, document in self.context["documents"].get(page.translation_key, [])
            if self.context["media"].shows(document)
        ]

    @extend_schema_field(PageRef(many=True))
    def get_related_events(self, page):
        return self.related("events", page)


class PhotoSerializer(serializers.Serializer):
    caption = serializers.CharField()
    alt_text = serializers.CharField()
    renditions = RenditionSet()


class GalleryListSerializer(ItemSerializer):
    date = serializers.DateField(allow_null=True)
    credit = serializers.CharField()
    cover = serializers.SerializerMethodField()
    event = serializers.SerializerMethodField()

    @extend_schema_field(RenditionSet(allow_null=True))
    def get_cover(self, page):
        # the chosen photo, else the first; a private one gives way to the first photo that is not
        return rendition_set(self.context.get("request"), self.context["renditions"].get(page.cover_image_id))

    @extend_schema_field(PageRef(allow_null=True))
    def get_event(self, page):
        return self.related_one("event", page)


class GalleryDetailSerializer(GalleryListSerializer):
    photos = serializers.SerializerMethodField()

    @extend_schema_field(PhotoSerializer(many=True))
    def get_photos(self, page):
        request, renditions = self.context.get("request"), self.context["renditions"]
        # photos of a private collection are not prefetched; a photo without its renditions is left out
        photos = in_order(page.photos)
        shown = [(photo, rendition_set(request, renditions.get(photo.image_id))) for photo in photos]
        return [
            {"caption": photo.caption, "alt_text": photo.alt_text, "renditions": sizes}
            for photo, sizes in shown
            if sizes
        ]


class LocaleSerializer(serializers.Serializer):
    code = serializers.CharField()
    english_name = serializers.CharField()
    native_name = serializers.CharField()
    direction = serializers.ChoiceField(choices=["ltr", "rtl"])
    is_source = serializers.BooleanField()
    api_url = serializers.URLField()
    counts = serializers.DictField(child=serializers.IntegerField())


class CountrySerializer(serializers.Serializer):
    code = serializers.CharField(source="iso_code")
    name = serializers.SerializerMethodField()
    role = serializers.SerializerMethodField()

    def get_name(self, country) -> str:
        return country.name_in(country.locale.language_code)

    @extend_schema_field(Choice)
    def get_role(self, country):
        return choice(country, "role")


class TopicSerializer(TopicRef):
    description = serializers.CharField()


class OrganisationSerializer(OrganisationRef):
    pass  # the organisations of a locale, each as items refer to it
