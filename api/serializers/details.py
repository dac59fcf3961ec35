"""What a detail shows beyond its list shape: an event's programme, people and participants,
an assessment's reports, a gallery's photos."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..renditions import rendition_set, responsive_image
from . import json_ld as schema_org
from .blocks import text_items
from .lists import AssessmentListSerializer, EventListSerializer, GalleryListSerializer, WithDocuments
from .refs import (
    CountryRef,
    EventScope,
    ExpertRole,
    OrganisationRef,
    OrganisationRole,
    PageRef,
    PersonRef,
    RenditionSet,
    ResponsiveImage,
    choice,
    country_ref,
    in_order,
    organisation_ref,
)


class EventOrganisationSerializer(OrganisationRef):
    role = OrganisationRole()


class ExpertSerializer(PersonRef):
    role_at_event = ExpertRole()


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
    json_ld = serializers.SerializerMethodField()

    @extend_schema_field(EventScope)
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

    @extend_schema_field(schema_org.SCHEMA)
    def get_json_ld(self, page):
        return schema_org.event(page)


class AssessmentDetailSerializer(AssessmentListSerializer, WithDocuments):
    body = serializers.SerializerMethodField()
    recommendations = serializers.SerializerMethodField()
    documents = serializers.SerializerMethodField()  # WithDocuments', after the body as before
    related_events = serializers.SerializerMethodField()
    json_ld = serializers.SerializerMethodField()

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_recommendations(self, page):
        return text_items(page.recommendations)

    @extend_schema_field(PageRef(many=True))
    def get_related_events(self, page):
        return self.related("events", page)

    @extend_schema_field(schema_org.SCHEMA)
    def get_json_ld(self, page):
        return schema_org.assessment(page, self.context)


class PhotoSerializer(serializers.Serializer):
    caption = serializers.CharField()
    alt_text = serializers.CharField()
    renditions = RenditionSet()
    image = ResponsiveImage()


class GalleryDetailSerializer(GalleryListSerializer):
    photos = serializers.SerializerMethodField()
    json_ld = serializers.SerializerMethodField()

    @extend_schema_field(PhotoSerializer(many=True))
    def get_photos(self, page):
        request, renditions = self.context.get("request"), self.context["renditions"]
        # photos of a private collection are not prefetched; a photo without its renditions is left out
        photos = in_order(page.photos)
        shown = [
            (
                photo,
                rendition_set(request, renditions.get(photo.image_id)),
                responsive_image(request, renditions.get(photo.image_id), photo.alt_text, photo.caption),
            )
            for photo in photos
        ]
        return [
            {"caption": photo.caption, "alt_text": photo.alt_text, "renditions": sizes, "image": image}
            for photo, sizes, image in shown
            if sizes and image
        ]

    @extend_schema_field(schema_org.SCHEMA)
    def get_json_ld(self, page):
        return schema_org.gallery(page, self.get_photos(page))
