"""Queries per request: a list costs the same in every locale and at every page size (at most 8);
a detail stays the same whatever the number of links, experts, groups, images or photos (at most 10);
no image is processed inside a request."""

import re

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import PageViewRestriction
from wagtail.rich_text import RichText

from api.models import PartnerKey
from cms import i18n
from pages.models import EventExpert, GalleryPhoto, Organisation, Person
from tests.api.plans import numbered_placeholders, plan, steps, text_plan
from tests.content import in_locale

pytestmark = pytest.mark.django_db

MAX_LIST_QUERIES = 8
MAX_DETAIL_QUERIES = 10


def queries(client, path):
    cache.clear()  # measure the uncached response
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(captured)


@pytest.mark.parametrize("collection", ["events", "assessments", "galleries"])
def test_a_list_costs_the_same_in_every_locale_and_at_every_page_size(client, collection):
    queries(client, f"/api/v1/en/{collection}/")  # Django's per-process caches (content types) warm up
    # with fallback a list is read one way everywhere; without, on PostgreSQL, it is first
    # counted, then walked or counted again with its page (api.pagination.walked_page)
    for fallback in ("", "&fallback=source"):
        counts = {
            (code, size): queries(client, f"/api/v1/{code}/{collection}/?page_size={size}{fallback}")
            for code in i18n.LANGUAGE_CODES
            for size in (1, 20, 100)
        }
        assert len(set(counts.values())) == 1, (fallback, counts)
        assert set(counts.values()).pop() <= MAX_LIST_QUERIES


def richer(event, extra):
    """`event` with `extra` more rich-text links, experts, participant groups and body images."""
    linked = [page for page in event.get_siblings().live().filter(locale=event.locale)][:3]
    links = "".join(
        f'<a linktype="page" id="{linked[n % len(linked)].pk}">link {n}</a> ' for n in range(4 * extra)
    )
    images = list(get_image_model().objects.all()[:2])
    people = list(Person.objects.filter(locale=event.locale)[:2])
    organisations = list(Organisation.objects.filter(locale=event.locale, country__isnull=False)[:2])
    event.body = [
        *[(block.block_type, block.value) for block in event.body],
        ("paragraph", RichText(f"<p>{links}</p>")),
        *[("image", {"image": images[n % 2], "caption": f"c{n}", "alt_text": f"a{n}"}) for n in range(extra)],
    ]
    event.participant_groups = [
        ("group", {"count": 1, "description": f"group {n}", "organisation": organisations[n % 2]})
        for n in range(extra)
    ]
    event.experts = [
        *event.experts.all(),
        *[EventExpert(person=people[n % 2], role="expert") for n in range(extra)],
    ]
    event.save_revision().publish()
    return event


def test_an_event_detail_does_not_grow_with_its_content(client, adana):
    turkish = in_locale(adana, "tr")
    path = f"/api/v1/tr/events/{turkish.slug}/"
    queries(client, path)
    counts = []
    for extra in (1, 12):
        richer(turkish, extra)
        counts.append(queries(client, path))
    assert counts[0] == counts[1] <= MAX_DETAIL_QUERIES, counts
    body = client.get(path).json()
    assert len(body["participants"]["groups"]) == 12
    assert all(group["organisation"]["country"] for group in body["participants"]["groups"])
    images = sum(block.block_type == "image" for block in type(turkish).objects.get(pk=turkish.pk).body)
    assert sum(block["type"] == "image" for block in body["body"]) == images >= 12


def test_a_gallery_detail_does_not_grow_with_its_photos(client, gallery):
    path = f"/api/v1/en/galleries/{gallery.slug}/"
    before = queries(client, path)
    photos = list(gallery.photos.all())
    gallery.photos = [
        *photos,
        *[GalleryPhoto(image=photo.image, caption=f"again {n}") for n, photo in enumerate(photos * 3)],
    ]
    gallery.save_revision().publish()
    assert queries(client, path) == before <= MAX_DETAIL_QUERIES
    assert len(client.get(path).json()["photos"]) == 4 * len(photos)


@pytest.mark.parametrize("collection", ["events", "assessments", "galleries"])
def test_details_stay_within_ten_queries(client, adana, bosnia_assessment, gallery, collection):
    page = {"events": adana, "assessments": bosnia_assessment, "galleries": gallery}[collection]
    for code in ("en", "bs", "ur"):
        assert (
            queries(client, f"/api/v1/{code}/{collection}/{in_locale(page, code).slug}/")
            <= MAX_DETAIL_QUERIES
        )


