"""The translation editor speaks the translator's language where wagtail-localize does not: an
event's experts, organisations, participating countries and topics are named as the admin names
them, and the day each segment was translated is written the way the language writes a day."""

import json
import re
from html import unescape
from urllib.parse import urlencode

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import capfirst
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, Translation

from cms import i18n
from pages.models import EventExpert, EventOrganisation, EventPage, EventParticipatingCountry, EventTopic

pytestmark = pytest.mark.django_db
ITEMS = (EventExpert, EventOrganisation, EventParticipatingCountry, EventTopic)
ENGLISH_MONTH = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|November|December)\b"
)


def editor_settings(response) -> dict:
    found = re.search(r'class="js-translation-editor" data-props="([^"]*)"', response.content.decode())
    assert found, "not the translation editor"
    return json.loads(unescape(found.group(1)))


def event_in(code):
    english = EventPage.objects.get(locale__language_code="en", slug="dgmm-awareness-training-adana-2016")
    return english.get_translation(Locale.objects.get(language_code=code))


def signed_in(client, code):
    client.force_login(get_user_model().objects.get(username=f"{code}-editor"))
    return client


@pytest.mark.parametrize("code", i18n.TRANSLATION_LANGUAGES)
def test_inline_items_are_named_in_the_editors_language(client, code):
    settings = editor_settings(signed_in(client, code).get(f"/admin/pages/{event_in(code).pk}/edit/"))

    labels = {segment["location"]["field"] for segment in settings["segments"]}
    with translation.override(code):
        names = {capfirst(str(item._meta.verbose_name)) for item in ITEMS}
    assert names <= labels


@pytest.mark.parametrize("code", ["sq", "ur", "tr"])
def test_the_day_a_segment_was_translated_is_in_the_editors_language(client, code):
    event = event_in(code)
    signed_in(client, code)
    today = i18n.format_day(timezone.now().date(), code)

    notes = [
        item["comment"]
        for item in editor_settings(client.get(f"/admin/pages/{event.pk}/edit/"))["initialStringTranslations"]
    ]
    assert notes and not [note for note in notes if ENGLISH_MONTH.search(note)]

    record = Translation.objects.get(source__object_id=event.translation_key, target_locale=event.locale)
    segment = StringSegment.objects.filter(source=record.source).first()
    url = reverse("wagtail_localize:edit_string_translation", args=(record.pk, segment.pk))
    saved = client.put(
        url, urlencode({"value": "Një përkthim i ri"}), content_type="application/x-www-form-urlencoded"
    )
    assert saved.status_code == 200
    assert today in saved.json()["comment"]
    assert not ENGLISH_MONTH.search(saved.json()["comment"])
