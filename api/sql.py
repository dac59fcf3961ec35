# ruff: noqa: S608, S611 (the SQL names only model tables; every value in it is a parameter)
"""The API's hand-written SQL, all of it in this module.

These queries run with every request (the content state) or every uncached response, and
building them with the ORM took longer than running them: so each is written once (per shape,
for the page lookups), from the models' table names, with every value a parameter. Every other
query of the API is built with the ORM.
"""

import uuid
from datetime import UTC
from functools import cache, lru_cache

from django.db import connection
from django.db.models import DateTimeField, IntegerField, UUIDField
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from wagtail.models import Locale, Page, PageViewRestriction
from wagtail_localize.models import StringSegment, StringTranslation, TranslationSource

from cms import i18n
from editorial.translation_state import TranslationState
from pages.models import EventPage, GalleryPage

from .models import ContentVersion


def as_datetime(value):
    """A timestamp read with plain SQL, as the ORM would give it (SQLite returns its text)."""
    if isinstance(value, str):
        value = parse_datetime(value)
    if value is not None and timezone.is_naive(value):
        value = timezone.make_aware(value, UTC)
    return value


# The content state: asked by every API request, cached or not.


@cache
def _content_state_sql():
    version, restriction = ContentVersion._meta.db_table, PageViewRestriction._meta.db_table
    # the time as text: turned into a datetime only when a response is made anew (a cached one
    # needs the version alone), which on PostgreSQL spares every cached response its timestamp's
    # loading, a third of the state's cost
    return (
        f"SELECT value, CAST(changed_at AS TEXT), EXISTS (SELECT 1 FROM {restriction}) "
        f"FROM {version} WHERE id = 1"
    )


def content_state():
    """(version number, when published content last changed (as the database writes the time:
    `as_datetime` reads it), whether any page has a view restriction), or None while no version
    is recorded; one query."""
    with connection.cursor() as cursor:
        cursor.execute(_content_state_sql())
        row = cursor.fetchone()
    if row is None:
        return None
    value, changed_at, restricted = row
    return value, changed_at, bool(restricted)


# Visibility


def _locale_id_sql():
    """A subquery of the id of the locale whose language code is its one parameter."""
    return f"(SELECT id FROM {Locale._meta.db_table} WHERE language_code = %s)"


@cache
def restricted_subtrees():
    """The pages a view restriction hides, at or below each restricted page: `((sql, params),
    (sql, params))` of two subqueries, the ids of those pages and the translation keys of those in
    English (a restriction on an English page hides every translation at once).

    Each restricted page's subtree is the range of paths that begin with its path, read from the
    index of paths. Asked the other way, for each page whether a restricted path begins its own,
    it read every page of the site in each query that tested visibility. Treebeard's path alphabet
    is digits and capitals, all of which sort below `~`.
    """
    page, restriction = Page._meta.db_table, PageViewRestriction._meta.db_table
    # bytewise on PostgreSQL, whatever the database's collation, as its index of paths for LIKE
    # (varchar_pattern_ops) orders them; SQLite compares text bytewise already
    at_least, below = ("~>=~", "~<~") if connection.vendor == "postgresql" else (">=", "<")
    # CROSS JOIN: SQLite then starts from the restrictions, as written, where it went through a
    # locale's pages to find them (PostgreSQL orders the joins as it would an inner join)
    subtrees = (
        f"FROM {restriction} r CROSS JOIN {page} rp CROSS JOIN {page} p "
        f"WHERE rp.id = r.page_id AND p.path {at_least} rp.path AND p.path {below} (rp.path || '~')"
    )
    # the locale of each page below, not of the restricted page: a copied page keeps its own locale
    # under another locale's parent. `+ 0`: SQLite would otherwise read that page from its index of
    # locales, which holds every English page, instead of the range of paths.
    in_english = f"p.locale_id + 0 = {_locale_id_sql()}"
    return (
        (f"SELECT p.id {subtrees}", []),
        (f"SELECT p.translation_key {subtrees} AND {in_english}", [i18n.SOURCE_LANGUAGE]),
    )


def restricted_subtree_expressions():
    """`restricted_subtrees` as two expressions for the ORM to filter with."""
    return tuple(RawSQL(sql, params) for sql, params in restricted_subtrees())


def visible_condition(table, moment, restricted=None):
    """`Visibility.condition` on the page table or alias `table` at `moment` (as the database takes
    it): `(sql, params)`. `restricted`, unless None, gives the `(sql, params)` of two subqueries
    whose pages are hidden (`restricted_subtrees`): the ids of the pages at or below a restricted
    page, and the translation keys of the English ones among them."""
    sql = (
        f"({table}.go_live_at IS NULL OR {table}.go_live_at <= %s) "
        f"AND ({table}.expire_at IS NULL OR {table}.expire_at > %s) "
        f"AND {table}.live = %s AND {table}.alias_of_id IS NULL"
    )
    params = [moment, moment, True]
    if restricted is not None:
        (pages, pages_params), (keys, keys_params) = restricted
        sql += f" AND {table}.id NOT IN ({pages}) AND {table}.translation_key NOT IN ({keys})"
        params += pages_params + keys_params
    return sql, params


