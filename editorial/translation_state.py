# ruff: noqa: S608, S611 (the SQL names only model tables; every value in it is a parameter)
"""How each translated page stands against its English source, computed in bulk.

`with_translation_state` serves the API: it reads each page's state in the query that reads the
page, so a list costs the same number of queries in every locale. `translation_states` (one locale)
and `translation_states_by_locale` (the admin's translation status overview, several locales at
once) ask separately, each in a fixed number of queries however many pages are asked about.
"""

from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from django.db.models import Count, DateTimeField, Exists, IntegerField, OuterRef, Subquery
from django.db.models.expressions import RawSQL
from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, StringTranslation, TranslationSource

from cms import i18n

CURRENT = "current"
OUTDATED = "outdated"  # the English source was published again after the last sync
INCOMPLETE = "incomplete"  # some segments are still published in English


@dataclass(frozen=True)
class TranslationState:
    source_locale: str
    source_last_published_at: datetime | None
    synced_at: datetime
    total_segments: int
    translated_segments: int

    @property
    def is_complete(self) -> bool:
        return self.translated_segments >= self.total_segments

    @property
    def is_outdated(self) -> bool:
        published = self.source_last_published_at
        return published is not None and published > self.synced_at

    @property
    def status(self) -> str:
        # An incomplete translation shows English text to readers: that matters most.
        if not self.is_complete:
            return INCOMPLETE
        if self.is_outdated:
            return OUTDATED
        return CURRENT


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
        f"WHERE tr.locale_id = (SELECT id FROM {locale} WHERE language_code = %s) "
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
    )


def _english_sources(keys) -> dict:
    """The English TranslationSource of each of `keys`, by id, with its page's last publication."""
    source_published = Page.objects.filter(
        translation_key=OuterRef("object_id"), locale__language_code=i18n.SOURCE_LANGUAGE
    ).values("last_published_at")[:1]
    return {
        row["id"]: row
        for row in TranslationSource.objects.filter(
            object_id__in=keys, locale__language_code=i18n.SOURCE_LANGUAGE
        )
        .annotate(source_last_published_at=Subquery(source_published))
        .values("id", "object_id", "last_updated_at", "source_last_published_at")
    }


def translation_states(translation_keys, language_code: str) -> dict:
    """The state of the `language_code` translation of each item, by translation key (two queries).

    Items that were not translated from an English source through wagtail-localize are absent.
    """
    return translation_states_by_locale(translation_keys, [language_code])[language_code]


@dataclass(frozen=True)
class SourcedTranslationState(TranslationState):
    """A TranslationState that also names its English TranslationSource (what a sync updates)."""

    source_id: int


def translation_states_by_locale(translation_keys, language_codes) -> dict:
    """The states of many items in several locales: `{language_code: {translation_key: state}}`.

    Two queries however many items and locales (the admin's translation status overview).
    Each state is a SourcedTranslationState; as with `translation_states`, items that were not
    translated from an English source through wagtail-localize are absent, and the source
    language maps to an empty dict. A state exists for every locale once the item has a source:
    whether a translation exists in that locale is for the caller to look up.
    """
    keys = set(translation_keys)
    codes = list(dict.fromkeys(language_codes))
    states: dict[str, dict] = {code: {} for code in codes}
    targets = [code for code in codes if code != i18n.SOURCE_LANGUAGE]
    if not keys or not targets:
        return states
    sources = _english_sources(keys)
    if not sources:
        return states
    translated = StringTranslation.objects.filter(
        translation_of_id=OuterRef("string_id"), context_id=OuterRef("context_id"), has_error=False
    )
    # each locale's id found once, as in `_state_annotations`: joined by language code, PostgreSQL
    # read the locale table once per segment
    done = {
        f"done_{index}": Count(
            "pk",
            filter=Exists(
                translated.filter(locale_id=Subquery(Locale.objects.filter(language_code=code).values("pk")))
            ),
        )
        for index, code in enumerate(targets)
    }
    progress = {
        row["source_id"]: row
        for row in StringSegment.objects.filter(source_id__in=sources)
        .values("source_id")
        .annotate(total=Count("pk"), **done)
        .order_by()
    }
    for source_id, source in sources.items():
        row = progress.get(source_id, {})
        for index, code in enumerate(targets):
            states[code][source["object_id"]] = SourcedTranslationState(
                source_locale=i18n.SOURCE_LANGUAGE,
                source_last_published_at=source["source_last_published_at"],
                synced_at=source["last_updated_at"],
                total_segments=row.get("total", 0),
                translated_segments=row.get(f"done_{index}", 0),
                source_id=source_id,
            )
    return states
