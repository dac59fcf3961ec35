"""The locales and the snippets partner sites name things with: countries, topics, organisations."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from . import codes
from .refs import CountryRole, OrganisationRef, TopicRef, choice


class PublishedCounts(serializers.Serializer):
    events = serializers.IntegerField(min_value=0)
    assessments = serializers.IntegerField(min_value=0)
    galleries = serializers.IntegerField(min_value=0)


class LocaleSerializer(serializers.Serializer):
    code = serializers.ChoiceField(choices=codes.LOCALES)
    english_name = serializers.CharField()
    native_name = serializers.CharField()
    direction = serializers.ChoiceField(choices=codes.DIRECTIONS)
    is_source = serializers.BooleanField()
    api_url = serializers.URLField()
    counts = PublishedCounts()


class CountrySerializer(serializers.Serializer):
    code = serializers.ChoiceField(choices=codes.COUNTRY_CODES, source="iso_code")
    name = serializers.SerializerMethodField()
    role = serializers.SerializerMethodField()

    def get_name(self, country) -> str:
        return country.name_in(country.locale.language_code)

    @extend_schema_field(CountryRole)
    def get_role(self, country):
        return choice(country, "role")


class TopicSerializer(TopicRef):
    description = serializers.CharField()


class OrganisationSerializer(OrganisationRef):
    pass  # the organisations of a locale, each as items refer to it
