"""Pages of a list: which items a page holds, and the `count`, `next` and `previous` around them."""

import math

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Count, Window
from django.utils.translation import gettext as _

from . import sql
from .errors import NoSuchPage

# Walking a type's items newest first to the end of a page visits about (page end × the type's
# items in every locale / the list's count) of them, each a lookup of its page; counting and
# sorting every match reads each of the type's items once, at about a tenth of a lookup's cost.
# So a list is walked while it holds at least this many times the page's end.
WALK_SHARE = 10


def counted_page(ordered, params):
    """The ids on the requested page of an ordered queryset and the count of all of it, in one
    query: counting in a query of its own made the database find every match a second time."""
    start = (params.page - 1) * params.page_size
    counted = ordered.annotate(total=Window(Count("pk"))).values_list("pk", "total")
    # Filtering on the window has Django count and sort the matches in a subquery and take the page
    # outside it. With the page's LIMIT in the same query, PostgreSQL planned as if it could stop
    # after a few rows in date order, and read every locale's events to count them all.
    counted = counted.filter(total__gt=0)
    rows = list(counted[start : start + params.page_size])
    if rows:
        return [pk for pk, _total in rows], rows[0][1]
    return [], ordered.count() if params.page > 1 else 0  # past the end: how far it goes


def walked_page(collection, visibility, language_code, params):
    """`(ids, count)` of an unfiltered list in its collection's default order on PostgreSQL, without
    fallback, or None where `counted_page` costs less.

    Counting and sorting a locale's matches joined the type's items of every locale to the
    locale's pages, a cost that grew with the whole site. Here the count is read from the page
    table alone, and the page by walking the type's items newest first until it is full
    (`sql.newest_in_locale`; the indexes are api/migrations/0009's).
    """
    newest = collection.orderings[0]
    if connection.vendor != "postgresql" or params.filtered or params.ordering != newest or params.fallback:
        return None
    type_id = ContentType.objects.get_for_model(collection.model).pk
    count = sql.count_in_locale(type_id, language_code, visibility)
    start = (params.page - 1) * params.page_size
    if start >= count:
        return [], count
    if count < WALK_SHARE * (start + params.page_size):
        return None
    column = collection.model._meta.get_field(newest.lstrip("-")).column
    ids = sql.newest_in_locale(collection.model, column, language_code, visibility, start, params.page_size)
    return ids, count


def envelope(request, params, count):
    """`count`, `next` and `previous` of a page; there is no page past the last one."""
    last = max(1, math.ceil(count / params.page_size))
    if params.page > last:
        raise NoSuchPage(
            _("There is no page %(page)s; the last page is %(last)s.") % {"page": params.page, "last": last},
        )

    def link(number):
        query = request.GET.copy()
        query["page"] = number
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    return {
        "count": count,
        "next": link(params.page + 1) if params.page < last else None,
        "previous": link(params.page - 1) if params.page > 1 else None,
    }
