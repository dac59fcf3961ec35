"""A partner's raw API key never leaves the request: not in logs, error reports, caches or the database."""

import logging
from unittest import mock

import pytest
from django.core.cache import cache
from django.test import Client
from django.views.debug import ExceptionReporter

from api import keys
from api.models import PartnerKey

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner_key():
    partner = PartnerKey(name="Secrecy partner", requests_per_minute=100)
    raw = partner.set_new_key()
    partner.save()
    return partner, raw


def test_a_deleted_key_is_refused_at_once_even_when_its_quota_was_cached(client, partner_key):
    partner, raw = partner_key
    auth = {"HTTP_AUTHORIZATION": f"Api-Key {raw}"}
    assert client.get("/api/v1/en/topics/", **auth).status_code == 200
    partner.delete()
    assert client.get("/api/v1/en/topics/", **auth).status_code == 401


def test_keys_are_compared_in_constant_time(partner_key):
    _partner, raw = partner_key
    with mock.patch("api.keys.hmac.compare_digest", wraps=keys.hmac.compare_digest) as compare:
        assert keys.partner_quota(raw) is not None
        assert keys.partner_quota(raw[:-1] + ("A" if raw[-1] != "A" else "B")) is None
    assert compare.call_count == 2


def test_the_raw_key_is_in_no_log_record_nor_cache_key(client, partner_key, caplog):
    _partner, raw = partner_key
    wrong = raw[:-4] + "XXXX"
    with caplog.at_level(logging.DEBUG), mock.patch.object(cache, "set", wraps=cache.set) as cache_set:
        assert client.get("/api/v1/en/topics/", HTTP_AUTHORIZATION=f"Api-Key {raw}").status_code == 200
        refused = client.get("/api/v1/en/topics/", HTTP_AUTHORIZATION=f"Api-Key {wrong}")
        assert refused.status_code == 401
        with (
            mock.patch("api.caching.current_state", side_effect=RuntimeError("boom")),
            pytest.raises(RuntimeError),
        ):
            client.get("/api/v1/en/topics/", HTTP_AUTHORIZATION=f"Api-Key {raw}")
    assert any(record.name == "django.request" for record in caplog.records)  # the error was logged
    logged = caplog.text + "".join(str(record.__dict__) for record in caplog.records)
    assert raw not in logged and wrong not in logged
    assert raw not in refused.content.decode() and wrong not in refused.content.decode()
    stored = [str(call.args) for call in cache_set.call_args_list]
    assert stored and not any(raw in entry or wrong in entry for entry in stored)


def test_an_error_report_shows_neither_the_header_nor_the_key(partner_key, caplog):
    """What Django mails to ADMINS (AdminEmailHandler) for a 500 while a partner key is checked."""
    _partner, raw = partner_key
    client = Client(raise_request_exception=False)
    with mock.patch.object(PartnerKey.objects, "filter", side_effect=RuntimeError("lookup broken")):
        response = client.get("/api/v1/en/topics/", HTTP_AUTHORIZATION=f"Api-Key {raw}")
    assert response.status_code == 500
    record = next(record for record in caplog.records if record.name == "django.request")
    report = ExceptionReporter(record.request, *record.exc_info, is_email=True)
    text, html = report.get_traceback_text(), report.get_traceback_html()
    assert "HTTP_AUTHORIZATION" in text and "partner_quota" in text  # the report covers the key check
    assert raw not in text and raw not in html


def test_the_database_holds_only_the_hash_and_the_prefix(partner_key):
    partner, raw = partner_key
    row = PartnerKey.objects.filter(pk=partner.pk).values().get()
    assert row["key_hash"] == PartnerKey.hash(raw) and row["prefix"] == raw.partition(".")[0]
    assert not any(raw in str(value) for value in row.values())
