"""Search in each locale's pages: a translation is found in its own language once published and no
longer once unpublished; on PostgreSQL the words are matched through the search documents' GIN
index, not by reading every page."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from api import postgres_search
from editorial import localization
from pages.models import EventPage, SearchDocument
from tests.content import english, in_locale

LISBON = "turkish-delegation-lisbon-2016"  # in English only in the demo content
postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's search documents")


def found(api, code, q):
    cache.clear()  # a search answered before stays cached for API_CACHE_SECONDS
    return [(item["slug"], item["locale"]) for item in api(f"/api/v1/{code}/search/?q={q}").json()["results"]]


def test_a_newly_published_translation_is_found_in_its_locale_and_unpublished_is_not(
    api, django_capture_on_commit_callbacks
):
    lisbon = english(EventPage, LISBON)
    assert found(api, "tr", "Lizbon") == []
    with django_capture_on_commit_callbacks(execute=True):
        localization.translate(
            lisbon, Locale.objects.get(language_code="tr"), lambda text: text.replace("Lisbon", "Lizbon")
        )
    turkish = in_locale(lisbon, "tr")
    assert turkish.live
    assert found(api, "tr", "Lizbon") == [(turkish.slug, "tr")]
    assert found(api, "en", "Lizbon") == []  # the English page says Lisbon
    assert found(api, "ro", "Lizbon") == []

    with django_capture_on_commit_callbacks(execute=True):
        turkish.unpublish()
    assert found(api, "tr", "Lizbon") == []


@postgres_only
def test_each_page_is_stored_in_its_languages_configuration(api):
    lisbon = english(EventPage, LISBON)
    document = SearchDocument.objects.get(page=lisbon)
    assert document.locale.language_code == "en"
    with connection.cursor() as cursor:
        cursor.execute("SELECT %s::tsvector @@ plainto_tsquery('english', 'delegations')", [document.vector])
        assert cursor.fetchone()[0]  # stemmed: delegation, delegations


@postgres_only
def test_the_words_are_matched_in_the_gin_index_not_in_every_page(api, locales):
    # thousands more documents (of pages that would exist once committed: the foreign key is
    # checked at commit, and they are deleted before), merged into the index and counted, as
    # autovacuum would do some time after such a load
    english_id = Locale.objects.get(language_code="en").pk
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO pages_searchdocument (page_id, locale_id, vector)"
            " SELECT 100000000 + n, %s, to_tsvector('english', 'filler words number ' || n)"
            " FROM generate_series(1, 20000) AS n",
            [english_id],
        )
        cursor.execute("SELECT gin_clean_pending_list('pages_searchdocument_vector_gin')")
        cursor.execute("ANALYZE pages_searchdocument")
    try:
        with CaptureQueriesContext(connection) as queries:
            assert found(api, "en", "Adana") == [("dgmm-awareness-training-adana-2016", "en")]
        searches = [query["sql"] for query in queries if "pages_searchdocument" in query["sql"]]
        assert len(searches) == 1
        # the search reads neither every document nor every page
        assert not {("Seq Scan", "pages_searchdocument"), ("Seq Scan", "wagtailcore_page")} & steps(
            searches[0]
        )
        # and the match of the words is the GIN index's
        matching = postgres_search.documents("Adana", ["en"]).values("page_id").query.sql_with_params()
        assert ("Bitmap Index Scan", "pages_searchdocument_vector_gin") in steps(*matching)
    finally:
        SearchDocument.objects.filter(page_id__gt=100000000).delete()


def steps(sql, params=None):
    """Each step of the query plan of `sql`, as (node type, the index or table it reads)."""
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        return set(walk(cursor.fetchone()[0][0]["Plan"]))


def walk(node):
    yield node["Node Type"], node.get("Index Name") or node.get("Relation Name")
    for child in node.get("Plans", ()):
        yield from walk(child)
