"""How much of a text an editor reads is English: the admin's own measure for each language.

A word counts as English when the English admin uses it (the msgids of the packages' catalogues
and the project's) and the language's own catalogues never do ("PDF", "Wagtail" and the like are
shared). Content (titles, names, comments) is taken out by the caller before counting.
"""

import re
from collections import Counter
from functools import cache
from pathlib import Path

import polib
from django.utils.translation import trans_real

from admin_catalogues.sources import DOMAINS, catalogue_path, source_messages

ROOT = Path(__file__).resolve().parent.parent
MOST_ENGLISH = 0.05
WORD = re.compile(r"[^\W\d_]{2,}")
MARKUP = re.compile(r"<[^>]+>|%\(\w+\)[sdif]|%[sdif]|\{\w*\}|&\w+;")


def catalogue_words(texts) -> set[str]:
    return {word.lower() for text in texts for word in WORD.findall(MARKUP.sub(" ", text))}


@cache
def english_vocabulary() -> frozenset[str]:
    texts = [entry.msgid for domain in DOMAINS for entry, _app in source_messages(domain).values()]
    project = polib.pofile(str(ROOT / "locale" / "sq" / "LC_MESSAGES" / "django.po"))
    texts += [entry.msgid for entry in project]
    return frozenset(catalogue_words(texts))


@cache
def language_vocabulary(code) -> frozenset[str]:
    """Every word the language's admin catalogues use, in the project's, ours and Wagtail's own."""
    files = [ROOT / "locale" / code / "LC_MESSAGES" / "django.po"]
    files += [catalogue_path(code, domain) for domain in DOMAINS]
    texts = []
    for path in files:
        if path.exists():
            for entry in polib.pofile(str(path)):
                texts += [entry.msgstr, *entry.msgstr_plural.values()]
    texts += [text for _key, text in trans_real.translation(code)._catalog.items()]
    return frozenset(catalogue_words(texts))


def words_of(text: str, content=()) -> list[str]:
    for item in sorted(content, key=len, reverse=True):  # a title before a word inside it
        if item:
            text = text.replace(item, " ")
    return WORD.findall(text)


def english_in(words, code) -> tuple[float, Counter]:
    """The share of `words` that are English for `code`, and which they are."""
    english, own = english_vocabulary(), language_vocabulary(code)
    left = Counter(word for word in words if word.lower() in english and word.lower() not in own)
    return sum(left.values()) / max(len(words), 1), left
