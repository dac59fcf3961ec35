"""Which admin messages need a translation, and where each language's translation lives.

The messages come from the installed packages themselves: each ships an English catalogue
(``<package>/locale/en/LC_MESSAGES/*.po``) listing every message it can show. A message
counts as translated for a language when the package's own catalogue for that language or
ours (``locale/admin/<code>/``) translates it, so a Wagtail upgrade that adds messages is
found by ``manage.py admin_messages --check``.
"""

from dataclasses import dataclass, field
from pathlib import Path

import django
import polib
from django.apps import apps
from django.conf import global_settings, settings

from .cldr import calendar_messages

DOMAINS = ("django", "djangojs")
# The apps a national editor meets in the admin: Wagtail's, wagtail-localize's, django-axes'
# and Django's own (its time spans, form errors and password rules, incomplete in some languages).
PACKAGE_PREFIXES = ("wagtail", "wagtail_localize", "axes")
DJANGO_APPS = ("django.contrib.auth",)


def catalogue_root() -> Path:
    return Path(settings.BASE_DIR) / "locale" / "admin"


def catalogue_path(code: str, domain: str) -> Path:
    return catalogue_root() / code / "LC_MESSAGES" / f"{domain}.po"


def _package_locale_dirs():
    yield "django", Path(django.__file__).parent / "conf" / "locale"
    seen = set()
    for app_config in apps.get_app_configs():
        if app_config.name.split(".")[0] not in PACKAGE_PREFIXES and app_config.name not in DJANGO_APPS:
            continue
        locale_dir = Path(app_config.path) / "locale"
        if locale_dir.is_dir() and locale_dir not in seen:
            seen.add(locale_dir)
            yield app_config.name, locale_dir


def message_key(entry: polib.POEntry) -> tuple[str, str, str]:
    return (entry.msgctxt or "", entry.msgid, entry.msgid_plural or "")


def is_translated(entry: polib.POEntry) -> bool:
    if entry.obsolete or "fuzzy" in entry.flags:
        return False
    if entry.msgid_plural:
        return bool(entry.msgstr_plural) and all(entry.msgstr_plural.values())
    return bool(entry.msgstr)


@dataclass
class Coverage:
    code: str
    domain: str
    missing: list[polib.POEntry] = field(default_factory=list)
    total: int = 0

    @property
    def translated(self) -> int:
        return self.total - len(self.missing)


def source_messages(domain: str) -> dict[tuple[str, str, str], tuple[polib.POEntry, str]]:
    """Every English message of the packages in ``domain``, with the app that shows it."""
    # Django's names of a hundred languages: the admin names its seven in their own language
    language_names = {name for _code, name in global_settings.LANGUAGES}
    messages = {}
    for app_name, locale_dir in _package_locale_dirs():
        po_file = locale_dir / "en" / "LC_MESSAGES" / f"{domain}.po"
        if not po_file.exists():
            continue
        for entry in polib.pofile(str(po_file)):
            if entry.msgid and not entry.obsolete and entry.msgid not in language_names:
                messages.setdefault(message_key(entry), (entry, app_name))
    return messages


def translated_keys(code: str, domain: str) -> set[tuple[str, str, str]]:
    keys = set()
    files = [locale / code / "LC_MESSAGES" / f"{domain}.po" for _app, locale in _package_locale_dirs()]
    files.append(catalogue_path(code, domain))
    for po_file in files:
        if po_file.exists():
            keys.update(message_key(entry) for entry in polib.pofile(str(po_file)) if is_translated(entry))
    return keys


def coverage(code: str, domain: str) -> Coverage:
    messages = source_messages(domain)
    done = translated_keys(code, domain)
    result = Coverage(code, domain, total=len(messages))
    result.missing = [entry for key, (entry, _app) in messages.items() if key not in done]
    return result


def calendar_differences(code: str) -> tuple[int, list[tuple[str | None, str, str]]]:
    """How many month and day-period names Django prints in a date, and those our catalogue
    does not (yet) translate as CLDR does: (context, English, CLDR's translation)."""
    expected = calendar_messages(code)
    path = catalogue_path(code, "django")
    catalogue = polib.pofile(str(path)) if path.exists() else polib.POFile()
    differing = []
    for context, msgid, cldr in expected:
        entry = catalogue.find(msgid, msgctxt=context)
        if entry is None or entry.msgstr != cldr or "fuzzy" in entry.flags:
            differing.append((context, msgid, cldr))
    return len(expected), differing
