"""Every client gets the same public view, so a cached response can never carry more rights.

The API has no per-user content: a logged-in administrator (with a session cookie) or a partner
with an API key gets exactly what an anonymous reader gets, no drafts, nothing restricted; the
responses do not vary on cookies and set none. A page that expires soon limits how long any
response may be cached, here and at the client.
"""

import time
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from wagtail.models import PageViewRestriction

from api.models import PartnerKey
from pages.models import EventIndexPage, EventPage
from tests.content import in_locale

pytestmark = pytest.mark.django_db

PATHS = [
    "/api/v1/en/events/",
    "/api/v1/tr/events/",
    "/api/v1/en/search/?q=training",
    "/api/v1/locales/",
    "/api/v1/changes/",
]


@pytest.fixture
def unpublishable(adana, media_workshop):
    """A never-published draft, a newer draft of a live page and a login-only page."""
    index = EventIndexPage.objects.get(locale__language_code="en")
    draft = EventPage(
        title="Draft: safe house addresses", kind="meeting", start_date=timezone.now().date(), live=False
    )
    index.add_child(instance=draft)
    draft.save_revision()
    adana.title = "Draft: unreviewed training title"
    adana.save_revision()
    PageViewRestriction.objects.create(page=media_workshop, restriction_type="login")
    return ["Draft:", media_workshop.slug, in_locale(media_workshop, "tr").slug]


@pytest.fixture
def partner_key():
    partner = PartnerKey(name="Partner with a key", requests_per_minute=0, is_active=True)
    key = partner.set_new_key()
    partner.save()
    return key


def assert_public(response, secrets):
    assert response.status_code == 200
    body = response.content.decode()
    for secret in secrets:
        assert secret not in body
    assert "Set-Cookie" not in str(response.headers) and not response.cookies
    assert "cookie" not in response.get("Vary", "").lower()
    assert response["Cache-Control"].startswith("public")


@pytest.mark.parametrize("first", ["admin", "anonymous", "partner"])
def test_every_client_gets_the_same_public_bytes(admin_client, unpublishable, partner_key, first):
    """Whoever fills the cache first, the others get the same public response."""
    clients = {
        "admin": lambda path: admin_client.get(path),
        "anonymous": lambda path: Client().get(path),
        "partner": lambda path: Client().get(path, HTTP_AUTHORIZATION=f"Api-Key {partner_key}"),
    }
    order = [first, *(name for name in clients if name != first)]
    for path in PATHS:
        responses = {name: clients[name](path) for name in order}
        # the changes feed is history: it announced the restricted page before (then a tombstone)
        secrets = ["Draft:"] if path.startswith("/api/v1/changes/") else unpublishable
        for response in responses.values():
            assert_public(response, secrets)
        assert len({response.content for response in responses.values()}) == 1, path
        assert len({response["ETag"] for response in responses.values()}) == 1, path


def test_an_administrators_session_shows_no_draft_in_a_detail(admin_client, adana):
    adana.title = "Draft: unreviewed training title"
    adana.save_revision()
    detail = admin_client.get(f"/api/v1/en/events/{adana.slug}/").json()
    assert detail["title"] != adana.title
    assert admin_client.get("/api/v1/en/events/does-not-exist/").status_code == 404


def test_an_administrator_does_not_see_a_login_only_page(admin_client, media_workshop):
    PageViewRestriction.objects.create(page=media_workshop, restriction_type="login")
    assert admin_client.get(f"/api/v1/en/events/{media_workshop.slug}/").status_code == 404


def test_a_page_expiring_soon_limits_every_cache(client, adana):
    adana.expire_at = timezone.now() + timedelta(seconds=2)
    adana.save()
    first = client.get("/api/v1/en/events/")
    assert adana.slug in first.content.decode()
    max_age = int(first["Cache-Control"].rpartition("=")[2])
    assert max_age <= 2
    time.sleep(2.1)
    assert adana.slug not in client.get("/api/v1/en/events/").content.decode()


def test_a_page_going_live_soon_limits_every_cache(client, adana, settings):
    adana.go_live_at = timezone.now() + timedelta(seconds=30)
    adana.save()
    response = client.get("/api/v1/en/events/")
    assert adana.slug not in response.content.decode()
    assert 0 < int(response["Cache-Control"].rpartition("=")[2]) <= 30 < settings.API_CACHE_SECONDS


def test_without_scheduled_changes_the_full_lifetime_applies(client, settings):
    response = client.get("/api/v1/en/events/")
    assert response["Cache-Control"] == f"public, max-age={settings.API_CACHE_SECONDS}"
