"""What the API does only for SQLite's sake, and the one place it reaches into Django's internals.

SQLite plans a query from the order it is written in and from few statistics, and Wagtail's
database search backend does on SQLite much of what PostgreSQL does in the database. So here:

- `page_id_in`: a page type's id tested on the page table rather than the type's own, using
  `Query.join_parent_model`, a Django internal. PostgreSQL gets the same SQL and has no need of
  it: its planner orders joins and tests from the statistics it keeps itself.
- `search_in_locales`: the full-text match limited to the shown locales by their marker words.
  PostgreSQL's backend filters by locale in the same query, and drops stop words (a marker could
  then be left to match alone), so its query is left as it is.
- `rank_by_title`: the order of search hits. PostgreSQL ranks them with its own full-text ranking
  (`api.search.ranked_page`).
"""

from django.db import connection
from django.db.models import Case, Expression, IntegerField, Value, When
from django.db.models.expressions import Col
from django.db.models.lookups import In
from wagtail.models import Page

from cms.search import MAX_TERMS
from cms.sqlite_tuning import in_locales


class PageTableId(Expression):
    """The id of a page type's row as the page table holds it (`wagtailcore_page.id`), joined
    there as Django joins any field of a parent model: the ORM writes a page type's `pk` (and
    `id`) on the type's own table."""

    output_field = IntegerField()

    def resolve_expression(self, query=None, allow_joins=True, reuse=None, summarize=False, for_save=False):
        alias = query.join_parent_model(query.get_meta(), Page, query.get_initial_alias(), {})
        return Col(alias, Page._meta.pk)


def page_id_in(ids):
    """`pk__in=ids` for a page type's queryset, tested on the page table. Tested on the type's own
    table, SQLite read each candidate's row there (a database page each, StreamFields and all)
    before it could test it; on the page table the test comes first, in the locale's index, and
    only the rows of the pages that pass are read."""
    return In(PageTableId(), ids)


def search_in_locales(query, language_codes):
    """On SQLite, `query` limited to these locales within the full-text match itself
    (`cms.search.in_locales`): Wagtail's SQLite backend matches the pages of every locale first
    and filters by locale after, a cost that grew with the translations."""
    return in_locales(query, language_codes) if connection.vendor == "sqlite" else query


def rank_by_title(hits, q):
    """`(id, content type id)` of `hits` (a page queryset), those whose title holds more of the
    words of `q` first, then the newest. Wagtail's database backend on SQLite scores each hit with
    a full-text match of its own, which grows with the hits: slow for a common word on a large site."""
    words = q.replace('"', " ").split()[:MAX_TERMS]
    in_title = [Case(When(title__icontains=word, then=Value(1)), default=Value(0)) for word in words]
    title_hits = sum(in_title[1:], in_title[0]) if in_title else Value(0, output_field=IntegerField())
    ranked = hits.annotate(title_hits=title_hits)
    ordered = ranked.order_by("-title_hits", "-first_published_at", "-pk")
    return list(ordered.values_list("pk", "content_type_id"))
