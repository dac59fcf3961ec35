"""Pages of a list: which items a page holds, and the `count`, `next` and `previous` around them."""

import math

from django.db.models import Count, Window
from django.utils.translation import gettext as _

from .errors import NoSuchPage


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


def page_of(items, params):
    """The requested page of a list already in memory."""
    start = (params.page - 1) * params.page_size
    return items[start : start + params.page_size]


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
