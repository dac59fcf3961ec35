"""Partner API keys: issued in the admin, shown once, stored hashed, with their own quota, revocable."""

import re

import pytest
from django.contrib.messages.storage.cookie import CookieStorage
from django.urls import reverse

from api.models import PartnerKey

pytestmark = pytest.mark.django_db


def issue_key(admin_client, name="Partner site", quota=5):
    response = admin_client.post(
        reverse("partner_keys:add"),
        {"name": name, "requests_per_minute": quota, "is_active": "on"},
        follow=True,
    )
    assert response.status_code == 200
    match = re.search(r"API key for [^:]+: ([\w.-]+)", response.content.decode())
    assert match, "the new key is shown once after it is issued"
    return match.group(1)


def test_the_key_is_shown_once_and_stored_hashed(admin_client):
    key = issue_key(admin_client)
    partner = PartnerKey.objects.get(name="Partner site")
    assert key.startswith(partner.prefix + ".")
    assert partner.key_hash == PartnerKey.hash(key) and key not in partner.key_hash
    listing = admin_client.get(reverse("partner_keys:index")).content.decode()
    assert "Partner site" in listing and key not in listing


def test_a_key_has_its_own_quota(admin_client, client, settings):
    settings.API_RATE_LIMIT_PER_MINUTE = 2
    key = issue_key(admin_client, quota=5)
    auth = {"HTTP_AUTHORIZATION": f"Api-Key {key}"}
    assert [client.get("/api/v1/en/topics/", **auth).status_code for _ in range(6)] == [200] * 5 + [429]
    assert [client.get("/api/v1/en/topics/").status_code for _ in range(3)] == [200, 200, 429]


def test_a_revoked_or_wrong_key_is_refused(admin_client, client):
    key = issue_key(admin_client)
    assert client.get("/api/v1/en/topics/", HTTP_AUTHORIZATION=f"Api-Key {key}").status_code == 200
    partner = PartnerKey.objects.get(name="Partner site")
    partner.is_active = False
    partner.save()
    revoked = client.get("/api/v1/en/topics/", HTTP_AUTHORIZATION=f"Api-Key {key}")
    assert revoked.status_code == 401 and revoked.json()["error"]["code"] == "invalid_api_key"
    for header in ("Api-Key nonsense", "Api-Key " + key[:-2] + "xx", "Bearer abc", "Api-Key"):
        assert client.get("/api/v1/en/topics/", HTTP_AUTHORIZATION=header).status_code == 401, header


def test_a_new_key_is_shown_in_the_page_only_never_in_a_cookie_or_the_session(admin_client):
    """Messages travel in a signed but readable cookie (or the session): the key must not."""
    response = admin_client.post(
        reverse("partner_keys:add"), {"name": "Cookie partner", "requests_per_minute": 5, "is_active": "on"}
    )
    assert response.status_code == 200  # the page itself shows the key, no redirect
    page = response.content.decode()
    key = re.search(r"API key for [^:]+: ([\w.-]+)", page).group(1)
    assert "copy it now" in page and f'value="{key}"' in page
    assert CookieStorage.cookie_name not in response.cookies
    assert not any(key in morsel.value for morsel in response.cookies.values())
    assert not any(key in str(value) for value in admin_client.session.values())
    assert "no-store" in response["Cache-Control"]
    listing = admin_client.get(reverse("partner_keys:index"))
    assert "Cookie partner" in listing.content.decode() and key not in listing.content.decode()
    assert not any(key in str(message) for message in listing.context["messages"])
