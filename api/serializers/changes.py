"""An entry of the changes feed."""

from rest_framework import serializers

from cms import i18n

from ..links import COLLECTION_OF_TYPE
from ..models import ContentChange


class ChangeSerializer(serializers.Serializer):
    cursor = serializers.RegexField(r"^[0-9]+$", help_text="Give the last one applied as `since`")
    type = serializers.ChoiceField(choices=sorted(COLLECTION_OF_TYPE))
    translation_key = serializers.UUIDField()
    locale = serializers.ChoiceField(choices=list(i18n.LANGUAGE_CODES))
    action = serializers.ChoiceField(choices=ContentChange.Action.values)
    api_url = serializers.URLField()
    at = serializers.DateTimeField()
