"""The admin's catalogues (locale/admin/) translate every message Wagtail, wagtail-localize,
django-axes and Django can show an editor, in every translation language, and stay that way."""

import os
import re
import shutil
import subprocess
from pathlib import Path

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
