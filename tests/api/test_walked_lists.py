"""On PostgreSQL an unfiltered list in its default order is read by walking its type's items newest
first (`api.pagination.walked_page`): the same items, in the same order and with the same count as
counting and sorting every match gives, whatever is hidden from the API."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from api import pagination
from tests.api.test_visibility import new_event
from tests.content import in_locale

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="only PostgreSQL's lists are walked"),
]

LOCALES = ["en", "sq", "az", "bs", "ro", "ur", "tr"]
COLLECTIONS = ["events", "assessments", "galleries"]


def every_page(client, path):
    """`(count, ids of each page in turn)` of a list, read uncached, and whether any of its queries
    counted and sorted every match (a window over them)."""
    pages, counted_every_match = [], False
    number, count = 1, None
    while True:
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(f"{path}&page={number}")
        assert response.status_code == 200, response.content
        body = response.json()
        count = body["count"]
        pages.append([item["id"] for item in body["results"]])
        counted_every_match |= any("OVER ()" in query["sql"] for query in captured)
        if not body["next"]:
            return (count, pages), counted_every_match
        number += 1


def hide_some(adana):
    """Pages the API must not show, in every way one can be hidden."""
    new_event("A draft meeting", live=False).save_revision()
    scheduled = new_event("A meeting next week", live=False)
    scheduled.go_live_at = timezone.now() + timedelta(days=7)
    scheduled.save_revision().publish()
    adana.expire_at = timezone.now() - timedelta(minutes=1)  # publish_scheduled has not run yet
    adana.save()
    turkish = in_locale(adana, "tr")
    PageViewRestriction.objects.create(page=turkish, restriction_type="password", password="secret")


@pytest.mark.parametrize("hidden", [False, True], ids=["all visible", "some hidden"])
def test_a_walked_list_shows_what_counting_every_match_shows(client, monkeypatch, adana, hidden):
    if hidden:
        hide_some(adana)
    for size in (1, 2, 20):
        for code in LOCALES:
            for collection in COLLECTIONS:
                path = f"/api/v1/{code}/{collection}/?page_size={size}"
                monkeypatch.setattr(pagination, "WALK_SHARE", 10**9)  # never walked
                counted, counted_every_match = every_page(client, path)
                assert counted_every_match or counted[0] == 0, path
                monkeypatch.setattr(pagination, "WALK_SHARE", 0)  # always walked
                walked, walked_every_match = every_page(client, path)
                assert not walked_every_match, path
                assert walked == counted, path


def test_a_filtered_or_reordered_list_still_counts_and_sorts_every_match(client, monkeypatch):
    monkeypatch.setattr(pagination, "WALK_SHARE", 0)
    for query in ("country=TR", "ordering=title", "fallback=source", "date_from=2016-01-01", "q=trafficking"):
        (count, _pages), counted_every_match = every_page(client, f"/api/v1/en/events/?{query}")
        assert count and counted_every_match, query
