"""Dates and numbers in the admin as CLDR writes them for each language.

Django formats dates with its own per-language patterns (Albanian and Urdu have none, so they
fall back to "N j, Y, P": "Dhj. 2, 2026, 9:39 a.m."). Here babel's CLDR data gives both halves
of what Django needs: the patterns, turned into Django's format characters for the format
modules in ``admin_catalogues/formats/``, and the month names and day periods those characters
print, which ``manage.py admin_messages --update`` writes into ``locale/admin/<code>/django.po``.
"""

from babel import Locale
from babel.dates import tokenize_pattern
from babel.numbers import parse_pattern

from cms import i18n

# The partner country whose editors write each language: its week start and its variant of
# the patterns (Urdu as written in Pakistan, Romanian in Moldova).
TERRITORIES = {"sq": "AL", "az": "AZ", "bs": "BA", "ro": "MD", "ur": "PK", "tr": "TR"}

# CLDR pattern field (letter, width) -> Django format character. Months: CLDR's stand-alone
# forms (L) print through Django's F (gettext "January"), its in-a-date forms (M) through E
# (pgettext "alt. month"), abbreviations through b (gettext "jan"), unchanged in case.
_FIELDS = {
    ("d", 1): "j",
    ("d", 2): "d",
    ("M", 1): "n",
    ("L", 1): "n",
    ("M", 2): "m",
    ("L", 2): "m",
    ("M", 3): "b",
    ("L", 3): "b",
    ("M", 4): "E",
    ("L", 4): "F",
    ("y", 1): "Y",
    ("y", 2): "y",
    ("y", 4): "Y",
    ("H", 1): "G",
    ("H", 2): "H",
    ("h", 1): "g",
    ("h", 2): "h",
    ("m", 2): "i",
    ("s", 2): "s",
    ("a", 1): "A",
}

# The English messages Django translates for those characters (django/utils/dates.py)
ENGLISH = i18n.babel_locale(i18n.SOURCE_LANGUAGE)
MONTH_NUMBERS = range(1, 13)


def _escaped(char: str) -> str:
    return f"\\{char}" if char.isascii() and char.isalpha() else char


def django_pattern(cldr_pattern: str) -> str:
    """A CLDR date pattern ("d MMM y, h:mm a") as a Django format string ("j b Y, g:i A")."""
    parts = []
    for kind, value in tokenize_pattern(cldr_pattern):
        if kind == "chars":
            # every ASCII letter is a Django format character unless escaped
            parts.append("".join(_escaped(char) for char in value))
            continue
        letter, width = value
        if (letter, width) not in _FIELDS:
            raise ValueError(f"{cldr_pattern!r}: CLDR's {letter * width!r} has no Django equivalent")
        parts.append(_FIELDS[letter, width])
    return "".join(parts)


def editors_locale(code: str) -> Locale:
    return i18n.babel_locale(f"{code}-{TERRITORIES[code]}")


def _skeleton(locale: Locale, skeleton: str) -> str:
    pattern = locale.datetime_skeletons[skeleton]
    return getattr(pattern, "pattern", pattern)


def cldr_patterns(code: str) -> dict[str, str]:
    """The CLDR patterns behind each of Django's format settings for a language."""
    locale = editors_locale(code)
    date_medium = locale.date_formats["medium"].pattern
    date_short = locale.date_formats["short"].pattern
    time_short = locale.time_formats["short"].pattern
    return {
        "DATE_FORMAT": date_medium,
        "TIME_FORMAT": time_short,
        # CLDR joins a date and a time with its own glue: "{1}, {0}" or "{1} {0}"
        "DATETIME_FORMAT": str(locale.datetime_formats["medium"]).format(time_short, date_medium),
        "SHORT_DATE_FORMAT": date_short,
        "SHORT_DATETIME_FORMAT": str(locale.datetime_formats["short"]).format(time_short, date_short),
        "YEAR_MONTH_FORMAT": _skeleton(locale, "yMMMM"),
        "MONTH_DAY_FORMAT": _skeleton(locale, "MMMMd"),
    }


def django_formats(code: str) -> dict:
    """Django's format settings for a language, from CLDR."""
    locale = editors_locale(code)
    symbols = locale.number_symbols[locale.default_numbering_system]
    primary, secondary = parse_pattern(locale.decimal_formats[None].pattern).grouping
    formats: dict = {name: django_pattern(pattern) for name, pattern in cldr_patterns(code).items()}
    formats.update(
        # CLDR counts weekdays from Monday = 0, Django from Sunday = 0
        FIRST_DAY_OF_WEEK=(locale.first_week_day + 1) % 7,
        DECIMAL_SEPARATOR=symbols["decimal"],
        THOUSAND_SEPARATOR=symbols["group"],
        # Django's sequence form repeats its last non-zero size: (3, 2, 0) is Indian grouping
        NUMBER_GROUPING=primary if primary == secondary else (primary, secondary, 0),
    )
    return formats


def calendar_messages(code: str) -> list[tuple[str | None, str, str]]:
    """(context, English message, CLDR translation) for each name Django prints in a date."""
    locale = editors_locale(code)
    messages: list[tuple[str | None, str, str]] = []
    for month in MONTH_NUMBERS:
        english = ENGLISH.months["stand-alone"]["wide"][month]
        messages.append((None, english, locale.months["stand-alone"]["wide"][month]))
        messages.append(("alt. month", english, locale.months["format"]["wide"][month]))
        abbreviation = ENGLISH.months["format"]["abbreviated"][month].lower()
        messages.append((None, abbreviation, locale.months["format"]["abbreviated"][month]))
    periods = locale.day_periods["format"]["abbreviated"]
    messages += [(None, "AM", periods["am"]), (None, "PM", periods["pm"])]
    return messages
