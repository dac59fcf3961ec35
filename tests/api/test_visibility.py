"""Nothing unpublished, scheduled, expired, restricted or private ever leaves the API."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import Locale, PageViewRestriction

from editorial import localization
from pages.models import EventIndexPage, EventPage
from tests.content import in_locale

pytestmark = pytest.mark.django_db

LOCALES = ["en", "sq", "az", "bs", "ro", "ur", "tr"]


def everything(client):
    """Every body the API would give a partner: lists, details and search.

    The changes feed is history: what it once announced stays, followed by a tombstone
    (tests/api/test_changes.py).
    """
    bodies = []
    for code in LOCALES:
        for collection in ("events", "assessments", "galleries"):
            listing = client.get(f"/api/v1/{code}/{collection}/?fallback=source&page_size=100").json()
            bodies.append(str(listing))
            for item in listing["results"]:
                bodies.append(client.get(item["api_url"].replace("http://testserver", "")).content.decode())
        bodies.append(client.get(f"/api/v1/{code}/search/", {"q": "trafficking"}).content.decode())
    return "\n".join(bodies)


def new_event(title, **fields):
    index = EventIndexPage.objects.get(locale__language_code="en")
    event = EventPage(title=title, kind="meeting", start_date=timezone.now().date(), **fields)
    index.add_child(instance=event)
    return event


def test_a_never_published_draft_is_invisible(client):
    new_event("Confidential planning meeting", live=False).save_revision()
    assert "Confidential planning meeting" not in everything(client)
    assert "confidential-planning-meeting" not in client.get("/api/v1/changes/").content.decode()


def test_only_the_live_version_of_a_page_with_a_newer_draft(client, adana):
    live_title = adana.title
    adana.title = "Unreviewed new title"
    adana.save_revision()
    body = everything(client)
    assert "Unreviewed new title" not in body and live_title in body


def test_scheduled_and_expired_pages_are_invisible(client, adana):
    scheduled = new_event("Meeting that goes live next week", live=False)
    scheduled.go_live_at = timezone.now() + timedelta(days=7)
    scheduled.save_revision().publish()
    assert not scheduled.live
    adana.expire_at = timezone.now() - timedelta(minutes=1)  # publish_scheduled has not run yet
    adana.save()
    body = everything(client)
    assert "Meeting that goes live next week" not in body
    assert adana.title not in body and adana.slug not in body
    assert in_locale(adana, "tr").title in body  # the translation has its own schedule


def test_a_restriction_on_the_english_page_hides_every_translation(client, adana):
    turkish = in_locale(adana, "tr")
    PageViewRestriction.objects.create(page=adana, restriction_type="password", password="secret")
    assert client.get(f"/api/v1/tr/events/{turkish.slug}/").status_code == 404
    assert client.get("/api/v1/tr/events/").json()["count"] == 2
    body = everything(client)
    assert adana.title not in body and turkish.slug not in body


def test_a_restriction_on_an_ancestor_hides_its_subtree(client):
    index = EventIndexPage.objects.get(locale__language_code="en")
    PageViewRestriction.objects.create(page=index, restriction_type="login")
    for code in LOCALES:
        assert client.get(f"/api/v1/{code}/events/").json()["count"] == 0
    assert client.get("/api/v1/en/assessments/").json()["count"] == 2


def test_a_restriction_on_a_translation_hides_that_locale_only(client, adana):
    def count(code):
        return client.get(f"/api/v1/{code}/events/").json()["count"]

    before = {code: count(code) for code in ("en", "sq")}
    turkish_index = EventIndexPage.objects.get(locale__language_code="tr")
    PageViewRestriction.objects.create(page=turkish_index, restriction_type="login")
    turkish = in_locale(adana, "tr")
    assert count("tr") == 0
    assert client.get(f"/api/v1/tr/events/{turkish.slug}/").status_code == 404
    english = client.get(f"/api/v1/en/events/{adana.slug}/")
    assert english.status_code == 200
    assert "tr" not in {link["locale"] for link in english.json()["translations"]}
    assert "sq" in {link["locale"] for link in english.json()["translations"]}
    assert {code: count(code) for code in ("en", "sq")} == before
    with_fallback = client.get("/api/v1/tr/events/?fallback=source").json()["results"]
    assert with_fallback and all(item["locale"] == "en" for item in with_fallback)


def test_an_english_page_copied_under_a_restricted_translation_takes_its_translations_with_it(
    client, adana, django_capture_on_commit_callbacks
):
    # Wagtail's copy keeps a page's locale under a parent of another locale: an English page under
    # a restriction, wherever it stands, hides every translation of itself
    turkish_index = EventIndexPage.objects.get(locale__language_code="tr")
    copy = adana.copy(to=turkish_index, update_attrs={"slug": "adana-copy"}, keep_live=True)
    assert copy.locale.language_code == "en" and copy.live
    with django_capture_on_commit_callbacks(execute=True):
        localization.translate(copy, Locale.objects.get(language_code="sq"), lambda text: f"SQ {text}")
    albanian = in_locale(copy, "sq")
    assert client.get(f"/api/v1/sq/events/{albanian.slug}/").status_code == 200
    PageViewRestriction.objects.create(page=turkish_index, restriction_type="login")
    assert client.get(f"/api/v1/sq/events/{albanian.slug}/").status_code == 404
    assert albanian.slug not in str(client.get("/api/v1/sq/events/?page_size=100").json())


def test_an_unpublished_translation_is_not_listed_as_one(client, media_workshop):
    lisbon = EventPage.objects.get(locale__language_code="en", slug="turkish-delegation-lisbon-2016")
    turkish = Locale.objects.get(language_code="tr")
    localization.translate(lisbon, turkish, lambda text: f"TR {text}", publish=False)
    draft = in_locale(lisbon, "tr")
    assert not draft.live
    english = client.get("/api/v1/en/events/turkish-delegation-lisbon-2016/").json()
    assert english["translations"] == []
    assert draft.title not in everything(client)


def test_no_users_emails_admin_urls_or_database_markup(client):
    body = everything(client)
    for secret in ["admin@example.org", "/admin/", "linktype=", "embedtype=", "owner", "locked_by"]:
        assert secret not in body
