"""An entry of the changes feed."""

from rest_framework import serializers

from ..models import ContentChange


class ChangeSerializer(serializers.Serializer):
    cursor = serializers.CharField()
    type = serializers.CharField()
    translation_key = serializers.UUIDField()
    locale = serializers.CharField()
    action = serializers.ChoiceField(choices=ContentChange.Action.values)
    api_url = serializers.URLField()
    at = serializers.DateTimeField()
