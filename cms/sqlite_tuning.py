"""Search tuning that only SQLite needs: a marker word per locale in every page's index entry.

Wagtail's SQLite backend matches a search term in the pages of every locale first, then filters
by locale, a cost that grows with the translations. With each page's entry holding its locale's
marker, the API's searches on SQLite require the marker inside the full-text match itself.
PostgreSQL filters by locale in the same query and needs none of this (and drops stop words, so
that `the` would be left to match the marker alone); the markers are indexed on every database,
so an index moved between them stays complete.
"""

import re

from modelsearch.query import MATCH_NONE, And, Or, PlainText

from cms.search import clean_terms


def locale_marker(language_code):
    """The word the search index holds for every page of a locale (see `in_locales`). It is no
    word of any language, and letters only, so every backend's tokenizer keeps it whole."""
    return "zzlocale" + re.sub(r"[^a-z]", "", language_code.lower())


def in_locales(query, language_codes):
    """`query` limited to the pages of these locales within the full-text match itself, by their
    `locale_marker`: Wagtail's SQLite backend matches the pages of every locale first and filters
    by locale after, a cost that grew with the translations. (PostgreSQL filters in one query and
    drops stop words, so that `the` would be left to match the marker alone: not for it.)"""
    cleaned = clean_terms(query)
    if cleaned is MATCH_NONE:
        return MATCH_NONE
    markers = [PlainText(locale_marker(code)) for code in sorted(language_codes)]
    return And([cleaned, markers[0] if len(markers) == 1 else Or(markers)])
