"""Search in each locale's pages: a translation is found in its own language once published and no
longer once unpublished; on PostgreSQL the words are matched through the search documents' GIN
index, not by reading every page."""

from datetime import timedelta
from urllib.parse import urlencode

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale, Page

from api import postgres_search
from api.visibility import Visibility
from editorial import localization
from pages.models import EventPage, SearchDocument
from tests.api.plans import plan, run_per_row, steps, walk_nodes
from tests.content import english, in_locale

LISBON = "turkish-delegation-lisbon-2016"  # in English only in the demo content
postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's search documents")


def searched(api, code, q, **params):
    cache.clear()  # a search answered before stays cached for API_CACHE_SECONDS
    return api(f"/api/v1/{code}/search/?{urlencode({'q': q, **params})}").json()


def found(api, code, q):
    return [(item["slug"], item["locale"]) for item in searched(api, code, q)["results"]]


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
    # the search reads no page at all, only the matching documents
    read = steps(plan(searches[0]))
    assert ("Seq Scan", "pages_searchdocument") not in read
    assert not [table for _step, table in read if (table or "").startswith("wagtailcore_page")], read
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


ADANA = "dgmm-awareness-training-adana-2016"


def hide_by_expiry(page):
    page.expire_at = timezone.now() - timedelta(minutes=1)  # publish_scheduled has not run yet
    page.save()


def hide_by_schedule(page):
    page.go_live_at = timezone.now() + timedelta(days=7)
    page.save()


def hide_by_unpublishing(page):
    page.unpublish()


@pytest.mark.parametrize("hide", [hide_by_expiry, hide_by_schedule, hide_by_unpublishing])
def test_a_search_counts_what_it_shows_when_a_page_is_hidden(api, django_capture_on_commit_callbacks, hide):
    # on PostgreSQL search counts and ranks in the search documents alone, which must follow their page
    adana = english(EventPage, ADANA)
    before = searched(api, "en", "Adana")
    assert before["count"] == 1 and [item["slug"] for item in before["results"]] == [ADANA]
    with django_capture_on_commit_callbacks(execute=True):
        hide(adana)
    assert searched(api, "en", "Adana") == {**before, "count": 0, "results": []}


def test_a_page_hidden_behind_its_search_documents_back_is_not_shown(api):
    # a bulk update sends no signal, so the page's document still says it is shown (as it would if
    # the search index failed to write): the page itself decides
    adana = english(EventPage, ADANA)
    Page.objects.filter(pk=adana.pk).update(live=False)
    assert found(api, "en", "Adana") == []


def test_a_search_queries_only_the_types_on_its_page(api):
    with CaptureQueriesContext(connection) as queries:
        assert found(api, "en", "Adana") == [(ADANA, "en")]
    tables = " ".join(query["sql"] for query in queries)
    assert "pages_eventpage" in tables
    assert "pages_assessmentpage" not in tables and "pages_gallerypage" not in tables


def test_a_search_pages_through_its_ranking(api):
    everything = searched(api, "en", "trafficking", page_size=100)
    pages = [searched(api, "en", "trafficking", page_size=3, page=number) for number in (1, 2, 3, 4)]
    assert everything["count"] > 9 and {page["count"] for page in pages} == {everything["count"]}
    assert [item for page in pages for item in page["results"]] == everything["results"][:12]
    last = -(-everything["count"] // 3)
    assert searched(api, "en", "trafficking", page_size=3, page=last)["next"] is None
    cache.clear()
    api(f"/api/v1/en/search/?q=trafficking&page_size=3&page={last + 1}", status=404)
