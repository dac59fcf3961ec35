"""Search in each locale's pages: a translation is found in its own language once published and no
longer once unpublished; on PostgreSQL the words are matched through the search documents' GIN
index, not by reading every page."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from api import postgres_search
from api.visibility import Visibility
from editorial import localization
from pages.models import EventPage, SearchDocument
from tests.api.plans import plan, run_per_row, steps, walk_nodes
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
def test_the_words_are_matched_in_the_gin_index_not_in_every_page(api, many_pages):
    with CaptureQueriesContext(connection) as queries:
        assert found(api, "en", "Adana") == [("dgmm-awareness-training-adana-2016", "en")]
    searches = [query["sql"] for query in queries if "pages_searchdocument" in query["sql"]]
    assert len(searches) == 1
    # the search reads neither every document nor every page
    assert not {("Seq Scan", "pages_searchdocument"), ("Seq Scan", "wagtailcore_page")} & steps(
        plan(searches[0])
    )
    # and the match of the words is the GIN index's
    matching = postgres_search.documents("Adana", ["en"]).values("page_id").query.sql_with_params()
    assert ("Bitmap Index Scan", "pages_searchdocument_vector_gin") in steps(plan(*matching))


@postgres_only
def test_a_prepared_search_parses_its_words_once_not_again_for_each_match(api, locales):
    # The API's queries are prepared statements, run with a generic plan once PostgreSQL has
    # planned them a few times; in it the words are parameters. Parsed for each match and each
    # rank of it, they cost a search more the more pages it matches.
    ranking = postgres_search.ranking([EventPage], "training victims", "tr", Visibility())
    generic = plan(*ranking.query.sql_with_params(), generic=True)
    in_each_row = [
        expression
        for node in run_per_row(generic)
        for key in ("Output", "Sort Key", "Filter", "Recheck Cond", "Index Cond")
        for expression in node.get(key, ())
        if "to_tsquery" in expression
    ]
    assert in_each_row == []
    assert "InitPlan" in {node.get("Parent Relationship") for node in walk_nodes(generic)}  # parsed once
