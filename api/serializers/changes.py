"""An entry of the changes feed."""

from rest_framework import serializers

from ..links import COLLECTION_OF_TYPE
from ..models import ContentChange
from . import codes


class ChangeSerializer(serializers.Serializer):
    cursor = serializers.RegexField(r"^[0-9]+$", help_text="Give the last one applied as `since`")
    type = serializers.ChoiceField(choices=sorted(COLLECTION_OF_TYPE))
    translation_key = serializers.UUIDField()
    locale = serializers.ChoiceField(choices=codes.LOCALES)
    action = serializers.ChoiceField(choices=ContentChange.Action.values)
    api_url = serializers.URLField()
    at = serializers.DateTimeField()
