"""What the public API may show: live, current, unrestricted pages and nothing else."""

from contextvars import ContextVar

from django.db import connection
from django.db.models import Q
from django.utils import timezone

from media_library.privacy import private_collection_ids

from . import sql

# Whether any page carries a view restriction, as the API cache middleware read it with the
# content version for this request (None outside a request: then nothing is assumed).
restrictions_exist = ContextVar("restrictions_exist", default=None)


def hidden_by_restriction(through="") -> Q:
    """The pages a view restriction hides from the API (`sql.restricted_subtrees`), as a condition
    on pages, or on another model's page relation `through` (as `page__`)."""
    page_ids, english_keys = sql.restricted_subtree_expressions()
    return Q(**{f"{through}pk__in": page_ids}) | Q(**{f"{through}translation_key__in": english_keys})


class Visibility:
    """Filters page querysets down to what anonymous partner sites may see, without extra queries."""

    def __init__(self):
        self.now = timezone.now()
        self.media = MediaVisibility()

    def filter(self, queryset):
        return queryset.filter(self.condition())

    def condition(self, through="") -> Q:
        """What `filter` keeps, as a condition to filter or annotate page querysets with, or
        another model's querysets through its page relation `through` (as `page__`)."""
        return self._shown(through, live=True, alias_of__isnull=True)

    def condition_on_documents(self) -> Q:
        """`condition` on search documents (`pages.models.SearchDocument`), from what each copies
        from its page: `listed` is live and no alias."""
        return self._shown("", listed=True)

    def _shown(self, through, **listed) -> Q:
        def on_page(**lookups):
            return Q(**{through + lookup: value for lookup, value in lookups.items()})

        condition = (
            (on_page(go_live_at__isnull=True) | on_page(go_live_at__lte=self.now))
            & (on_page(expire_at__isnull=True) | on_page(expire_at__gt=self.now))
            & on_page(**listed)
        )
        if restrictions_exist.get() is False:
            return condition  # no restriction anywhere: testing every page for one is wasted
        return condition & ~hidden_by_restriction(through)

    def condition_sql(self, table):
        """`condition` in plain SQL on the page table or alias `table`, for queries prepared once:
        `(sql, params)`."""
        moment = connection.ops.adapt_datetimefield_value(self.now)
        restricted = sql.restricted_subtrees() if restrictions_exist.get() is not False else None
        return sql.visible_condition(table, moment, restricted)


class MediaVisibility:
    """Which images and documents the API may show: none from a private collection.

    Images are served as plain files under MEDIA_URL, out of Django's reach, so a private image
    must never be named by the API at all; documents are also refused by the download view
    (see media_library.wagtail_hooks.hide_private_documents).
    """

    def __init__(self):
        self._private = None

    @property
    def private_collections(self):
        if self._private is None:
            self._private = private_collection_ids()
        return self._private

    def shows(self, media) -> bool:
        return media is not None and media.collection_id not in self.private_collections

    def public(self, media_list):
        return [media for media in media_list if self.shows(media)]


def seconds_until_visibility_changes(now=None) -> float | None:
    """Seconds until a live page's expiry or go-live time passes (None: nothing scheduled).

    The API hides such a page at that moment, without waiting for publish_scheduled, so no
    cached response may outlive it.
    """
    now = now or timezone.now()
    moments = sql.next_visibility_changes(connection.ops.adapt_datetimefield_value(now))
    moments = [moment for moment in moments if moment is not None]
    return (min(moments) - now).total_seconds() if moments else None
