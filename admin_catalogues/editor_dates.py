"""Days in wagtail-localize's translation editor, in the editor's language.

Its segment notes ("Translated manually on 2 December 2026") format the day with ``strftime``,
whose month names come from the server's C locale, so every language read an English month.
The note itself is translated; these helpers rewrite its day the way the language writes one.
"""

import re
from datetime import date
from functools import wraps

from django.utils import translation
from django.utils.translation import get_language
from wagtail.users.models import UserProfile

from cms import i18n

# strftime's %B in the C locale, which wagtail-localize's "%-d %B %Y" writes whatever the language
C_LOCALE_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
C_LOCALE_DAY = re.compile(rf"\b(\d{{1,2}}) ({'|'.join(C_LOCALE_MONTHS)}) (\d{{4}})\b")


def localize_days(text: str, language_code: str) -> str:
    def in_language(match):
        day = date(int(match[3]), C_LOCALE_MONTHS.index(match[2]) + 1, int(match[1]))
        return i18n.format_day(day, language_code)

    return C_LOCALE_DAY.sub(in_language, text) if text else text


def localize_editor_props(props: dict, language_code: str) -> dict:
    """The translation editor's settings with the day of each segment's note in the language."""
    for string_translation in props.get("initialStringTranslations", []):
        string_translation["comment"] = localize_days(string_translation.get("comment"), language_code)
    return props


def in_admin_language(view):
    """Wrap the segment edit view, which Wagtail does not put in the user's admin language: the
    note it sends back for the saved segment is shown beside it."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        language = get_language()
        if request.user.is_authenticated:
            language = UserProfile.get_for_user(request.user).get_preferred_language()
        with translation.override(language):
            response = view(request, *args, **kwargs)
            data = getattr(response, "data", None)  # a REST framework response, not rendered yet
            if isinstance(data, dict) and data.get("comment") and not response.is_rendered:
                data["comment"] = localize_days(data["comment"], language)
        return response

    return wrapper
