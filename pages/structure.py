"""The fixed structure of the site: locales, home and section pages, editorial groups.

`manage.py bootstrap` creates it; the texts of the structural pages are the project's
own strings, so their translations come from the gettext catalogues in locale/.
"""

from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from cms import i18n

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

MODERATORS = "Moderators"
CONTENT_EDITORS = "Content editors"


def editor_group_name(language_code: str) -> str:
    return f"{i18n.locale_info(language_code).english_name} editors"


def reviewer_group_name(language_code: str) -> str:
    return f"{i18n.locale_info(language_code).english_name} reviewers"


def group_names() -> list[str]:
    names = [MODERATORS, CONTENT_EDITORS]
    for code in i18n.TRANSLATION_LANGUAGES:
        names += [editor_group_name(code), reviewer_group_name(code)]
    return names


def ensure_groups() -> int:
    """Create the editorial groups that are missing; return how many were created."""
    return sum(Group.objects.get_or_create(name=name)[1] for name in group_names())


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