@cache
def _next_change_sql():
    """A subquery for each time, each the first entry past now of its own index: asked in one
    scan with OR, SQLite read every page's entry of api_page_locale_visibility."""
    page = Page._meta.db_table
    return (
        f"SELECT (SELECT MIN(expire_at) FROM {page} WHERE expire_at > %s AND live = %s), "
        f"(SELECT MIN(go_live_at) FROM {page} WHERE go_live_at > %s AND live = %s)"
    )


def next_visibility_changes(moment):
    """The first expiry and the first go-live time of a live page after `moment` (as the database
    takes it), each None if there is none; one query, on the indexes of api/migrations/0004."""
    with connection.cursor() as cursor:
        cursor.execute(_next_change_sql(), [moment, True, moment, True])
        return [as_datetime(value) for value in cursor.fetchone()]


def live_page_expired(moment) -> bool:
    """Whether the expiry of a live page has passed at `moment` (as the database takes it), asked
    by every request to the changes feed: the first entry of an index. Asked as which announced
    items such pages are, the generic plan of a prepared statement took a third of the pages to
    match `expire_at <= $1` and read the whole page table to find none. `live` is written in, so
    that PostgreSQL may use its index of live pages' expiries (api/migrations/0010)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT MIN(expire_at) FROM {Page._meta.db_table} WHERE live = TRUE AND expire_at <= %s",
            [moment],
        )
        return cursor.fetchone()[0] is not None


# The pages an item shows


@cache
def related_keys():
    """Annotations of an event: the English event's gallery and assessment, by translation key, for
    ItemContext to read in the requested locale together with every other page it needs. Written
    on the page being read (`wagtailcore_page`), as the translation state is. Built once;
    `annotate` resolves a copy for each query."""
    page, locale = Page._meta.db_table, Locale._meta.db_table
    gallery, event = GalleryPage._meta.db_table, EventPage._meta.db_table
    english = (i18n.SOURCE_LANGUAGE,)
    return {
        "gallery_key": RawSQL(
            f"SELECT g.translation_key FROM {gallery} gp JOIN {page} g ON g.id = gp.page_ptr_id "
            f"JOIN {locale} gl ON gl.id = g.locale_id JOIN {page} ev ON ev.id = gp.event_id "
            f"WHERE ev.translation_key = {page}.translation_key AND gl.language_code = %s LIMIT 1",
            english,
            output_field=UUIDField(),
        ),
        "assessment_key": RawSQL(
            f"SELECT a.translation_key FROM {event} e JOIN {page} ep ON ep.id = e.page_ptr_id "
            f"JOIN {locale} el ON el.id = ep.locale_id JOIN {page} a ON a.id = e.assessment_id "
            f"WHERE ep.translation_key = {page}.translation_key AND el.language_code = %s LIMIT 1",
            english,
            output_field=UUIDField(),
        ),
    }


@lru_cache(maxsize=256)
def _pages_by_key_sql(visible, key_count, link_count):
    page, locale = Page._meta.db_table, Locale._meta.db_table
    keys, links = ", ".join(["%s"] * key_count), ", ".join(["%s"] * link_count)
    wanted = []
    if key_count:
        wanted.append(f"translation_key IN ({keys})")
    if link_count:
        wanted.append(f"id IN ({links})")
    # the keys first, each found from its index: with an OR of the keys and the links' keys on the
    # pages themselves, PostgreSQL read every page
    keys_wanted = f"SELECT translation_key FROM {page} WHERE {' OR '.join(wanted)}"
    if connection.vendor == "postgresql":
        # and as an array made before the pages are read: PostgreSQL took `IN (subquery)` for a
        # join that matches several times the rows it does, and joined by reading every page
        keys_wanted = f"= ANY(ARRAY({keys_wanted}))"
    else:
        keys_wanted = f"IN ({keys_wanted})"
    return (
        f"SELECT p.id, ({visible}), p.translation_key, l.language_code, p.slug, p.title, "
        f"p.content_type_id FROM {page} p JOIN {locale} l ON l.id = p.locale_id "
        f"WHERE p.translation_key {keys_wanted}"
    )


def pages_by_key(visible, keys, link_ids):
    """Every page, in every locale, of these translation keys and of the keys of the pages with
    these ids, as rows `(id, visible, translation key, language code, slug, title, content type
    id)`; `visible` is `visible_condition` on `p`. One query, prepared once per shape: built with
    the ORM, it took longer to build than to run."""
    visible_sql, visible_params = visible
    key_field = Page._meta.get_field("translation_key")
    keys = [key_field.get_db_prep_value(key, connection) for key in keys]
    with connection.cursor() as cursor:
        cursor.execute(
            _pages_by_key_sql(visible_sql, len(keys), len(link_ids)),
            [*visible_params, *keys, *link_ids],
        )
        rows = cursor.fetchall()
    return [
        (pk, is_visible, key if isinstance(key, uuid.UUID) else uuid.UUID(key), code, slug, title, type_id)
        for pk, is_visible, key, code, slug, title, type_id in rows
    ]


# Translation state -----------------------------------------------------------------------


def with_translation_state(queryset, language_code: str):
    """Pages annotated with their translation state into `language_code` (read with `state_of`).

    Correlated subqueries of the query that reads the pages: no query of their own.
    """
    if language_code == i18n.SOURCE_LANGUAGE:
        return queryset
    return queryset.annotate(**_state_annotations(language_code))


@lru_cache
def _state_annotations(language_code: str) -> dict:
    """Four correlated subqueries on the page being read (`wagtailcore_page`).

    Written as SQL because the API reads them on every uncached request, and building and
    compiling them with the ORM cost several times what running them does. Plain SQL that
    SQLite and PostgreSQL both run; the language codes are parameters.
    """
    page, locale = Page._meta.db_table, Locale._meta.db_table
    source, segment = TranslationSource._meta.db_table, StringSegment._meta.db_table
    translation = StringTranslation._meta.db_table
    english_source = (
        f"FROM {source} src JOIN {locale} src_locale ON src_locale.id = src.locale_id "
        f"WHERE src.object_id = {page}.translation_key AND src_locale.language_code = %s"
    )
    segments = (
        f"FROM {segment} seg JOIN {source} src ON src.id = seg.source_id "
        f"JOIN {locale} src_locale ON src_locale.id = src.locale_id "
        f"WHERE src.object_id = {page}.translation_key AND src_locale.language_code = %s"
    )
    # the locale's id found once, so that the translation is looked up by its unique key (locale,
    # string, context): joined by language code, PostgreSQL read every translation of a string
    # into every context and locale, thousands for a common word
    translated = (
        f"EXISTS (SELECT 1 FROM {translation} tr "
        f"WHERE tr.locale_id = {_locale_id_sql()} "
        "AND tr.translation_of_id = seg.string_id AND tr.context_id = seg.context_id AND tr.has_error = %s)"
    )
    english = i18n.SOURCE_LANGUAGE
    return {
        "state_synced_at": RawSQL(
            f"SELECT src.last_updated_at {english_source} LIMIT 1", (english,), output_field=DateTimeField()
        ),
        "state_source_published_at": RawSQL(
            f"SELECT other.last_published_at FROM {page} other JOIN {locale} other_locale "
            f"ON other_locale.id = other.locale_id WHERE other.translation_key = {page}.translation_key "
            "AND other_locale.language_code = %s LIMIT 1",
            (english,),
            output_field=DateTimeField(),
        ),
        "state_total": RawSQL(f"SELECT COUNT(*) {segments}", (english,), output_field=IntegerField()),
        "state_done": RawSQL(
            f"SELECT COUNT(*) {segments} AND {translated}",
            (english, language_code, False),
            output_field=IntegerField(),
        ),
    }


def state_of(page) -> TranslationState | None:
    """The state `with_translation_state` read with a translated page; None for an English page
    or one not translated through wagtail-localize."""
    synced_at = getattr(page, "state_synced_at", None)
    if synced_at is None:
        return None
    return TranslationState(
        source_locale=i18n.SOURCE_LANGUAGE,
        source_last_published_at=page.state_source_published_at,
        synced_at=synced_at,
        total_segments=page.state_total,
        translated_segments=page.state_done,
        published_at=page.last_published_at,
    )


# An unfiltered list on PostgreSQL (api.pagination.walked_page)


def _in_locale(language_code, visibility):
    """The condition of `api.filters.in_locale` (without fallback) on the page `p`: `(sql, params)`."""
    visible, params = visibility.condition_sql("p")
    return f"{visible} AND p.locale_id = {_locale_id_sql()}", [*params, language_code]


def count_in_locale(content_type_id, language_code, visibility) -> int:
    """How many pages of a type a list in this locale shows, from the page table alone (an index
    of locale, type and the visibility columns: api/migrations/0009)."""
    where, params = _in_locale(language_code, visibility)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT COUNT(*) FROM {Page._meta.db_table} p WHERE p.content_type_id = %s AND {where}",
            [content_type_id, *params],
        )
        return cursor.fetchone()[0]


def newest_in_locale(model, column, language_code, visibility, start, size):
    """Ids of the pages `start` to `start + size` of a type a list in this locale shows, newest
    first by `column` of the type's table (then by id): its index in that order walked until the
    page is full, each entry's page tested for its locale and visibility (api/migrations/0009).
    Not by content type as well: PostgreSQL took the two tests for independent, expected few pages
    to pass both and read the whole page table in id order instead."""
    where, params = _in_locale(language_code, visibility)
    table = model._meta.db_table
    # LIMIT and OFFSET written in, not parameters: in a generic plan PostgreSQL cannot tell that
    # the page is short, and would count and sort every match
    sql = (
        f"SELECT t.page_ptr_id FROM {table} t JOIN {Page._meta.db_table} p ON p.id = t.page_ptr_id "
        f"WHERE {where} ORDER BY t.{column} DESC, t.page_ptr_id LIMIT {int(size)} OFFSET {int(start)}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]
