"""The project's own strings are translated in every catalogue of locale/."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from cms import i18n

ROOT = Path(__file__).resolve().parent.parent
SOURCE_DIRS = [
    "cms",
    "pages",
    "api",
    "editorial",
    "glossary",
    "media_library",
    "admin_catalogues",
    "previews",
    "demo",
    "webhooks",
]


def project_strings():
    strings = set()
    for directory in SOURCE_DIRS:
        for _filename, _lineno, message, _comments, _context in extract_from_dir(
            ROOT / directory, method_map=[("**.py", "python")]
        ):
            strings.add(message if isinstance(message, str) else message[0])
    return strings


def catalogue(code):
    with open(ROOT / "locale" / code / "LC_MESSAGES" / "django.po", "rb") as po:
        return read_po(po, locale=code)


@pytest.mark.parametrize("code", i18n.TRANSLATION_LANGUAGES)
def test_every_project_string_is_translated(code):
    # a plural message's id is its singular and plural pair; the code names it by its singular
    messages = {
        message.id if isinstance(message.id, str) else message.id[0]: message
        for message in catalogue(code)
        if message.id
    }
    missing = sorted(text for text in project_strings() if text not in messages or not messages[text].string)
    assert not missing, f"untranslated in locale/{code}: {missing}"
    assert not [message.id for message in messages.values() if message.fuzzy]


@pytest.mark.parametrize("code", i18n.TRANSLATION_LANGUAGES)
def test_placeholders_survive_translation(code):
    for message in catalogue(code):
        if message.id and message.python_format:
            assert message.check() == [], (code, message.id)


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext (msgfmt) is not installed")
@pytest.mark.parametrize("code", i18n.TRANSLATION_LANGUAGES)
def test_catalogue_passes_msgfmt_check(code):
    po = ROOT / "locale" / code / "LC_MESSAGES" / "django.po"
    msgfmt = shutil.which("msgfmt")
    result = subprocess.run(
        [msgfmt, "--check", "--statistics", "-o", os.devnull, str(po)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr
