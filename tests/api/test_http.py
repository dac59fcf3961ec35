"""Conditional GETs, cache headers and invalidation after a publish."""

import time

import pytest

from tests.content import in_locale

pytestmark = pytest.mark.django_db


def test_etag_and_304(client):
    first = client.get("/api/v1/tr/events/")
    assert first.status_code == 200
    etag = first["ETag"]
    assert etag.startswith('"') and first["Cache-Control"] == "public, max-age=60"
    again = client.get("/api/v1/tr/events/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == etag
    assert client.get("/api/v1/tr/events/", HTTP_IF_NONE_MATCH='"other"').status_code == 200


def test_last_modified_moves_with_any_published_change(client, adana, media_workshop):
    response = client.get(f"/api/v1/en/events/{adana.slug}/")
    last_modified = response["Last-Modified"]
    same = client.get(f"/api/v1/en/events/{adana.slug}/", HTTP_IF_MODIFIED_SINCE=last_modified)
    assert same.status_code == 304
    # another page's change can change this response (its translations, statuses, links)
    time.sleep(1)
    media_workshop.save_revision().publish()
    changed = client.get(f"/api/v1/en/events/{adana.slug}/", HTTP_IF_MODIFIED_SINCE=last_modified)
    assert changed.status_code == 200 and changed["Last-Modified"] != last_modified


def test_a_publish_is_visible_on_the_next_request_in_every_locale(client, adana):
    turkish = in_locale(adana, "tr")
    before = client.get("/api/v1/en/events/")
    detail = client.get(f"/api/v1/tr/events/{turkish.slug}/").json()
    assert detail["translation"]["status"] == "current"

    adana.title = "Awareness training for DGMM personnel in Adana, revised"
    adana.save_revision().publish()

    after = client.get("/api/v1/en/events/", HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200
    assert "revised" in after.content.decode()
    # the Turkish translation is now behind its source
    assert client.get(f"/api/v1/tr/events/{turkish.slug}/").json()["translation"]["status"] == "outdated"


def test_an_unpublish_is_visible_on_the_next_request(client, media_workshop):
    urdu = in_locale(media_workshop, "ur")
    assert client.get(f"/api/v1/ur/events/{urdu.slug}/").status_code == 200
    urdu.unpublish()
    assert client.get(f"/api/v1/ur/events/{urdu.slug}/").status_code == 404
    listed = [
        item["locale"]
        for item in client.get(f"/api/v1/en/events/{media_workshop.slug}/").json()["translations"]
    ]
    assert "ur" not in listed


def test_head_and_options(client):
    assert client.head("/api/v1/en/events/").status_code == 200
    assert client.options("/api/v1/en/events/").status_code == 200


def test_any_origin_may_read_by_default(client):
    response = client.get("/api/v1/en/events/", HTTP_ORIGIN="https://partner.example.org")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]


def only_partner_origin(settings):
    """What API_CORS_ALLOWED_ORIGINS=https://partner.example.org sets (tests/test_settings.py)."""
    settings.CORS_ALLOW_ALL_ORIGINS = False
    settings.CORS_ALLOWED_ORIGINS = ["https://partner.example.org"]


def test_an_allow_list_of_origins(client, settings):
    only_partner_origin(settings)
    allowed = client.get("/api/v1/en/events/", HTTP_ORIGIN="https://partner.example.org")
    assert allowed["Access-Control-Allow-Origin"] == "https://partner.example.org"
    other = client.get("/api/v1/en/events/", HTTP_ORIGIN="https://elsewhere.example.org")
    assert "Access-Control-Allow-Origin" not in other


def test_too_many_requests_get_429_with_retry_after(client, settings, monkeypatch):
    settings.API_RATE_LIMIT_PER_MINUTE = 3
    # the budget is per clock minute: half way through one, a slow run cannot cross into the next
    monkeypatch.setattr(time, "time", lambda: 1_800_000_030.0)
    statuses = [client.get("/api/v1/en/events/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    limited = client.get("/api/v1/en/events/")
    assert 0 < int(limited["Retry-After"]) <= 60
    assert limited.json()["error"]["code"] == "throttled"
    # another client has its own budget
    assert client.get("/api/v1/en/events/", REMOTE_ADDR="10.0.0.7").status_code == 200


def test_a_preflight_allows_the_conditional_and_key_headers(client, settings):
    only_partner_origin(settings)
    response = client.options(
        "/api/v1/en/events/",
        HTTP_ORIGIN="https://partner.example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match",
    )
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "https://partner.example.org"
    assert response["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    allowed_headers = response["Access-Control-Allow-Headers"].lower()
    assert all(name in allowed_headers for name in ("authorization", "if-none-match", "if-modified-since"))
    assert response["Access-Control-Max-Age"] == "86400"


def test_cross_origin_access_is_for_the_api_only(client):
    response = client.get("/admin/login/", HTTP_ORIGIN="https://partner.example.org")
    assert "Access-Control-Allow-Origin" not in response


def test_a_weak_etag_matches_too(client):
    """If-None-Match compares weakly (RFC 9110, 13.1.2): a cache may send the ETag as W/"…"."""
    etag = client.get("/api/v1/tr/events/")["ETag"]
    again = client.get("/api/v1/tr/events/", HTTP_IF_NONE_MATCH=f"W/{etag}")
    assert again.status_code == 304 and again["ETag"] == etag


def test_preconditions_for_changes_are_ignored(client):
    """If-Match and If-Unmodified-Since guard changes; a read-only API serves the response."""
    assert client.get("/api/v1/tr/events/", HTTP_IF_MATCH='"other"').status_code == 200
    since = "Mon, 01 Jan 2001 00:00:00 GMT"
    assert client.get("/api/v1/tr/events/", HTTP_IF_UNMODIFIED_SINCE=since).status_code == 200


def test_every_answer_says_what_is_left_of_the_budget(client, settings, monkeypatch):
    settings.API_RATE_LIMIT_PER_MINUTE = 3
    monkeypatch.setattr(time, "time", lambda: 1_800_000_030.0)  # half way through a clock minute
    answers = [client.get("/api/v1/en/events/") for _ in range(4)]
    assert [answer["RateLimit-Remaining"] for answer in answers] == ["2", "1", "0", "0"]
    assert {answer["RateLimit-Limit"] for answer in answers} == {"3"}
    assert {answer["RateLimit-Reset"] for answer in answers} == {"30"}
    assert answers[-1].status_code == 429 and answers[-1]["Cache-Control"] == "no-store"


def test_options_requests_cost_nothing(client, settings, monkeypatch):
    settings.API_RATE_LIMIT_PER_MINUTE = 2
    monkeypatch.setattr(time, "time", lambda: 1_800_000_030.0)
    for _ in range(5):
        client.options("/api/v1/en/events/")
        client.options(
            "/api/v1/en/events/",
            HTTP_ORIGIN="https://partner.example.org",
            HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        )
    assert [client.get("/api/v1/en/events/").status_code for _ in range(2)] == [200, 200]


def test_a_preflight_allows_what_browsers_add_and_exposes_the_budget(client, settings):
    only_partner_origin(settings)
    response = client.options(
        "/api/v1/en/events/",
        HTTP_ORIGIN="https://partner.example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="cache-control,x-requested-with",
    )
    allowed = response["Access-Control-Allow-Headers"].lower()
    assert "cache-control" in allowed and "x-requested-with" in allowed
    exposed = client.get("/api/v1/en/events/", HTTP_ORIGIN="https://partner.example.org")
    assert "ratelimit-remaining" in exposed["Access-Control-Expose-Headers"].lower()


@pytest.mark.parametrize("path", ["/api/v1/en/events/?page=x", "/api/v1/en/events/no-such-event/"])
def test_errors_a_partner_may_cache_say_for_how_long(client, path):
    response = client.get(path)
    assert response.status_code in (400, 404)
    assert response["Cache-Control"].startswith("public, max-age=")


def test_a_document_download_has_a_real_etag_and_no_made_up_encoding(client):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    document = get_document_model()(title="Referral checklist", file=ContentFile(b"%PDF-1.4\n", name="c.pdf"))
    document.save()  # as code saves one: no file hash yet
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["ETag"] not in ("", '""') and len(response["ETag"].strip('"')) == 40
    assert not response.has_header("Content-Encoding")
    assert client.get(document.url, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


def decompress(coding, body):
    import gzip

    import brotli
    from backports import zstd

    return {"br": brotli.decompress, "gzip": gzip.decompress, "zstd": zstd.decompress}[coding](body)


@pytest.mark.parametrize("coding", ["br", "gzip", "zstd"])
def test_json_is_compressed_for_clients_that_accept_it(client, coding):
    import json

    from django.test import Client

    path = "/api/v1/en/events/?page_size=100"
    plain = client.get(path)
    assert "accept-encoding" in plain["Vary"].lower()  # a shared cache must tell the two apart
    packed = Client().get(path, HTTP_ACCEPT_ENCODING=coding)  # a client that does not check the body
    assert packed["Content-Encoding"] == coding and "accept-encoding" in packed["Vary"].lower()
    assert json.loads(decompress(coding, packed.content)) == plain.json()
    assert len(packed.content) < len(plain.content) / 3
    # another body, another validator: weak, and still answered with a 304 that is not encoded
    assert packed["ETag"] == f"W/{plain['ETag']}"
    again = Client().get(path, HTTP_ACCEPT_ENCODING=coding, HTTP_IF_NONE_MATCH=packed["ETag"])
    assert again.status_code == 304 and again.content == b""
    assert not again.has_header("Content-Encoding") and "accept-encoding" in again["Vary"].lower()


def test_a_cached_response_is_compressed_once_and_a_publish_gets_a_new_copy(adana, monkeypatch):
    import json

    from django.test import Client
    from django_http_compression import middleware as library

    compressed = []
    compress = library.zstd_compress
    monkeypatch.setattr(library, "zstd_compress", lambda body: compressed.append(body) or compress(body))
    client = Client()  # one client, one set of middleware; it does not check the body
    path = "/api/v1/en/events/"
    first = client.get(path, HTTP_ACCEPT_ENCODING="zstd")
    again = client.get(path, HTTP_ACCEPT_ENCODING="zstd")
    assert len(compressed) == 1
    assert again.content == first.content and again["Content-Encoding"] == "zstd"
    assert again["Content-Length"] == str(len(again.content)) and again["ETag"] == first["ETag"]
    assert again["ETag"].startswith('W/"') and not again.has_header("X-Noise")
    assert client.get(path, HTTP_ACCEPT_ENCODING="gzip")["Content-Encoding"] == "gzip"

    adana.title = "Awareness training in Adana, compressed anew"
    adana.save_revision().publish()
    changed = client.get(path, HTTP_ACCEPT_ENCODING="zstd")
    assert len(compressed) == 2 and changed["ETag"] != first["ETag"]
    titles = [item["title"] for item in json.loads(decompress("zstd", changed.content))["results"]]
    assert adana.title in titles


@pytest.mark.parametrize(
    ("accept_encoding", "coding"),
    [
        ("gzip, deflate, br", "br"),  # what most HTTP libraries send
        ("gzip, deflate, br, zstd", "zstd"),  # what current browsers send
        ("br;q=0.5, gzip", "gzip"),  # the client's preference first
        ("br;q=0, gzip;q=0", None),
        ("identity", None),
        ("compress, deflate", None),  # none the API offers
    ],
)
def test_the_coding_is_the_clients_best_choice(accept_encoding, coding):
    from django.test import Client

    response = Client().get("/api/v1/en/events/", HTTP_ACCEPT_ENCODING=accept_encoding)
    assert response.status_code == 200 and response.get("Content-Encoding") == coding
    assert "accept-encoding" in response["Vary"].lower()


def test_the_schema_is_compressed_too():
    import json

    from django.test import Client

    plain = Client().get("/api/v1/schema/?format=json")
    packed = Client().get("/api/v1/schema/?format=json", HTTP_ACCEPT_ENCODING="br")
    assert packed["Content-Encoding"] == "br"
    assert json.loads(decompress("br", packed.content)) == json.loads(plain.content)


def test_the_admin_is_never_compressed(admin_client):
    admin = admin_client.get("/admin/", HTTP_ACCEPT_ENCODING="gzip, br, zstd")  # CSRF tokens: BREACH
    assert admin.status_code == 200 and not admin.has_header("Content-Encoding")


def test_a_document_download_is_sent_as_stored_whatever_the_client_accepts(client):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    stored = b"country,victims\n" + b"AL,12\n" * 500  # text, which compression would shrink a lot
    document = get_document_model()(title="Figures", file=ContentFile(stored, name="figures.csv"))
    document.save()
    response = client.get(document.url, HTTP_ACCEPT_ENCODING="br, gzip, zstd")
    assert response.status_code == 200 and response.streaming
    assert not response.has_header("Content-Encoding") and b"".join(response.streaming_content) == stored
    assert response["Content-Length"] == str(len(stored)) and not response["ETag"].startswith("W/")
    assert client.get(document.url, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
