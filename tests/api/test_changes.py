"""A partner that replays the changes feed ends with exactly what the lists show."""

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale, PageViewRestriction

from editorial import localization
from pages.models import EventIndexPage, EventPage
from tests.content import in_locale

pytestmark = pytest.mark.django_db

LOCALES = ["en", "sq", "az", "bs", "ro", "ur", "tr"]


def listed(client):
    """(locale, translation key) of everything the list endpoints show, in every locale."""
    shown = set()
    for code in LOCALES:
        for collection in ("events", "assessments", "galleries"):
            for item in client.get(f"/api/v1/{code}/{collection}/?page_size=100").json()["results"]:
                shown.add((item["locale"], item["translation_key"]))
    return shown


def feed_since(client, since=None):
    """Every entry of the feed after a cursor (from the start without one), page after page, and
    the cursor to continue from."""
    entries, cursor = [], since
    while True:
        query = {"since": cursor} if cursor else {}
        body = client.get("/api/v1/changes/", query).json()
        entries += body["results"]
        cursor = body["next_cursor"]
        if not body["has_more"]:
            return entries, cursor


def replay(client, since=None, state=None):
    """Apply the feed like a partner site: upsert on published/updated, remove on tombstones."""
    state = set() if state is None else set(state)
    entries, cursor = feed_since(client, since)
    for entry in entries:
        item = (entry["locale"], entry["translation_key"])
        if entry["action"] in ("published", "updated"):
            state.add(item)
        else:
            state.discard(item)
    return state, cursor


def test_replaying_the_feed_gives_the_lists_after_mixed_changes(
    client, django_capture_on_commit_callbacks, adana, media_workshop, gallery
):
    start_state, start_cursor = replay(client)
    assert start_state == listed(client)

    with django_capture_on_commit_callbacks(execute=True):
        # a new English event, then its Turkish translation
        index = EventIndexPage.objects.get(locale__language_code="en")
        meeting = EventPage(title="Validation meeting", kind="meeting", start_date=timezone.now().date())
        index.add_child(instance=meeting)
        meeting.save_revision().publish()
        localization.translate(meeting, Locale.objects.get(language_code="tr"), lambda text: f"{text} (tr)")
    with django_capture_on_commit_callbacks(execute=True):
        adana.summary = "Edited summary."
        adana.save_revision().publish()  # updated, in English and (status) in every translation
        in_locale(media_workshop, "ur").unpublish()
        in_locale(EventPage.objects.get(slug="training-seminar-tirana-2016"), "sq").delete()
        PageViewRestriction.objects.create(page=gallery, restriction_type="login")

    expected = listed(client)
    assert ("tr", str(meeting.translation_key)) in expected
    assert ("ur", str(media_workshop.translation_key)) not in expected
    assert ("sq", str(gallery.translation_key)) not in expected

    from_scratch, _cursor = replay(client)
    assert from_scratch == expected
    incremental, _cursor = replay(client, since=start_cursor, state=start_state)
    assert incremental == expected

    actions = {
        entry["action"] for entry in client.get("/api/v1/changes/", {"since": start_cursor}).json()["results"]
    }
    assert actions == {"published", "updated", "unpublished", "deleted"}


def test_the_feed_can_be_read_per_locale(client):
    entries = client.get("/api/v1/changes/", {"locale": "ur"}).json()["results"]
    assert entries and {entry["locale"] for entry in entries} == {"ur"}
    entry = entries[0]
    assert set(entry) == {"cursor", "type", "translation_key", "locale", "action", "api_url", "at"}
    assert entry["api_url"].startswith("http://testserver/api/v1/ur/")


def test_an_empty_page_keeps_the_cursor(client):
    cursor = replay(client)[1]
    body = client.get("/api/v1/changes/", {"since": cursor}).json()
    assert body == {"results": [], "next_cursor": cursor, "has_more": False}


def test_a_translation_converted_into_an_alias_leaves_its_locale_at_once(
    client, django_user_model, django_capture_on_commit_callbacks, adana
):
    """The Albanian page becomes a copy of the English one: the API no longer shows it as Albanian
    content, and a partner replaying the feed removes it too."""
    albanian = in_locale(adana, "sq")
    start_state, start_cursor = replay(client)
    assert client.get(f"/api/v1/sq/events/{albanian.slug}/").status_code == 200  # cached now

    moderator = django_user_model.objects.get(username="moderator")
    admin = type(client)()
    admin.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(reverse("wagtail_localize:convert_to_alias", args=(albanian.pk,)))
    assert response.status_code == 302
    albanian.refresh_from_db()
    assert albanian.alias_of_id == adana.pk

    assert client.get(f"/api/v1/sq/events/{albanian.slug}/").status_code == 404
    expected = listed(client)
    assert ("sq", str(adana.translation_key)) not in expected
    incremental, _cursor = replay(client, since=start_cursor, state=start_state)
    assert incremental == expected


def entries_since(client, cursor):
    return {
        (entry["action"], entry["locale"], entry["translation_key"])
        for entry in feed_since(client, cursor)[0]
    }


