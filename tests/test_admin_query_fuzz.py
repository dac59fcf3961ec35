"""The admin's JSON endpoints answer bad query parameters with a 400 and a message, never a 500.

Wagtail's choosers (`chosen-multiple`), bulk actions and the admin API's `find` take lists of
ids, and the admin API's page listing (the explorer's) takes filters, ordering and paging: every one
is given values that are no id or number, for a moderator and a national editor alike. Then the
admin API is fuzzed with generated queries (property-based, as the public API is): whatever is
sent, the answer is JSON and no server error. `make fuzz` runs many more examples (FUZZ_EXAMPLES).
"""

import os

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import URLResolver, get_resolver
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail import hooks

pytestmark = pytest.mark.django_db

USERS = ["moderator", "az-editor"]
NOT_IDS = ["x", "all", "", "1.5", "-1", "1e3", "0x1F", "٣", "9" * 30, "1 OR 1=1", "a\x00b"]
PAGES_API = "/admin/api/main/pages/"
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES") or 40)


def routes_named(name):
    """The admin's URL routes of views with this name (every chooser has its own namespace)."""

    def walk(patterns, prefix):
        for pattern in patterns:
            route = prefix + str(pattern.pattern).lstrip("^").removesuffix("$")
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, route)
            elif pattern.name == name and "<" not in route and "(" not in route:
                yield "/" + route

    return sorted(set(walk(get_resolver().url_patterns, "")))


def bulk_actions():
    """The address of every bulk action Wagtail has registered, for each model it acts on."""
    return sorted(
        f"/admin/bulk/{model._meta.app_label}/{model._meta.model_name}/{action.action_type}/"
        for action in hooks.get_hooks("register_bulk_action")
        for model in action.models
    )


def id_list_urls():
    return [*routes_named("chosen_multiple"), *bulk_actions(), f"{PAGES_API}find/"]


def client_of(username):
    client = Client(raise_request_exception=False)
    client.force_login(get_user_model().objects.get(username=username))
    return client


def test_every_id_list_view_is_checked():
    urls = id_list_urls()
    assert any("/images/" in url for url in urls) and any("/documents/" in url for url in urls)
    assert any("/snippets/" in url for url in urls) and any(url.startswith("/admin/bulk/") for url in urls)


@pytest.mark.parametrize("username", USERS)
def test_ids_that_are_no_numbers_are_a_400_with_a_message(username):
    client = client_of(username)
    failures = []
    for url in id_list_urls():
        for value in NOT_IDS:
            if value == "all" and url.startswith("/admin/bulk/"):
                continue  # "everything in the listing", checked below
            response = client.get(url, {"id": value})
            if response.status_code != 400 or "is not an id" not in response.json().get("message", ""):
                failures.append((url, value, response.status_code))
    assert not failures, failures


@pytest.mark.parametrize("username", USERS)
def test_real_ids_and_all_still_reach_the_views(username):
    client = client_of(username)
    for url in id_list_urls():
        response = client.get(url, {"id": ["1", "2"]})
        assert response.status_code in (200, 302, 403, 404), (url, response.status_code)
    for url in bulk_actions():
        response = client.get(url, {"id": "all", "childOf": "1"})
        assert response.status_code in (200, 302, 403, 404), (url, response.status_code)


@pytest.mark.parametrize(
    "query",
    [
        {"offset": "9" * 20},
        {"offset": "-1"},
        {"limit": "9" * 20},
        {"search": "a", "search_operator": "xor"},
        {"search": "a\x00"},
        {"child_of": "9" * 20},
        {"descendant_of": "x"},
        {"translation_of": "9" * 20},
        {"order": "password"},
        {"fields": "parent(x)"},
        {"type": "pages.Nope"},
    ],
    ids=lambda query: "&".join(f"{key}={value[:8]}" for key, value in query.items()),
)
def test_the_explorers_api_answers_bad_filters_with_json(query):
    response = client_of("moderator").get(PAGES_API, query)
    assert response.status_code in (200, 400), response.status_code
    if response.status_code == 400:
        assert response.json()["message"]


PARAMETERS = [
    "id", "offset", "limit", "order", "search", "search_operator", "fields", "type", "child_of",
    "descendant_of", "translation_of", "locale", "has_children", "for_explorer", "title", "slug",
]  # fmt: skip
VALUES = st.one_of(
    st.text(max_size=30),
    st.integers(min_value=-(10**25), max_value=10**25).map(str),
    st.sampled_from(["true", "false", "and", "or", "root", "random", "-title", "*", "pages.EventPage"]),
)


@pytest.mark.slow  # a few hundred requests
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=not os.environ.get("FUZZ_EXAMPLES"),
    suppress_health_check=[HealthCheck.too_slow],
)
@given(query=st.dictionaries(st.sampled_from(PARAMETERS), VALUES, max_size=4), find=st.booleans())
def test_the_admin_api_never_fails_on_generated_queries(query, find):
    response = client_of("az-editor").get(PAGES_API + ("find/" if find else ""), query)
    assert response.status_code < 500, (query, response.status_code)
    if response.status_code != 302:  # find redirects to the page it found
        assert response["Content-Type"].startswith("application/json"), (query, response["Content-Type"])
