"""Locale facts and locale-aware formatting, all taken from babel (CLDR).

This is the one module that talks to babel for content. Settings, models, commands and
the API ask it for language names, text direction, country names and formatted dates,
so that no table of names is ever typed by hand. (The admin's own dates and numbers are
CLDR's too: admin_catalogues.cldr turns its patterns into Django's format settings.)
"""

from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache

from babel import Locale as BabelLocale
from babel import UnknownLocaleError
from babel.dates import format_interval, format_skeleton

SOURCE_LANGUAGE = "en"
TRANSLATION_LANGUAGES = ("sq", "az", "bs", "ro", "ur", "tr")
LANGUAGE_CODES = (SOURCE_LANGUAGE, *TRANSLATION_LANGUAGES)


@dataclass(frozen=True)
class LocaleInfo:
    code: str
    english_name: str
    native_name: str
    direction: str  # "ltr" or "rtl"

    @property
    def is_source(self) -> bool:
        return self.code == SOURCE_LANGUAGE

    @property
    def is_rtl(self) -> bool:
        return self.direction == "rtl"


@cache
def babel_locale(language_code: str) -> BabelLocale:
    """The babel locale for a Django language code ("en", "sr-latn" ...)."""
    return BabelLocale.parse(language_code, sep="-")


def _capitalise(name: str) -> str:
    # CLDR writes most language names in lower case ("shqip"); menus start with a capital.
    return name[:1].upper() + name[1:]


@cache
def locale_info(language_code: str) -> LocaleInfo:
    locale = babel_locale(language_code)
    return LocaleInfo(
        code=language_code,
        english_name=locale.get_display_name(SOURCE_LANGUAGE) or language_code,
        native_name=_capitalise(locale.get_display_name(locale) or language_code),
        direction=locale.text_direction,
    )


@cache
def language_name(language_code: str, in_language: str) -> str:
    """The name of a language as a sentence in `in_language` writes it ("Albanian", "shqip",
    "Arnavutça"): CLDR's form, which is lower case where the language writes it so."""
    try:
        reader = babel_locale(in_language)
    except (UnknownLocaleError, ValueError):  # a language babel does not know: the English name
        reader = babel_locale(SOURCE_LANGUAGE)
    return babel_locale(language_code).get_display_name(reader) or language_code


def all_locales() -> list[LocaleInfo]:
    return [locale_info(code) for code in LANGUAGE_CODES]


def django_languages() -> list[tuple[str, str]]:
    """`LANGUAGES` for settings: each language under its own native name."""
    return [(info.code, info.native_name) for info in all_locales()]


def rtl_language_codes() -> list[str]:
    return [info.code for info in all_locales() if info.is_rtl]


def country_name(iso_code: str, language_code: str) -> str:
    """The CLDR name of a country (ISO 3166-1 alpha-2) in the given language."""
    territories = babel_locale(language_code).territories
    return territories.get(iso_code.upper(), iso_code.upper())


def is_known_country(iso_code: str) -> bool:
    return iso_code.upper() in babel_locale(SOURCE_LANGUAGE).territories


def country_codes() -> list[str]:
    """Every two-letter code `is_known_country` knows, upper case, sorted."""
    territories = babel_locale(SOURCE_LANGUAGE).territories
    codes = [code for code in territories if isinstance(code, str)]
    return sorted(code for code in codes if len(code) == 2 and code.isascii() and code.isalpha())


# Day, abbreviated month and year, for single days and ranges alike: CLDR gives interval formats
# for this skeleton (not for the full month name, where babel fell back to this one for ranges
# only, so that Turkish showed "14–15 Ara 2016" beside "17 Mayıs 2017").
DATE_SKELETON = "yMMMd"


def format_day(day: date, language_code: str) -> str:
    return format_skeleton(DATE_SKELETON, day, locale=babel_locale(language_code))


@lru_cache(maxsize=50_000)
def format_date_range(start: date, end: date | None, language_code: str) -> str:
    """A date or a date range the way the given language writes it, in one format."""
    if end is None or end == start:
        return format_day(start, language_code)
    return format_interval(start, end, skeleton=DATE_SKELETON, locale=babel_locale(language_code))
