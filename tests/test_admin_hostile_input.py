"""The admin's search boxes and the translation status filters take anything an editor can type
or paste: a page comes back (perhaps with no results or a form error), never a server error."""

import pytest
from django.urls import reverse

from pages.models import Country, HomePage, Organisation, Person, Topic

pytestmark = pytest.mark.django_db

# A hostile term must not make a page expensive. The admin's pages in these tests take at most
# 109 queries (a snippet list showing all its rows): a term that multiplied them would show.
# (Counted, not timed: a time limit fails on a busy machine.)
MAX_QUERIES = 150
HOSTILE = {
    "10000-characters": "trafficking " * 834,
    "sql": "' OR 1=1 --",
    "html": "<script>alert(1)</script>",
    "rtl-and-zero-width": "\u202e\u200bمیڈیا\u200f\ufeff",
    "double-quote": '"',
    "search-syntax": 'AND OR NOT ( ) * : "training',
    "nul": "a\x00b",
    "like-wildcards": "%_%\\",
}
RAW = {"invalid-utf8": "%FF%FE", "broken-utf8": "%C3%28"}


def search_boxes():
    snippets = [
        reverse(model.snippet_viewset.get_url_name("list"))
        for model in (Country, Organisation, Person, Topic)
    ]
    return [
        reverse("wagtailadmin_pages:search"),
        reverse("wagtailimages:index"),
        reverse("wagtaildocs:index"),
        reverse("wagtailusers_users:index"),
        *snippets,
    ]


@pytest.fixture
def get(admin_client, django_assert_max_num_queries):
    def answer(url, data=None):
        with django_assert_max_num_queries(MAX_QUERIES):
            response = admin_client.get(url, data)
        assert response.status_code == 200, (url, data, response.status_code)
        return response

    return answer


@pytest.mark.parametrize("term", HOSTILE.values(), ids=HOSTILE.keys())
def test_search_boxes_take_hostile_terms(get, term):
    english_home = HomePage.objects.get(locale__language_code="en")
    for url in [*search_boxes(), reverse("wagtailadmin_explore", args=(english_home.pk,))]:
        response = get(url, {"q": term})
        assert b"<script>alert(1)</script>" not in response.content, url  # echoed only escaped


@pytest.mark.parametrize("raw", RAW.values(), ids=RAW.keys())
def test_search_boxes_take_bytes_that_are_not_utf8(get, raw):
    for url in search_boxes():
        get(f"{url}?q={raw}")
        get(f"{url}?{raw}={raw}")


def test_snippet_search_finds_part_of_a_name(get):
    response = get(reverse(Organisation.snippet_viewset.get_url_name("list")), {"q": "Migration Manag"})
    assert "Directorate General for Migration Management" in response.content.decode()
    response = get(reverse(Topic.snippet_viewset.get_url_name("list")), {"q": '"'})
    assert "Directorate General" not in response.content.decode()


def test_a_search_with_a_quote_still_finds_the_words(get):
    response = get(reverse("wagtailadmin_pages:search"), {"q": '"Adana'})
    assert "Adana" in response.content.decode()


@pytest.mark.parametrize("name", ["locale", "type", "status", "format"])
@pytest.mark.parametrize("value", [*HOSTILE.values(), *RAW.values()], ids=[*HOSTILE, *RAW])
def test_translation_status_filters_take_hostile_values(get, name, value):
    url = reverse("editorial_translation_status")
    response = get(
        f"{url}?{name}={value}" if value in RAW.values() else url,
        None if value in RAW.values() else {name: value},
    )
    if name != "format":
        # an impossible filter value is a form error on the page, not a silently wrong matrix
        assert "Correct the filters below." in response.content.decode()