def test_no_image_is_processed_inside_a_request(client, gallery, monkeypatch):
    """Renditions are made when a page is published; a request only reads them."""

    def refuse(*args, **kwargs):
        raise AssertionError("an image was processed inside an API request")

    rendition_model = get_image_model().get_rendition_model()
    monkeypatch.setattr(get_image_model(), "create_renditions", refuse)
    monkeypatch.setattr(get_image_model(), "generate_rendition_file", refuse)
    rendition_model.objects.filter(image__in=[photo.image for photo in gallery.photos.all()[:1]]).delete()
    for code in i18n.LANGUAGE_CODES:
        response = client.get(f"/api/v1/{code}/galleries/{in_locale(gallery, code).slug}/")
        assert response.status_code == 200
    # a photo whose renditions are gone is left out rather than made on the fly
    assert len(response.json()["photos"]) == gallery.photos.count() - 1


def test_a_cached_response_costs_one_query(client, django_assert_num_queries):
    client.get("/api/v1/tr/events/")
    with django_assert_num_queries(1):  # the content version
        assert client.get("/api/v1/tr/events/").status_code == 200


def test_the_content_version_is_the_requests_check_of_its_connection(client, monkeypatch):
    """Django checks a reused connection with a query of its own (CONN_HEALTH_CHECKS) unless the
    request's first query does: a cached response is then one round trip, not two."""
    checks = []
    monkeypatch.setattr(connection, "is_usable", lambda: checks.append("SELECT 1") or True)
    client.get("/api/v1/tr/events/")
    connection.health_check_done = False  # as at the start of every request
    assert connection.health_check_enabled
    assert client.get("/api/v1/tr/events/").status_code == 200
    assert checks == []


def test_a_partner_key_costs_one_query_on_its_unique_prefix(client):
    """Its validity is read from the database on every request, never from a worker's memory, so a
    revoked key is refused at once by every process (test_key_revocation.py)."""
    partner = PartnerKey(name="Query partner", requests_per_minute=100)
    raw = partner.set_new_key()
    partner.save()
    client.get("/api/v1/tr/events/")
    counts = []
    for _ in range(3):
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/api/v1/tr/events/", HTTP_AUTHORIZATION=f"Api-Key {raw}").status_code == 200
        counts.append(len(captured))
    assert counts == [2, 2, 2]  # the key, then the content version of the cached response
    assert '"prefix" = ' in captured[0]["sql"] and "api_partnerkey" in captured[0]["sql"]


sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="PostgreSQL plans from its own statistics"
)


def counted_sql(client, path):
    """The query that finds a list's page of ids and counts its matches."""
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    [counted] = [query["sql"] for query in captured if "OVER ()" in query["sql"]]
    return counted


def list_plan(client, path):
    """SQLite's plan for `counted_sql`."""
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {counted_sql(client, path)}")
        return " / ".join(row[-1] for row in cursor.fetchall())


@sqlite_only
@pytest.mark.parametrize(
    "path, table",
    [
        ("/api/v1/tr/events/?country=TR&date_from=2018-01-01&kind=workshop", "pages_eventpage"),
        ("/api/v1/bs/events/?ordering=start_date", "pages_eventpage"),
        ("/api/v1/ur/assessments/?country=BA&kind=nrm_assessment", "pages_assessmentpage"),
    ],
)
def test_a_list_sorts_and_filters_its_matches_without_reading_their_rows(client, path, table):
    """A list's page of ids and its count come from the type's list index alone: read from the
    table, each match cost a database page (StreamFields and all), more as the events grow."""
    plan = list_plan(client, path)
    assert f"SEARCH {table} USING COVERING INDEX" in plan, plan
    assert f"SEARCH {table} USING INTEGER PRIMARY KEY" not in plan, plan


def test_a_list_takes_its_page_outside_the_query_that_counts_its_matches(client):
    """With the page's LIMIT beside the count, PostgreSQL planned to stop after a few events in date
    order, then read every locale's events to count them all."""
    counted = counted_sql(client, "/api/v1/tr/events/?page=2&page_size=1")
    _select, _from, source = counted.partition(" FROM ")
    assert source.lstrip().startswith("("), counted  # the matches are counted in a subquery
    outside = counted[counted.rindex(")") :]
    assert "ORDER BY" in outside and "LIMIT" in outside, counted  # and the page is taken from it


