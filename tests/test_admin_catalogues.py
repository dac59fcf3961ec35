"""The admin's catalogues (locale/admin/) translate every message Wagtail, wagtail-localize,
django-axes and Django can show an editor, in every translation language, and stay that way."""

import os
import re
import shutil
import subprocess
from pathlib import Path

import django
import polib
import pytest
from babel.messages.pofile import read_po
from django.core.management import CommandError, call_command
from django.test import override_settings

from admin_catalogues.sources import DOMAINS, catalogue_path
from cms import i18n

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = [(code, domain) for code in i18n.TRANSLATION_LANGUAGES for domain in DOMAINS]
# Wagtail translates every Romanian script message itself: ro has no djangojs.po of ours
WRITTEN = [(code, domain) for code, domain in CATALOGUES if catalogue_path(code, domain).exists()]


def test_no_admin_message_is_missing(capsys):
    """CI fails here when an upgrade of Wagtail or wagtail-localize brings messages nobody translated."""
    call_command("admin_messages", "--check")
    assert capsys.readouterr().out.count(", 0 missing") == len(CATALOGUES)


def test_missing_messages_are_counted_then_added_for_a_translator(tmp_path, capsys):
    (tmp_path / "locale" / "bs" / "LC_MESSAGES").mkdir(parents=True)
    shutil.copy(
        ROOT / "locale" / "bs" / "LC_MESSAGES" / "django.po", tmp_path / "locale" / "bs" / "LC_MESSAGES"
    )
    with override_settings(BASE_DIR=tmp_path):
        with pytest.raises(CommandError, match="admin messages have no translation"):
            call_command("admin_messages", "--language", "bs", "--check")
        call_command("admin_messages", "--language", "bs", "--update")
        call_command("admin_messages", "--language", "bs", "--update")  # adds nothing twice
        added = polib.pofile(str(catalogue_path("bs", "django")))
    counted = re.search(r"bs django: \d+ of \d+ translated, (\d+) missing", capsys.readouterr().out)
    assert int(counted.group(1)) > 1000  # Wagtail's and wagtail-localize's, which Django's bs lacks
    assert len({(entry.msgctxt, entry.msgid) for entry in added}) == len(added)
    assert added.metadata["Plural-Forms"].startswith("nplurals=3;")
    plural = next(entry for entry in added if entry.msgid_plural)
    assert plural.msgstr_plural == {0: "", 1: "", 2: ""}
    assert "%(num)d minute" in {entry.msgid for entry in added}  # Django's own, "5 minutes ago"
    # the names Django prints in dates are CLDR's, in and out of a date
    assert added.find("December").msgstr == "decembar"
    assert added.find("December", msgctxt="alt. month").msgstr == "decembar"
    assert added.find("AM").msgstr == "a.\u202fm."


def test_a_month_name_that_differs_from_cldr_fails_the_check(tmp_path, capsys):
    admin = tmp_path / "locale" / "admin" / "tr"
    shutil.copytree(ROOT / "locale" / "admin" / "tr", admin)
    catalogue = polib.pofile(str(admin / "LC_MESSAGES" / "django.po"))
    catalogue.find("December", msgctxt="alt. month").msgstr = "Aralik"  # a keyboard without ı
    catalogue.save()
    with override_settings(BASE_DIR=tmp_path):
        with pytest.raises(CommandError, match="1 admin messages"):
            call_command("admin_messages", "--language", "tr", "--check", "--list")
        assert "'December' -> 'Aralık'" in capsys.readouterr().out
        call_command("admin_messages", "--language", "tr", "--update")
        call_command("admin_messages", "--language", "tr", "--check")
    assert "tr dates: 38 of 38 month and day-period names follow CLDR" in capsys.readouterr().out


NAMED = re.compile(r"%\((\w+)\)")


