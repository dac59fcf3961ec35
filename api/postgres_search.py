"""The API's search on PostgreSQL: a locale's pages matched in their search documents' GIN index.

Each partner page's words are stored in its language's text search configuration
(`pages.postgres_search`); a search in a locale is parsed with that locale's configuration
(`plainto_tsquery`: every word must match, as on SQLite) and matched in the documents of that
locale only, through the index, instead of reading every page and its index entry. SQLite keeps
Wagtail's own index (`api.search`, `api.sqlite_tuning`).
"""

from functools import reduce
from operator import or_

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import Count, F, Q, Window
from wagtail.models import Locale, Page

from cms.search import clean_terms
from pages.models import SearchDocument
from pages.postgres_search import config_for

# ts_rank's weights of D, C, B and A: the title's words alone (pages.postgres_search gives them A)
TITLE_ONLY = [0.0, 0.0, 0.0, 1.0]


class ParsedOnce(SearchQuery):
    """A search query parsed once per execution of the SQL statement, as an uncorrelated subquery.

    The API's queries are prepared statements (`cms.settings`), whose generic plan cannot fold
    `plainto_tsquery(config, text)` of parameters into a constant: each match would parse and
    stem the words again for each of its ranks, a cost that grows with the matches. A subquery
    is evaluated once, and the GIN index is still scanned with it.
    """

    template = "(SELECT %(function)s(%(expressions)s))"


def _query(q, language_code):
    """`q` as a text search query in the language's configuration, or None when no word is left."""
    cleaned = clean_terms(q)
    if not isinstance(cleaned, str):
        return None
    return ParsedOnce(cleaned, config=config_for(language_code), search_type="plain")


def documents(q, language_codes):
    """The search documents of these locales' pages that hold every word of `q`."""
    matches = [
        Q(locale__in=Locale.objects.filter(language_code=code), vector=query)
        for code in sorted(language_codes)
        if (query := _query(q, code)) is not None
    ]
    return SearchDocument.objects.filter(reduce(or_, matches)) if matches else SearchDocument.objects.none()


def matching_pages(models, q, language_codes, limit):
    """Ids of at most `limit` pages of these types and languages matching `q` (the first in the page
    tree, as Wagtail's backend takes them), as a subquery."""
    pages = Page.objects.type(*models).filter(pk__in=documents(q, language_codes).values("page_id"))
    return pages.order_by("path")[:limit].values("pk")


def ranking(models, q, language_code, visibility):
    """The documents of the visible pages of these types matching `q` in a locale, as a queryset in
    their order: those with the words in their title first, then by full-text rank, then the
    newest; None when `q` holds no word. No page is read: each document carries what is filtered
    and ordered by (`SearchDocument`)."""
    query = _query(q, language_code)
    if query is None:
        return None
    content_types = ContentType.objects.get_for_models(*models, for_concrete_models=False).values()
    return (
        documents(q, [language_code])
        .filter(visibility.condition_on_documents(), content_type__in=content_types)
        .annotate(
            in_title=SearchRank(F("vector"), query, weights=TITLE_ONLY),
            rank=SearchRank(F("vector"), query),
        )
        .order_by("-in_title", "-rank", "-first_published_at", "-page_id")
    )


def ranked_page(models, q, language_code, visibility, start, size):
    """`(hits, count)`: the `(page id, content type id)` of the matches from `start` to
    `start + size` in `ranking`'s order, and how many match in all, in one query. PostgreSQL ranks
    every match but sorts only the page's worth of them."""
    ranked = ranking(models, q, language_code, visibility)
    if ranked is None:
        return [], 0
    counted = ranked.annotate(total=Window(Count("pk"))).values_list("page_id", "content_type_id", "total")
    rows = list(counted[start : start + size])
    if rows:
        return [(pk, type_id) for pk, type_id, _total in rows], rows[0][2]
    return [], ranked.count() if start else 0  # past the end: how far it goes
