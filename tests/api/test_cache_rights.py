"""Every client gets the same public view, so a cached response can never carry more rights.

The API has no per-user content: a logged-in administrator (with a session cookie) or a partner
with an API key gets exactly what an anonymous reader gets, no drafts, nothing restricted; the
responses do not vary on cookies and set none. A page that expires soon limits how long any
response may be cached, here and at the client.
"""

import re
import time
from datetime import timedelta
from unittest import mock

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone
from wagtail.models import PageViewRestriction

from api.models import PartnerKey
from api.views import LocalesView
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


DOCS = "/api/v1/docs/"
DOCS_SCRIPT = "/api/v1/docs/?script="


def csrf_token_in(script):
    """The CSRF token Swagger UI's start-up script sends with the requests it makes."""
    match = re.search(r'request\.headers\["X-CSRFTOKEN"\] = "([^"]+)"', script)
    assert match, script[:2000]
    return match.group(1)


def test_the_api_docs_are_made_for_each_visitor_and_never_shared(admin_client, django_user_model):
    """Swagger UI's start-up script carries the visitor's CSRF token: one visitor's must never be
    served to another from the shared cache, nor kept by a shared cache on the way."""
    other = Client()
    other.force_login(django_user_model.objects.create_user("docs-reader", "docs@example.org", "pw"))
    visitors = {"admin": admin_client, "other": other, "anonymous": Client()}
    with mock.patch.object(cache, "set", wraps=cache.set) as cache_set:
        responses = {name: visitor.get(DOCS_SCRIPT) for name, visitor in visitors.items()}
        page = Client().get(DOCS)
    tokens = {name: csrf_token_in(response.content.decode()) for name, response in responses.items()}
    assert len(set(tokens.values())) == 3, tokens
    for name, response in responses.items():
        assert response.status_code == 200
        assert "csrftoken" in response.cookies, name  # the token was made for this visitor
        assert "public" not in response["Cache-Control"], name
        assert {"private", "no-store"} <= set(re.split(r",\s*", response["Cache-Control"])), name
    assert page.status_code == 200 and "public" not in page["Cache-Control"]
    assert cache_set.call_count == 0, "nothing of the docs is cached"


@pytest.mark.parametrize(
    "personalise",
    [
        lambda response: response.set_cookie("visitor", "a"),
        lambda response: response.__setitem__("Vary", "Cookie"),
        lambda response: response.__setitem__("Cache-Control", "private"),
    ],
    ids=["sets a cookie", "varies on cookies", "private"],
)
def test_a_response_made_for_one_visitor_is_never_stored(client, personalise):
    """Should an API view ever answer per visitor, the shared cache keeps none of it."""
    original = LocalesView.get

    def personal_get(self, request):
        response = original(self, request)
        personalise(response)
        return response

    with (
        mock.patch.object(LocalesView, "get", personal_get),
        mock.patch.object(cache, "set", wraps=cache.set) as cache_set,
    ):
        response = client.get("/api/v1/locales/")
    assert response.status_code == 200 and cache_set.call_count == 0
    assert {"private", "no-store"} <= set(re.split(r",\s*", response["Cache-Control"]))
