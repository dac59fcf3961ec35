"""The fixed structure of the site: the home and section pages of every locale.

`manage.py bootstrap` creates it; the texts of the structural pages are the project's
own strings, so their translations come from the gettext catalogues in locale/.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

HOME_TITLE = _("Fight against Trafficking in Human Beings")
HOME_SUMMARY = _(
    "News of the partnership of Albania, Azerbaijan, Bosnia and Herzegovina, Moldova, "
    "Pakistan and Turkey against trafficking in human beings and organised crime."
)

# slug, page model name, title, summary
SECTIONS = [
    ("events", "EventIndexPage", _("Events"), _("Workshops, trainings, seminars and study visits.")),
    (
        "assessments",
        "AssessmentIndexPage",
        _("Assessments"),
        _("Reports on national referral mechanisms and their recommendations."),
    ),
    ("galleries", "GalleryIndexPage", _("Photo galleries"), _("Photos of the partnership's events.")),
]


def catalogue_translator(language_code: str):
    """Translate the structural pages' English texts with the project's gettext catalogue."""
    english = {str(text): text for text in _structural_texts()}

    def translate(text: str) -> str | None:
        lazy = english.get(text)
        if lazy is None:
            return None
        with override(language_code):
            translated = str(lazy)
        return translated if translated != text else None

    return translate


def _structural_texts():
    yield HOME_TITLE
    yield HOME_SUMMARY
    for _slug, _model, title, summary in SECTIONS:
        yield title
        yield summary
