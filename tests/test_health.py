"""/healthz says the process answers; /readyz that the database and the cache do too."""

from unittest import mock

import pytest
from django.db import OperationalError, connection

from tests.test_faults import UNREACHABLE_REDIS

pytestmark = pytest.mark.django_db


def test_healthz_answers_without_touching_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_readyz_checks_the_database_and_the_cache(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok"}}


def test_readyz_names_the_database_when_it_is_down(client):
    with mock.patch.object(connection, "cursor", side_effect=OperationalError("connection refused")):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "down": ["database"],
        "checks": {"database": "down", "cache": "ok"},
    }


def test_readyz_names_the_cache_when_redis_is_down(client, settings):
    settings.CACHES = UNREACHABLE_REDIS
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["down"] == ["cache"]


def test_probes_are_not_rate_limited(client, settings):
    settings.API_RATE_LIMIT_PER_MINUTE = 1
    assert [client.get("/healthz").status_code for _ in range(3)] == [200] * 3
    assert [client.get("/readyz").status_code for _ in range(3)] == [200] * 3