def test_unpublishing_a_translation_updates_the_items_that_show_it(
    client, django_capture_on_commit_callbacks, media_workshop, gallery
):
    """Its other languages list it under `translations`, and the Urdu gallery of the event names
    the event (now the English one): each gets one `updated`, nothing else does."""
    before = listed(client)
    _state, cursor = replay(client)
    with django_capture_on_commit_callbacks(execute=True):
        in_locale(media_workshop, "ur").unpublish()

    event, photos = str(media_workshop.translation_key), str(gallery.translation_key)
    siblings = {("updated", code, key) for code, key in before if key == event and code != "ur"}
    expected = {("unpublished", "ur", event), ("updated", "ur", photos), *siblings}
    assert entries_since(client, cursor) == expected
    assert len(feed_since(client, cursor)[0]) == len(siblings) + 2


def test_renaming_a_topic_updates_the_items_that_show_it(
    client, django_capture_on_commit_callbacks, media_workshop
):
    topic = in_locale(media_workshop, "sq").topics.first().topic
    showing = {
        ("updated", "sq", item["translation_key"])
        for collection in ("events", "assessments")
        for item in client.get(f"/api/v1/sq/{collection}/", {"topic": topic.code, "page_size": 100}).json()[
            "results"
        ]
    }
    assert showing
    _state, cursor = replay(client)
    with django_capture_on_commit_callbacks(execute=True):
        topic.name = "Identifikimi i viktimave"
        topic.save()

    assert entries_since(client, cursor) == showing
    detail = client.get(f"/api/v1/sq/events/{in_locale(media_workshop, 'sq').slug}/")
    assert "Identifikimi i viktimave" in {item["name"] for item in detail.json()["topics"]}


def test_an_item_gets_one_update_per_transaction(client, django_capture_on_commit_callbacks, media_workshop):
    """Republishing the English event updates each of its languages; unpublishing the Urdu one in
    the same transaction would update them again: partners read the feed after the commit, so the
    first entry already fetches what they end up as."""
    before = listed(client)
    _state, cursor = replay(client)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        media_workshop.save_revision().publish()
        in_locale(media_workshop, "ur").unpublish()

    event = str(media_workshop.translation_key)
    entries = [
        (entry["action"], entry["locale"])
        for entry in feed_since(client, cursor)[0]
        if entry["translation_key"] == event
    ]
    shown_in = {code for code, key in before if key == event}
    assert sorted(entries) == sorted([("updated", code) for code in shown_in] + [("unpublished", "ur")])


def test_deleting_an_english_page_with_its_translations_leaves_a_tombstone_in_every_locale(
    client, django_capture_on_commit_callbacks, media_workshop, gallery
):
    """The event goes in every language at once (the source first, then each translation, as
    Wagtail's delete view cascades it): a tombstone in each locale it was shown in, and its gallery,
    which named it, is updated in each of its own."""
    before = listed(client)
    _state, cursor = replay(client)
    event, photos = str(media_workshop.translation_key), str(gallery.translation_key)
    translations = list(media_workshop.get_translations())
    assert translations
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        media_workshop.delete()
        for translation in translations:
            translation.delete()

    shown_in = {code for code, key in before if key == event}
    assert len(shown_in) == len(LOCALES)
    entries = entries_since(client, cursor)
    assert {entry for entry in entries if entry[2] == event} == {
        ("deleted", code, event) for code in shown_in
    }
    assert {("updated", code, photos) for code, key in before if key == photos} <= entries
    assert all(
        client.get(f"/api/v1/{code}/galleries/{slug}/").json()["event"] is None
        for code, slug in galleries_by_locale(client, photos).items()
    )
    assert replay(client)[0] == listed(client)


def test_deleting_only_the_english_page_updates_its_translations(
    client, django_capture_on_commit_callbacks, adana
):
    """Its translations stay published, but none lists English among its `translations` now, and
    none has an English source to report a status against: each is `updated`."""
    before = listed(client)
    _state, cursor = replay(client)
    event = str(adana.translation_key)
    with django_capture_on_commit_callbacks(execute=True):
        adana.delete()

    remaining = {code for code, key in before if key == event and code != "en"}
    assert remaining
    entries = entries_since(client, cursor)
    assert {entry for entry in entries if entry[2] == event} == {("deleted", "en", event)} | {
        ("updated", code, event) for code in remaining
    }
    for code in remaining:
        slug = in_locale_slug(client, code, event)
        detail = client.get(f"/api/v1/{code}/events/{slug}/").json()
        assert "en" not in {other["locale"] for other in detail["translations"]}
        assert detail["translation"] is None
    assert replay(client)[0] == listed(client)


def galleries_by_locale(client, key):
    """{locale: slug} of a gallery wherever it is listed."""
    return {
        code: item["slug"]
        for code in LOCALES
        for item in client.get(f"/api/v1/{code}/galleries/?page_size=100").json()["results"]
        if item["translation_key"] == key
    }


def in_locale_slug(client, code, key):
    results = client.get(f"/api/v1/{code}/events/?page_size=100").json()["results"]
    return next(item["slug"] for item in results if item["translation_key"] == key)
