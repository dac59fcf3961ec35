"""The demo glossary: the partnership's terms as the demo translations write them.

Notes are in English, for every reviewer and moderator to read.
"""

from django.db import transaction
from wagtail.models import Locale

from glossary.models import GlossaryTerm

SPELLED_OUT = "Spell it out; project codes such as THB/IFS/2 stay as they are."
DGMM_NOTE = "Turkey's Directorate General of Migration Management; the acronym stays in English"

THB = {
    "sq": "trafikimi i qenieve njerëzore",
    "az": "insan alveri",
    "bs": "trgovina ljudima",
    "ro": "traficul de ființe umane",
    "ur": "انسانی اسمگلنگ",
    "tr": "insan ticareti",
}
NRM = {
    "sq": "mekanizmi kombëtar i referimit",
    "az": "milli istiqamətləndirmə mexanizmi",
    "bs": "nacionalni referalni mehanizam",
    "ro": "mecanismul național de referire",
    "ur": "قومی ریفرل میکانزم",
    "tr": "ulusal yönlendirme mekanizması",
}

# English term -> {language: (approved translation, note)}
TERMS = {
    "trafficking in human beings": {code: (text, "") for code, text in THB.items()}
    | {"ur": (THB["ur"], "Not to be confused with migrant smuggling: تارکینِ وطن کی اسمگلنگ.")},
    "THB": {code: (text, SPELLED_OUT) for code, text in THB.items()},
    "national referral mechanism": {code: (text, "") for code, text in NRM.items()},
    "NRM": {code: (text, SPELLED_OUT.split(";")[0] + ".") for code, text in NRM.items()},
    "victim identification": {
        "sq": ("identifikimi i viktimave", ""),
        "az": ("qurbanların müəyyən edilməsi", ""),
        "bs": ("identifikacija žrtava", ""),
        "ro": ("identificarea victimelor", ""),
        "ur": ("متاثرین کی شناخت", ""),
        "tr": ("mağdur tespiti", ""),
    },
    "referral": {
        "sq": ("referimi", ""),
        "az": ("istiqamətləndirmə", ""),
        "bs": ("upućivanje", "As an adjective: referalni (referalni mehanizam)."),
        "ro": ("referirea", ""),
        "ur": ("ریفرل", ""),
        "tr": ("yönlendirme", ""),
    },
    "DGMM": {
        "sq": ("DGMM", f"{DGMM_NOTE}, declined with a hyphen: DGMM-së."),
        "az": ("DGMM", f"{DGMM_NOTE}."),
        "bs": ("DGMM", f"{DGMM_NOTE}, declined with a hyphen: DGMM-a."),
        "ro": ("DGMM", f"{DGMM_NOTE}."),
        "ur": ("DGMM", f"{DGMM_NOTE}."),
        "tr": ("GİGM", "Göç İdaresi Genel Müdürlüğü: the Turkish acronym, not DGMM."),
    },
}


def ensure_demo_glossary() -> int:
    """Add the demo terms each language's glossary lacks; return how many were added.

    A term already in a language's glossary (in any case) is left as its reviewers keep it.
    """
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    added = 0
    with transaction.atomic():
        for english_term, translations in TERMS.items():
            for code, (translation, note) in translations.items():
                terms = GlossaryTerm.objects.filter(locale=locales[code])
                if terms.filter(english_term__iexact=english_term).exists():
                    continue
                GlossaryTerm.objects.create(
                    locale=locales[code], english_term=english_term, translation=translation, note=note
                )
                added += 1
    return added
