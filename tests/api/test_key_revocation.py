"""A partner key revoked in the admin is refused from the next request on, by every process.

The server here is a real second process: gunicorn with two workers and the production settings
(no REDIS_URL, so each worker has its own memory cache), on the test database. The key and its
revocation are committed, because that server cannot see the test's transaction.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.management.utils import get_random_secret_key
from django.test import Client
from django.urls import reverse
from wagtail.models import ModelLogEntry

from api.models import PartnerKey
from tests.servers import base_env, get, gunicorn, test_database_url

TOPICS = "/api/v1/en/topics/"


@pytest.fixture
def committed_key(django_db_setup, django_db_blocker):
    """(partner key, raw key), committed; the test runs outside a transaction, and the key and
    what the admin logged about it are removed afterwards."""
    with django_db_blocker.unblock():
        partner = PartnerKey(name="Revocation partner", requests_per_minute=1000)
        raw = partner.set_new_key()
        partner.save()
        try:
            yield partner, raw
        finally:
            ModelLogEntry.objects.filter(
                content_type=ContentType.objects.get_for_model(PartnerKey), object_id=str(partner.pk)
            ).delete()
            PartnerKey.objects.filter(pk=partner.pk).delete()


@pytest.fixture
def other_server(committed_key, tmp_path):
    env = base_env(
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY=get_random_secret_key(),
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        WAGTAILADMIN_BASE_URL="https://cms.example.org",
        VAR_DIR=str(tmp_path),
        DATABASE_URL=test_database_url(),
    )
    with gunicorn(env, workers=2) as base:
        yield base


def revoke_in_the_admin(partner, delete=False):
    admin = Client()
    admin.force_login(get_user_model().objects.get(username="admin"))  # the demo administrator
    if delete:
        response = admin.post(reverse("partner_keys:delete", args=[partner.pk]))
    else:
        response = admin.post(
            reverse("partner_keys:edit", args=[partner.pk]),
            {"name": partner.name, "requests_per_minute": partner.requests_per_minute},  # "active" unticked
        )
    assert response.status_code == 302, response.content[:500]
    admin.logout()


@pytest.mark.django_db
@pytest.mark.parametrize("delete", [False, True], ids=["unticked", "deleted"])
def test_a_key_revoked_in_the_admin_is_refused_on_the_next_request(client, delete):
    partner = PartnerKey(name="Partner site", requests_per_minute=100)
    raw = partner.set_new_key()
    partner.save()
    auth = {"HTTP_AUTHORIZATION": f"Api-Key {raw}"}
    assert client.get(TOPICS, **auth).status_code == 200
    revoke_in_the_admin(partner, delete=delete)
    refused = client.get(TOPICS, **auth)
    assert refused.status_code == 401 and refused.json()["error"]["code"] == "invalid_api_key"


def test_a_key_revoked_in_the_admin_is_refused_at_once_by_every_worker(committed_key, other_server):
    partner, raw = committed_key
    auth = {"Authorization": f"Api-Key {raw}"}
    here = Client(HTTP_AUTHORIZATION=f"Api-Key {raw}")
    # each worker, and this process, has seen the key as valid
    assert [get(other_server + TOPICS, auth)[0] for _ in range(10)] == [200] * 10
    assert here.get(TOPICS).status_code == 200

    revoke_in_the_admin(partner)

    assert not PartnerKey.objects.get(pk=partner.pk).is_active
    assert [get(other_server + TOPICS, auth)[0] for _ in range(20)] == [401] * 20
    assert here.get(TOPICS).status_code == 401
