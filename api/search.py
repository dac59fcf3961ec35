"""Full-text search for the API: which pages match a search term, and in what order."""

from django.db import connection
from django.db.models import Case, IntegerField, Value, When
from modelsearch.query import PlainText
from wagtail.models import Locale, Page

from cms.search import MAX_TERMS, in_locales

from .filters import shown_languages

MAX_SEARCH_HITS = 1000


def _first_hits(models, q, language_codes, **options):
    """At most MAX_SEARCH_HITS pages of these types and languages matching every word of `q` (the
    first in the page tree), as the database search backend's own queryset: their ids are read in
    SQL, where iterating the results built a page object for every hit, which took longer than
    the search itself."""
    # the base page table, and only ids: on SQLite a search of a page type's own table, with all
    # its columns, took fifty times as long
    pages = (
        Page.objects.type(*models)
        .filter(locale__in=Locale.objects.filter(language_code__in=language_codes))
        .only("pk")
    )
    query = PlainText(q, operator="and")
    if connection.vendor == "sqlite":
        query = in_locales(query, language_codes)
    return pages.search(query, **options)[:MAX_SEARCH_HITS].get_queryset()


def matching_ids(models, q, language_code, fallback=False):
    """Ids of the pages of these types matching every word of `q` in a locale (and English, with
    fallback), in no particular order, as a subquery."""
    codes = shown_languages(language_code, fallback)
    return _first_hits(models, q, codes, order_by_relevance=False).values("pk")


def ranked_ids(models, q, language_code, visibility):
    """Ids of the visible pages of these types matching `q` in a locale, best match first.

    PostgreSQL ranks with its own full-text ranking. On SQLite, Wagtail's database backend scores
    each hit with a full-text match of its own, which took seconds for a common word among a
    thousand events; there, pages whose title holds more of the words come first, then the newest.
    """
    if connection.vendor == "postgresql":
        ranked = list(_first_hits(models, q, [language_code]).values_list("pk", flat=True))
        shown = set(visibility.filter(Page.objects.filter(pk__in=ranked)).values_list("pk", flat=True))
        return [pk for pk in ranked if pk in shown]
    words = q.replace('"', " ").split()[:MAX_TERMS]
    in_title = [Case(When(title__icontains=word, then=Value(1)), default=Value(0)) for word in words]
    title_hits = sum(in_title[1:], in_title[0]) if in_title else Value(0, output_field=IntegerField())
    hits = visibility.filter(Page.objects.filter(pk__in=matching_ids(models, q, language_code)))
    ranked = hits.annotate(title_hits=title_hits)
    return list(ranked.order_by("-title_hits", "-first_published_at", "-pk").values_list("pk", flat=True))
