"""How each translated page stands against its English source, computed in bulk.

`translation_states` (one locale) and `translation_states_by_locale` (the admin's translation
status overview, several locales at once) each take a fixed number of queries however many pages
are asked about. The API reads the same state within the query that reads its pages
(`api.sql.with_translation_state`).
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, Exists, OuterRef, Subquery
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
    # when the translation itself was last published, for the status of what readers see
    published_at: datetime | None = field(default=None, kw_only=True)

    @property
    def is_complete(self) -> bool:
        return self.translated_segments >= self.total_segments

    @property
    def is_outdated(self) -> bool:
        published = self.source_last_published_at
        return published is not None and published > self.synced_at

    @property
    def shows_earlier_sync(self) -> bool:
        """Whether readers see the text of an earlier English version: the segments a sync brought
        in since the translation was published wait for their translation in the editor, and are
        not on the live page (which the next publication would fill with English)."""
        published = self.published_at
        return not self.is_complete and published is not None and published < self.synced_at

    @property
    def status(self) -> str:
        """What readers of the live translation see: the text of an earlier English version
        (outdated), English text in some segments (incomplete), or the current text."""
        if self.shows_earlier_sync:
            return OUTDATED
        if not self.is_complete:
            return INCOMPLETE  # English text shown to readers: that matters most
        if self.is_outdated:
            return OUTDATED
        return CURRENT


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