@pytest.mark.parametrize(("code", "domain"), WRITTEN)
def test_placeholders_survive_in_the_admin_catalogues(code, domain):
    with open(catalogue_path(code, domain), "rb") as po:
        for message in read_po(po, locale=code):
            if not (message.id and message.python_format):
                continue
            if isinstance(message.id, str):
                assert message.check() == [], (code, message.id)
            else:
                # Django formats every form with all the counts: a form may name any of them (in
                # Bosnian the first form also serves 21, 31, ... so it names the count).
                names = set(NAMED.findall(" ".join(message.id)))
                for form in message.string:
                    assert set(NAMED.findall(form)) <= names, (code, message.id, form)


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext (msgfmt) is not installed")
@pytest.mark.parametrize(("code", "domain"), WRITTEN)
def test_admin_catalogues_pass_msgfmt_check(code, domain):
    result = subprocess.run(
        [
            shutil.which("msgfmt"),
            "--check",
            "--statistics",
            "-o",
            os.devnull,
            str(catalogue_path(code, domain)),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr


# One term per concept: each locale/admin/<code>/terminology.md lists, in its "avoid" column, the
# variants an editor must not meet in any of the three catalogues that make up the admin: the
# project's own (locale/<code>/), ours (locale/admin/<code>/) and the installed packages' own.
# Every language here inflects, so a variant is a stem: it matches at a word start, with any
# ending ("yayınla" catches "yayınlandı", "görsel" catches "görseller"). A variant followed by
# (only where the English has "download") counts only in messages whose English has that word.
AVOID_SCOPE = re.compile(r'^(?P<variant>.+?)\s*\(only where the English has "(?P<english>[^"]+)"\)$')
NOT_TEXT = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\w*\}|<[^>]*>")
PACKAGES = ("wagtail", "wagtail_localize", "django", "axes")


def fold(text, code):
    """Lower case, with Turkish and Azerbaijani dotted and dotless i kept apart."""
    if code in ("tr", "az"):
        text = text.replace("I", "ı").replace("İ", "i")
    return text.lower()


def avoided_variants(code):
    """(variant, English word or None) for every variant in the avoid column of terminology.md."""
    rows = [
        [cell.strip() for cell in line.strip().strip("|").split("|")]
        for line in (ROOT / "locale" / "admin" / code / "terminology.md").read_text().splitlines()
        if line.startswith("|")
    ]
    header = [cell.lower() for cell in rows[0]]
    assert "avoid" in header, f"locale/admin/{code}/terminology.md has no avoid column"
    column = header.index("avoid")
    variants = []
    for row in rows[2:]:
        for item in row[column].split(","):
            item = item.strip().strip('"“”`')
            if not item or item in ("-", "—"):
                continue
            scoped = AVOID_SCOPE.match(item)
            variant, english = (
                (scoped["variant"].strip('"“”`'), scoped["english"]) if scoped else (item, None)
            )
            variants.append((variant, english))
    return variants


def variant_pattern(variant, code):
    words = r"\s+".join(re.escape(word) for word in fold(variant, code).split())
    return re.compile(rf"(?<!\w){words}\w*")


def english_pattern(word):
    return re.compile(rf"\b{re.escape(word)}(?:s|es)?\b", re.IGNORECASE)


def key(entry):
    return (entry.msgctxt or "", entry.msgid, entry.msgid_plural or "")


def package_catalogues(code):
    from django.apps import apps

    locale_dirs = [Path(django.__file__).parent / "conf" / "locale"]
    for app_config in apps.get_app_configs():
        locale_dir = Path(app_config.path) / "locale"
        if (
            app_config.name.split(".")[0] in PACKAGES
            and locale_dir.is_dir()
            and locale_dir not in locale_dirs
        ):
            locale_dirs.append(locale_dir)
    for locale_dir in locale_dirs:
        for domain in DOMAINS:
            path = locale_dir / code / "LC_MESSAGES" / f"{domain}.po"
            if path.exists():
                yield domain, path


def shown_messages(code):
    """(catalogue, entry, translations) of every message the admin can show in this language."""
    ours = [("django", ROOT / "locale" / code / "LC_MESSAGES" / "django.po")]
    ours += [
        (domain, catalogue_path(code, domain)) for domain in DOMAINS if catalogue_path(code, domain).exists()
    ]
    overridden = {domain: set() for domain in DOMAINS}
    for domain, path in ours:
        for entry in polib.pofile(str(path)):
            if entry.translated():
                overridden[domain].add(key(entry))
                yield path, entry
    for domain, path in package_catalogues(code):
        for entry in polib.pofile(str(path)):
            if (
                entry.msgid
                and not entry.obsolete
                and entry.translated()
                and key(entry) not in overridden[domain]
            ):
                yield path, entry


def shown_path(path):
    if path.is_relative_to(ROOT):
        return path.relative_to(ROOT)
    return (
        Path(*path.parts[path.parts.index("site-packages") + 1 :]) if "site-packages" in path.parts else path
    )


def avoided_in(code, messages):
    rules = [
        (variant, variant_pattern(variant, code), english and english_pattern(english))
        for variant, english in avoided_variants(code)
    ]
    found = []
    for path, entry in messages:
        english = " ".join(filter(None, (entry.msgid, entry.msgid_plural)))
        translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        text = fold(NOT_TEXT.sub(" ", " ".join(translations)), code)
        for variant, pattern, scope in rules:
            if pattern.search(text) and (scope is None or scope.search(english)):
                found.append(f"{shown_path(path)}: {entry.msgid!r} has {variant!r}")
                break
    return found


@pytest.mark.parametrize("code", i18n.TRANSLATION_LANGUAGES)
def test_the_admin_uses_one_term_per_concept(code):
    assert avoided_variants(code), f"locale/admin/{code}/terminology.md avoids no variant"
    found = avoided_in(code, shown_messages(code))
    assert not found, f"{len(found)} messages use an avoided variant:\n" + "\n".join(found)


def test_an_avoided_variant_is_a_stem_at_a_word_start():
    pattern = variant_pattern("yayınla", "tr")
    assert pattern.search(fold("Sayfa YAYINLANDI", "tr"))
    assert not pattern.search(fold("Sayfa yayında; yayımlandı", "tr"))
    assert variant_pattern("görsel", "tr").search("görsellerinizi")
    # placeholders and HTML are not words an editor reads
    assert NOT_TEXT.sub(" ", '%(localized_label)s <a href="#tab-upload">{locale}</a>').split() == []
    assert variant_pattern("özel koleksiyon", "tr").search("özel  koleksiyonda")
    scoped = english_pattern("download")
    assert scoped.search("Download CSV") and not scoped.search("Upload a file")
    assert not english_pattern("photo").search("photographer")
