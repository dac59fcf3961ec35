"""The small shapes other shapes are made of: choices, and references to countries, topics,
organisations, people, pages and images."""

from functools import cache

from django.db.models import Model
from django.utils import translation
from rest_framework import serializers

from . import codes


def constant(value):
    """The OpenAPI schema of a string that is always `value`."""
    return {"type": "string", "const": value}


class Constant(serializers.Field):
    """A field that always holds the same string, like the `type` that tells shapes of a union
    apart (a `const` in the OpenAPI schema: api.schema.ConstantExtension)."""

    def __init__(self, value, **kwargs):
        self.value = value
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, instance):
        return self.value


class Choice(serializers.Serializer):
    """A choice: its code, one of a fixed set, and its label in the requested language. Each set
    has its own shape below, so that the schema names the codes of each (an enum)."""

    code = serializers.CharField()
    label = serializers.CharField()


class EventKind(Choice):
    code = serializers.ChoiceField(choices=codes.EVENT_KINDS)


class EventScope(Choice):
    code = serializers.ChoiceField(choices=codes.EVENT_SCOPES)


class AssessmentKind(Choice):
    code = serializers.ChoiceField(choices=codes.ASSESSMENT_KINDS)


class CountryRole(Choice):
    code = serializers.ChoiceField(choices=codes.COUNTRY_ROLES)


class OrganisationRole(Choice):
    code = serializers.ChoiceField(choices=codes.ORGANISATION_ROLES)


class ExpertRole(Choice):
    code = serializers.ChoiceField(choices=codes.EXPERT_ROLES)


def choice(instance: Model, field: str):
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
    code = serializers.ChoiceField(choices=codes.COUNTRY_CODES, source="iso_code")
    name = CountryName()


_country_ref = CountryRef()


def country_ref(country):
    """A country's `CountryRef` (None for none), where a field builds its value by hand."""
    return None if country is None else _country_ref.to_representation(country)


class TopicRef(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


_topic_ref = TopicRef()


def topic_ref(topic):
    return _topic_ref.to_representation(topic)


class OrganisationRef(serializers.Serializer):
    name = serializers.CharField()
    acronym = serializers.CharField()
    website = serializers.CharField()
    country = CountryRef(allow_null=True)


_organisation_ref = OrganisationRef()


def organisation_ref(organisation):
    return None if organisation is None else _organisation_ref.to_representation(organisation)


class PersonRef(serializers.Serializer):
    honorific = serializers.CharField()
    name = serializers.CharField()
    role = serializers.CharField()
    organisation = OrganisationRef(allow_null=True)


class PageRef(serializers.Serializer):
    translation_key = serializers.UUIDField()
    locale = serializers.ChoiceField(choices=codes.LOCALES)
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


class ImageCandidate(serializers.Serializer):
    url = serializers.URLField()
    width = serializers.IntegerField()
    height = serializers.IntegerField()
    alt = serializers.CharField()


class ImageSource(serializers.Serializer):
    type = serializers.ChoiceField(choices=["image/webp", "image/jpeg"], help_text="A `<source>`'s type.")
    srcset = serializers.CharField(help_text="`url width` pairs, ready for a `srcset` attribute.")
    renditions = ImageCandidate(many=True)


class FocalPoint(serializers.Serializer):
    x = serializers.FloatField(help_text="Percent of the width, for CSS object-position.")
    y = serializers.FloatField(help_text="Percent of the height.")


class ResponsiveImage(serializers.Serializer):
    """An image for `<picture>`: WebP and JPEG sources in several widths, made on publishing."""

    alt = serializers.CharField()
    caption = serializers.CharField()
    width = serializers.IntegerField(help_text="The original's width.")
    height = serializers.IntegerField()
    focal_point = FocalPoint(allow_null=True)
    src = ImageCandidate(help_text="The largest JPEG, for an `<img>` without `srcset`.")
    sources = ImageSource(many=True)
