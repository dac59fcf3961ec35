"""Searches match only the pages of the locales they show (on SQLite inside the full-text match,
by each locale's marker word), and pages indexed before there were markers are found again."""

import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.cache import cache
from django.db import connection
from wagtail.search.models import IndexEntry

from cms.sqlite_tuning import locale_marker

UPGRADE = importlib.import_module("pages.migrations.0006_index_search_locale_markers")


def titles(api, path):
    return [item["title"] for item in api(path).json()["results"]]


def test_a_page_is_found_in_its_own_locale_only(api):
    assert titles(api, "/api/v1/en/search/?q=Adana") == [
        "Anti-trafficking awareness training for DGMM personnel in Adana"
    ]
    turkish = api("/api/v1/tr/search/?q=Adana").json()["results"]
    assert turkish and {item["locale"] for item in turkish} == {"tr"}
    # a language's marker is no search term of its own: it finds nothing in another locale
    assert api(f"/api/v1/tr/search/?q={locale_marker('en')}").json()["count"] == 0


def test_an_english_fallback_search_finds_english_pages_too(api):
    lisbon = "turkish-delegation-lisbon-2016"  # in English only
    assert api("/api/v1/tr/events/?q=Lisbon").json()["count"] == 0
    fallback = api("/api/v1/tr/events/?q=Lisbon&fallback=source").json()["results"]
    assert [(item["slug"], item["locale"]) for item in fallback] == [(lisbon, "en")]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="only SQLite's searches use the markers")
def test_pages_indexed_before_the_locale_markers_are_found_after_the_upgrade(api):
    for entry in IndexEntry.objects.all():  # the index as an earlier version wrote it
        entry.body = " ".join(word for word in entry.body.split() if not word.startswith("zzlocale"))
        entry.save(update_fields=["body"])
    assert api("/api/v1/en/search/?q=Adana").json()["count"] == 0

    UPGRADE.add_locale_markers(apps, SimpleNamespace(connection=connection))
    cache.clear()  # the answer cached before expires within API_CACHE_SECONDS

    assert titles(api, "/api/v1/en/search/?q=Adana") == [
        "Anti-trafficking awareness training for DGMM personnel in Adana"
    ]
    assert {item["locale"] for item in api("/api/v1/tr/search/?q=Adana").json()["results"]} == {"tr"}


def test_a_term_of_punctuation_only_matches_nothing(api):
    for term in ("-", "--", "...", "'", "(", "*"):
        assert api("/api/v1/en/search/", data={"q": term}).json()["count"] == 0, term
        assert api("/api/v1/en/events/", data={"q": term}).json()["count"] == 0, term
