"""Where the glossary's terms occur in English text, and whether a translation uses them.

Matching a term in English text:

- whole words only, Unicode aware ("NRM" is not found in "NRMs2", "referral" not in "preferral");
- in any case ("Victim identification" finds "victim identification"), except a term written in
  capitals only (at least two letters, no lower-case letter: an acronym such as THB or DGMM),
  which is found in capitals only ("thb" is no acronym) and not inside a code joined by slashes
  (the project code THB/IFS/2 holds no term THB);
- a term of several words matches them with any spacing between them (line breaks included);
- a term that is no acronym also matches its English plural with -s or -es ("referrals");
- markup in the text (rich-text tags, entities) is ignored.

Whether a translation uses the approved translation is a hint, not a rule: languages inflect
words. Each word of the approved translation of at least MIN_STEM letters (shorter ones are
function words, like "de" or "të", and are skipped unless the translation has nothing else) is
cut to its stem, its first two thirds but at least MIN_STEM letters; the translation uses the
term when every such stem begins some word of the translated text, in any case. So "trafikimi i
qenieve njerëzore" is found in "trafikimit të qenieve njerëzore" but "trgovina ljudima" is not
found in "krijumčarenje ljudi".
"""

import html
import re
from dataclasses import dataclass
from functools import cache

MIN_STEM = 4
TAG = re.compile(r"<[^>]*>")
WORD = re.compile(r"\w+")


def plain(text: str) -> str:
    """The text without markup, its entities decoded."""
    return html.unescape(TAG.sub(" ", text or ""))


def is_acronym(term: str) -> bool:
    letters = [character for character in term if character.isalpha()]
    return len(letters) >= 2 and not any(character.islower() for character in letters)


@cache
def term_pattern(term: str) -> re.Pattern:
    words = [re.escape(word) for word in term.split()]
    body = r"\s+".join(words)
    if is_acronym(term):
        return re.compile(rf"(?<!\w)(?<!\w/){body}(?!/?\w)")
    return re.compile(rf"(?<!\w){body}(?:e?s)?(?!\w)", re.IGNORECASE)


def occurs(term: str, text: str) -> bool:
    return bool(term.split()) and term_pattern(term).search(plain(text)) is not None


def fold(text: str) -> str:
    # casefold() writes Turkish "İ" as "i" plus a combining dot: the dot goes
    return text.casefold().replace("\u0307", "")


def stems(approved: str) -> list[str]:
    words = [fold(word) for word in WORD.findall(plain(approved))]
    significant = [word for word in words if len(word) >= MIN_STEM] or words
    return [word[: max(MIN_STEM, -(-len(word) * 2 // 3))] for word in significant]


def uses_translation(approved: str, translated: str) -> bool:
    """Whether the translated text seems to use the approved translation (a hint, see above)."""
    words = [fold(word) for word in WORD.findall(plain(translated))]
    return all(any(word.startswith(stem) for word in words) for stem in stems(approved))


@dataclass(frozen=True)
class Entry:
    """What a translator needs of a term: no database row."""

    english_term: str
    translation: str
    note: str = ""

    def comment(self) -> str:
        """One line for a PO file's translator comments."""
        note = " ".join(self.note.split())
        note = f" ({note})" if note else ""
        return f"Glossary: {self.english_term} = {self.translation}{note}"


def entries_in(text: str, entries) -> list:
    """The entries whose English term occurs in the text, in the order given."""
    return [entry for entry in entries if occurs(entry.english_term, text)]
