"""Which terms a text holds and whether a translation uses the approved one (glossary.matching)."""

import pytest

from glossary.matching import Entry, entries_in, occurs, uses_translation


@pytest.mark.parametrize(
    ("term", "text"),
    [
        ("THB", "combating THB: the project"),
        ("DGMM", "DGMM personnel"),
        ("referral", "Referral of victims"),
        ("referral", "national referral mechanisms"),  # an English plural
        ("national referral mechanism", "their National\nReferral  Mechanisms"),  # any spacing
        ("victim identification", "on <b>victim</b> identification"),  # markup ignored
        ("Victim identification", "VICTIM IDENTIFICATION"),
        ("trafficking in human beings", "trafficking in human beings&nbsp;and smuggling"),
    ],
)
def test_a_term_is_found(term, text):
    assert occurs(term, text)


@pytest.mark.parametrize(
    ("term", "text"),
    [
        ("THB", "thb is not an acronym here"),  # acronyms in capitals only
        ("NRM", "NRMs2 and xNRM"),  # whole words
        ("THB", "the THB/IFS/2 project, IFS/THB"),  # a code, not the term
        ("referral", "preferral"),
        ("referral", "referralé"),  # a Unicode letter continues the word
        ("victim identification", "victim of identification"),
        ("", "anything"),
    ],
)
def test_a_term_is_not_found(term, text):
    assert not occurs(term, text)


def test_entries_keep_the_glossarys_order():
    glossary = [Entry("DGMM", "GİGM"), Entry("referral", "yönlendirme"), Entry("THB", "insan ticareti")]
    assert entries_in("Referral by DGMM staff", glossary) == glossary[:2]


@pytest.mark.parametrize(
    ("approved", "translated"),
    [
        ("trafikimi i qenieve njerëzore", "kundër trafikimit të qenieve njerëzore"),  # Albanian cases
        ("trgovina ljudima", "o trgovini ljudima"),
        ("traficul de ființe umane", "combaterea traficului de ființe umane"),
        ("insan ticareti", "İNSAN TİCARETİYLE mücadele"),  # Turkish dotted capital I
        ("ulusal yönlendirme mekanizması", "ulusal yönlendirme mekanizmalarının işleyişi"),
        ("qurbanların müəyyən edilməsi", "qurbanların müəyyən edilməsi mövzusunda"),
        ("انسانی اسمگلنگ", "انسدادِ انسانی اسمگلنگ سے متعلق"),
        ("DGMM", "personelin e DGMM-së"),
    ],
)
def test_an_inflected_approved_translation_counts_as_used(approved, translated):
    assert uses_translation(approved, translated)


@pytest.mark.parametrize(
    ("approved", "translated"),
    [
        ("trgovina ljudima", "krijumčarenje ljudi"),
        ("insan ticareti", "insan kaçakçılığı"),
        ("GİGM", "DGMM personeli"),
        ("identifikimi i viktimave", "njohja e viktimave"),
    ],
)
def test_another_word_is_not_the_approved_translation(approved, translated):
    assert not uses_translation(approved, translated)


def test_a_po_comment_is_one_line():
    entry = Entry("THB", "trafikimi i qenieve njerëzore", "Spell it out;\nnot THB.")
    assert entry.comment() == "Glossary: THB = trafikimi i qenieve njerëzore (Spell it out; not THB.)"
    assert Entry("DGMM", "DGMM").comment() == "Glossary: DGMM = DGMM"
