"""Whatever a client types into the API's addresses gets a cheap, clear answer, never a 500.

Malformed input is a 400 JSON error naming the parameter; a strange but harmless search term is an
ordinary 200. The test client checks every documented answer against the OpenAPI schema.
"""

from urllib.parse import quote

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

# A hostile request must not be an expensive one. The answers in these tests take at most 9
# queries (a search in Urdu): a term or filter that multiplied them would show. (Counted, not
# timed: a time limit fails on a busy machine.)
MAX_QUERIES = 20
LISTS = ["/api/v1/en/events/", "/api/v1/ur/assessments/", "/api/v1/tr/galleries/"]
SEARCHES = [*LISTS, "/api/v1/en/search/", "/api/v1/ur/search/"]
ADANA = "/api/v1/en/events/dgmm-awareness-training-adana-2016/"

HOSTILE_TERMS = {
    "sql": "' OR 1=1 --",
    "sql-union": "x' UNION SELECT password FROM auth_user --",
    "sql-comment": "training/**/OR/**/1=1",
    "html": "<script>alert(1)</script>",
    "html-attribute": '"><img src=x onerror=alert(1)>',
    "rtl-override": "\u202etraining\u202c",
    "zero-width": "train\u200bing\u200d\ufeff",
    "urdu-with-marks": "\u200fمیڈیا\u200e",
    "emoji": "🕵️" * 40,
    "search-syntax": 'AND OR NOT ( ) * : "',
    "like-wildcards": "%_%\\",
    "whitespace": " \t\n ",
}


def bounded_get(client, max_num_queries):
    """GET a path; the answer must be JSON, take at most MAX_QUERIES queries and have the given
    status."""

    def get(path, status, data=None):
        with max_num_queries(MAX_QUERIES):
            response = client.get(path, data)
        assert response.status_code == status, (path, data, response.content[:300])
        assert response["Content-Type"] == "application/json", (path, data)
        return response.json()

    return get


@pytest.fixture
def bounded(client, settings, django_assert_max_num_queries):
    settings.API_RATE_LIMIT_PER_MINUTE = 0
    return bounded_get(client, django_assert_max_num_queries)


@pytest.fixture
def bounded_outside_schema(settings, django_assert_max_num_queries):
    """For addresses the schema does not describe (the client of these tests would refuse them)."""
    settings.API_RATE_LIMIT_PER_MINUTE = 0
    return bounded_get(Client(), django_assert_max_num_queries)


def bad(body, field):
    assert body["error"]["status"] == 400 and body["error"]["field"] == field, body
    assert body["error"]["message"]
    return body["error"]


@pytest.mark.parametrize("path", SEARCHES)
def test_a_10000_character_search_term_is_refused(bounded, path):
    error = bad(bounded(path, 400, {"q": "training " * 1111}), "q")
    assert "200" in error["message"]


@pytest.mark.parametrize("path", SEARCHES)
@pytest.mark.parametrize("term", HOSTILE_TERMS.values(), ids=HOSTILE_TERMS.keys())
def test_hostile_search_terms_are_just_searched(bounded, path, term):
    if "search" in path and not term.strip():
        bad(bounded(path, 400, {"q": term}), "q")  # the search endpoint needs a term
        return
    body = bounded(path, 200, {"q": term})
    assert isinstance(body["results"], list) and body["count"] == len(body["results"])


def test_sql_in_a_search_term_does_not_widen_the_results(bounded):
    everything = bounded(LISTS[0], 200)["count"]
    assert everything > 1
    assert bounded(LISTS[0], 200, {"q": HOSTILE_TERMS["sql"]})["count"] < everything
    assert bounded(LISTS[0], 200, {"q": "training"})["count"] < everything


def test_hostile_markup_comes_back_only_as_escaped_json(client):
    term = HOSTILE_TERMS["html"]
    response = client.get(LISTS[0], {"q": term, "page_size": 1})
    assert response.status_code == 200
    assert b"<script>" not in response.content.replace(b"\\u003c", b"")  # never raw HTML in the body