def statistics(table):
    with connection.cursor() as cursor:
        cursor.execute("SELECT idx, stat FROM sqlite_stat1 WHERE tbl = %s ORDER BY idx", [table])
        return cursor.fetchall()


@sqlite_only
def test_migrate_states_the_list_statistics_again_when_a_table_lost_them(client):
    """Rebuilding a table (as a migration altering a column does on SQLite) drops its statistics."""
    path = "/api/v1/tr/events/?date_from=2018-01-01"
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM sqlite_stat1 WHERE tbl = 'pages_eventpage'")
        cursor.execute("ANALYZE sqlite_master")
    assert "pages_eventpage USING INTEGER PRIMARY KEY" in list_plan(client, path)
    call_command("migrate", verbosity=0)
    assert "pages_eventpage USING COVERING INDEX event_list_keys" in list_plan(client, path)


@sqlite_only
def test_migrate_leaves_statistics_that_analyze_measured(client):
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE pages_assessmentpage")
    measured = statistics("pages_assessmentpage")
    call_command("migrate", verbosity=0)
    assert statistics("pages_assessmentpage") == measured


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's prepared statements")
def test_on_postgresql_a_connection_plans_each_query_of_a_detail_once(client, adana):
    """Planning the detail's queries took longer than running them: a connection prepares each
    query it repeats, and PostgreSQL reuses the plan (cms/settings/base.py)."""
    path = f"/api/v1/en/events/{adana.slug}/"
    for _ in range(6):
        queries(client, path)
    cache.clear()
    sent = []

    def record(execute, sql, params, many, context):
        sent.append(numbered_placeholders(sql))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        assert client.get(path).status_code == 200
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = {statement for (statement,) in cursor.fetchall()}
    assert len(sent) > 5
    assert [sql for sql in sent if sql not in prepared] == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's generic plans")
def test_the_feeds_expiry_check_reads_an_index_in_its_generic_plan(client, many_pages):
    """Every request to the changes feed asks whether a live page has expired. Prepared, with the
    moment a parameter, PostgreSQL took a third of the pages to match and read the whole page table;
    the plan it keeps must read the index of live pages' expiries."""
    feed_sql = []

    def record(execute, sql, params, many, context):
        feed_sql.extend([sql] if "expire_at <=" in sql else [])
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        assert client.get("/api/v1/changes/").status_code == 200
    [expiry] = feed_sql
    read = steps(plan(expiry, [timezone.now()], generic=True))
    assert "api_live_page_expiry" in {index for _step, index in read}, read
    assert "Seq Scan" not in {step for step, _index in read}, read


@pytest.mark.parametrize("path", ["/api/v1/tr/events/", "/api/v1/tr/search/?q=Adana"])
def test_a_view_restriction_is_found_from_the_restriction_not_from_every_page(request, client, adana, path):
    """Once a single page is restricted, every request tests each page it shows for a restricted
    page above it. Found from each page, that read every page of the site, several times a request;
    found from each restriction, it is a range of the index of paths."""
    PageViewRestriction.objects.create(page=in_locale(adana, "sq"), restriction_type="login")
    if connection.vendor == "postgresql":
        request.getfixturevalue("many_pages")  # the planner weighs a large site
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {PageViewRestriction._meta.db_table}")  # as autovacuum would
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    table = PageViewRestriction._meta.db_table
    testing_restrictions = [query["sql"] for query in captured if f"{table} r " in query["sql"]]
    assert testing_restrictions  # the queries of pages
    for sql in testing_restrictions:
        printed = text_plan(sql)
        if connection.vendor == "postgresql":
            assert "Seq Scan on wagtailcore_page " not in printed and "~>=~" in printed, printed
        else:
            # from each restriction to its page, then the pages below it as a range of paths: not
            # every page, nor every page of a locale
            lines = printed.splitlines()
            below = [lines[at + 1] for at, line in enumerate(lines) if line.startswith("SEARCH rp ")]
            ranges = [re.match(r"SEARCH p .*\(path>\? AND path<\?\)", step) for step in below]
            assert ranges and all(ranges), printed
