"""The address of a draft on the partner site: its template (PARTNER_PREVIEW_URL,
PARTNER_PREVIEW_URL_BY_LOCALE; docs/operations.md) filled with the locale and a fresh token."""

from urllib.parse import quote

from django.conf import settings

from . import tokens


def offered(language_code: str) -> bool:
    """Whether this locale's partner site shows previews (it has a template)."""
    return bool(settings.PARTNER_PREVIEW_URL_TEMPLATES.get(language_code))


def preview_url(revision, language_code: str, user) -> str:
    template = settings.PARTNER_PREVIEW_URL_TEMPLATES[language_code]
    token = tokens.issue(revision.pk, language_code, user.pk)
    return template.format(locale=language_code, token=quote(token, safe=""))