@pytest.mark.parametrize(
    ("path", "data", "field"),
    [
        (LISTS[0], {"q": "a\x00b"}, "q"),
        (LISTS[1], {"q": "\x00"}, "q"),
        ("/api/v1/en/search/", {"q": "train\x00ing"}, "q"),
        ("/api/v1/en/search/", {"q": "bell\x07"}, "q"),
        (LISTS[0], {"topic": "\x00"}, "topic"),
        (LISTS[0], {"country": "T\x00R"}, "country"),
        (LISTS[2], {"ordering": "title\x00"}, "ordering"),
        (ADANA, {"fallback": "source\x00"}, "fallback"),
        ("/api/v1/changes/", {"since": "1\x00"}, "since"),
        ("/api/v1/changes/", {"locale": "en\x00"}, "locale"),
    ],
)
def test_nul_and_control_characters_are_refused(bounded, path, data, field):
    bad(bounded(path, 400, data), field)


def test_nul_in_the_path_or_a_parameter_name_is_refused(bounded):
    bad(bounded("/api/v1/en/events/adana%00/", 400), "slug")
    bad(bounded("/api/v1/en/events/?q%00=x", 400), "q\x00")


@pytest.mark.parametrize("path", LISTS)
@pytest.mark.parametrize(
    ("query", "field"),
    [
        (f"page={10**30}", "page"),
        ("page=0", "page"),
        ("page=-1", "page"),
        ("page=1e3", "page"),
        ("page=", "page"),
        ("page=%201", "page"),
        ("page=%FF%FE", "page"),
        ("page_size=0", "page_size"),
        ("page_size=-5", "page_size"),
        (f"page_size={10**30}", "page_size"),
        ("page_size=2.5", "page_size"),
    ],
)
def test_impossible_page_numbers_and_sizes_are_refused(bounded, path, query, field):
    bad(bounded(f"{path}?{query}", 400), field)


def test_invalid_utf8_in_the_query_string(bounded):
    # bytes that are not UTF-8 arrive as replacement characters: a term that matches nothing
    body = bounded(f"{LISTS[0]}?q=%FF%FE", 200)
    assert body["count"] == 0 and body["results"] == []
    assert bounded("/api/v1/en/search/?q=%C3%28", 200)["count"] == 0
    assert bad(bounded(f"{LISTS[0]}?%FF%FE=1", 400), "\ufffd\ufffd")
    bad(bounded(f"{LISTS[0]}?country=%FF%FE", 400), "country")
    bad(bounded("/api/v1/changes/?since=%FF", 400), "since")


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/%FF%FE/events/",
        "/api/v1/en/events/%FF%FE/",
        f"/api/v1/{'x' * 10_000}/events/",
        f"/api/v1/en/events/{'x' * 10_000}/",
        f"/api/v1/en/events/{quote(HOSTILE_TERMS['html'], safe='')}/",
        f"/api/v1/en/events/{quote(HOSTILE_TERMS['sql'], safe='')}/",
        "/api/v1/en/events/%2F/",
        "/api/v1/en/events/dgmm-awareness-training-adana-2016/extra/",
        "/api/v1/no/such/address/",
    ],
)
def test_unknown_addresses_are_json_404s(bounded_outside_schema, path):
    assert bounded_outside_schema(path, 404)["error"]["status"] == 404


def test_an_address_without_its_slash_is_redirected(client):
    response = client.get("/api/v1/en/events")
    assert response.status_code == 301 and response["Location"] == "/api/v1/en/events/"


def test_a_huge_cursor_is_refused(bounded):
    bad(bounded(f"/api/v1/changes/?since={10**30}", 400), "since")
    bad(bounded("/api/v1/changes/?since=-1", 400), "since")


def test_many_repeated_filters_answer_quickly(bounded):
    query = "&".join(["country=TR"] * 500 + [f"topic=t{n}" for n in range(500)])
    body = bounded(f"{LISTS[0]}?{query}", 200)
    assert body["count"] == 0  # no event has any of those topics
