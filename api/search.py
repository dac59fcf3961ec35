"""Full-text search for the API: which pages match a search term, and in what order.

On PostgreSQL in the pages' search documents and their GIN index (`postgres_search`), on SQLite in
Wagtail's own index (`sqlite_tuning`)."""

from django.db import connection
from modelsearch.query import PlainText
from wagtail.models import Locale, Page

from . import postgres_search
from .filters import shown_languages
from .sqlite_tuning import rank_by_title, search_in_locales

MAX_SEARCH_HITS = 1000


def _first_hits(models, q, language_codes, **options):
    """At most MAX_SEARCH_HITS pages of these types and languages matching every word of `q` (the
    first in the page tree), as the database search backend's own queryset: their ids are read in
    SQL, where iterating the results built a page object for every hit, which took longer than
    the search itself."""
    # the base page table, and only ids: on SQLite a search of a page type's own table read every
    # column of each hit, StreamFields and all
    pages = (
        Page.objects.type(*models)
        .filter(locale__in=Locale.objects.filter(language_code__in=language_codes))
        .only("pk")
    )
    query = search_in_locales(PlainText(q, operator="and"), language_codes)
    return pages.search(query, **options)[:MAX_SEARCH_HITS].get_queryset()


def matching_ids(models, q, language_code, fallback=False):
    """Ids of the pages of these types matching every word of `q` in a locale (and English, with
    fallback), in no particular order, as a subquery."""
    codes = shown_languages(language_code, fallback)
    if connection.vendor == "postgresql":
        return postgres_search.matching_pages(models, q, codes, MAX_SEARCH_HITS)
    return _first_hits(models, q, codes, order_by_relevance=False).values("pk")


def ranked_page(models, q, language_code, visibility, start, size):
    """`(hits, count)`: the `(page id, content type id)` of the visible pages of these types matching
    `q` in a locale, best match first, from `start` to `start + size`, and how many match (at most
    MAX_SEARCH_HITS, the last one a partner can page to).

    Pages with the words in their title come first. PostgreSQL then ranks with its own full-text
    ranking, in the pages' search documents (`postgres_search`); SQLite puts the pages whose title
    holds more of the words first, then the newest (`sqlite_tuning.rank_by_title`).
    """
    size = max(0, min(size, MAX_SEARCH_HITS - start))
    if connection.vendor == "postgresql":
        hits, count = postgres_search.ranked_page(models, q, language_code, visibility, start, size)
    else:
        hits = visibility.filter(Page.objects.filter(pk__in=matching_ids(models, q, language_code)))
        ranked = rank_by_title(hits, q)
        hits, count = ranked[start : start + size], len(ranked)
    return hits, min(count, MAX_SEARCH_HITS)
