"""Bad input gets a JSON error naming what is wrong; nothing gives a 500."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def error(client):
    """GET a path that must fail (the client checks the error body against the schema)."""

    def get(path, status=400):
        response = client.get(path)
        assert response.status_code == status, response.content[:300]
        assert response["Content-Type"] == "application/json"
        return response.json()["error"]

    return get


def test_unknown_locale_lists_the_available_ones(error):
    body = error("/api/v1/fr/events/", 404)
    assert body["code"] == "unknown_locale" and body["status"] == 404
    assert body["available"] == ["en", "sq", "az", "bs", "ro", "ur", "tr"]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("date_from=2016-13-01", "date_from"),
        ("date_to=yesterday", "date_to"),
        ("country=XX", "country"),
        ("country=TUR", "country"),
        ("page_size=101", "page_size"),
        ("page_size=-5", "page_size"),
        ("page_size=0", "page_size"),
        ("page=abc", "page"),
        ("page=99999999999999999999", "page"),
        ("ordering=-id", "ordering"),
        ("kind=party", "kind"),
        ("fallback=always", "fallback"),
        ("colour=red", "colour"),
        ("q=" + "x" * 10_000, "q"),
        ("page=1&page=2", "page"),
        ("page=%C2%B2", "page"),  # a superscript two is a digit to Python, not a page number
    ],
)
def test_malformed_parameters_are_named(error, query, field):
    body = error(f"/api/v1/en/events/?{query}")
    assert body["field"] == field and body["status"] == 400 and body["message"]


def test_unknown_item_is_a_json_404(error):
    body = error("/api/v1/en/events/no-such-event/", 404)
    assert body["code"] == "not_found"


def test_search_needs_a_term_and_takes_no_filters(error):
    assert error("/api/v1/en/search/")["field"] == "q"
    assert error("/api/v1/en/search/?q=training&country=TR")["field"] == "country"


def test_a_bad_cursor_is_named(error):
    assert error("/api/v1/changes/?since=yesterday")["field"] == "since"
    assert error("/api/v1/changes/?since=%C2%B2")["field"] == "since"
    assert error("/api/v1/changes/?locale=xx", 404)["code"] == "unknown_locale"


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_writes_are_not_allowed(error, client, method):
    response = getattr(client, method)("/api/v1/en/events/", data={}, content_type="application/json")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, OPTIONS"
    assert response.json()["error"]["code"] == "method_not_allowed"


def test_hostile_strings_are_searched_safely(client):
    for term in ["' OR 1=1 --", "<script>alert(1)</script>", "\u202e\u200bمیڈیا", "%00", "DGMM)", 'a"b', '"']:
        response = client.get("/api/v1/en/events/", {"q": term})
        assert response.status_code == 200, term


def test_detail_parameters_are_checked_too(error):
    adana = "dgmm-awareness-training-adana-2016"
    assert error(f"/api/v1/en/events/{adana}/?fallback=maybe")["field"] == "fallback"
    assert error(f"/api/v1/en/events/{adana}/?expand=all")["field"] == "expand"
    assert error("/api/v1/en/topics/?page=2")["field"] == "page"


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/en/events/?_=1764653000000",
        "/api/v1/tr/events/?utm_source=newsletter&utm_campaign=december&page_size=5",
        "/api/v1/en/search/?q=training&_=1",
        "/api/v1/changes/?utm_medium=email",
        "/api/v1/en/events/media-reporting-workshop-2017/?_=2",
    ],
)
def test_what_browsers_and_analytics_add_is_ignored(client, path):
    """jQuery's cache buster and campaign tags on a partner's link must not break its page."""
    assert client.get(path).status_code == 200


def test_other_unknown_parameters_are_still_refused(error):
    assert error("/api/v1/en/events/?utm=x")["code"] == "unknown_parameter"
    assert error("/api/v1/en/events/?__=1")["code"] == "unknown_parameter"
