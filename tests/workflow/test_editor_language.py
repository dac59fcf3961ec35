"""The translation editor labels an event's segments in the translator's language: its experts,
organisations, participating countries and topics are named as the admin names them."""

import json
import re
from html import unescape

import pytest
from django.contrib.auth import get_user_model
from django.utils import translation
from django.utils.text import capfirst

from cms import i18n
from pages.models import EventExpert, EventOrganisation, EventPage, EventParticipatingCountry, EventTopic

pytestmark = pytest.mark.django_db
ITEMS = (EventExpert, EventOrganisation, EventParticipatingCountry, EventTopic)


def segment_labels(response) -> set[str]:
    found = re.search(r'class="js-translation-editor" data-props="([^"]*)"', response.content.decode())
    assert found, "not the translation editor"
    props = json.loads(unescape(found.group(1)))
    return {segment["location"]["field"] for segment in props["segments"]}


@pytest.mark.parametrize("code", i18n.TRANSLATION_LANGUAGES)
def test_inline_items_are_named_in_the_editors_language(client, code):
    english = EventPage.objects.get(locale__language_code="en", slug="dgmm-awareness-training-adana-2016")
    event = english.get_translation(english.locale.__class__.objects.get(language_code=code))
    client.force_login(get_user_model().objects.get(username=f"{code}-editor"))

    labels = segment_labels(client.get(f"/admin/pages/{event.pk}/edit/"))

    with translation.override(code):
        names = {capfirst(str(item._meta.verbose_name)) for item in ITEMS}
    assert names <= labels
