"""Preview tokens: a signed, short-lived grant to read one revision of one page in one locale.

The admin issues one to an editor who may see the draft (previews.rights), and the partner site
hands it to /api/v1/preview/. The token names the revision, its locale and the user it was issued
to, signed with the SECRET_KEY and a salt of its own (a token of another part of Django is never
one of these), and stamped with its time: PARTNER_PREVIEW_TOKEN_MINUTES later it no longer works.
It is not encrypted: it shows the revision's number, never its content.
"""

import re
import zlib
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core import signing

SALT = "previews.partner-preview"
MAX_LENGTH = 500  # far longer than any token issued here
# What a token of ours is made of (signing's URL-safe base64, `.` and `:`): anything else is not one
# even before its signature is checked. The OpenAPI schema states it (previews.views).
PATTERN = rf"^[-.:0-9A-Z_a-z]{{1,{MAX_LENGTH}}}$"


class InvalidToken(Exception):
    """Not a token of ours: malformed, tampered with or signed with another key or salt."""


class ExpiredToken(InvalidToken):
    """A token of ours, older than PARTNER_PREVIEW_TOKEN_MINUTES."""


@dataclass(frozen=True)
class Grant:
    revision_id: int
    language_code: str
    user_id: int


def signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=SALT)


def issue(revision_id: int, language_code: str, user_id: int) -> str:
    return signer().sign_object({"r": revision_id, "l": language_code, "u": user_id}, compress=True)


def lifetime() -> timedelta:
    return timedelta(minutes=settings.PARTNER_PREVIEW_TOKEN_MINUTES)


def well_formed(token: str) -> bool:
    return re.fullmatch(PATTERN, token) is not None


def read(token: str) -> Grant:
    """The grant a token carries, if it is ours and still valid."""
    if not well_formed(token):
        raise InvalidToken
    try:
        data = signer().unsign_object(token, max_age=lifetime())
    except signing.SignatureExpired:
        raise ExpiredToken from None
    except (signing.BadSignature, ValueError, TypeError, UnicodeError, zlib.error):
        raise InvalidToken from None
    if not (
        isinstance(data, dict)
        and isinstance(data.get("r"), int)
        and isinstance(data.get("l"), str)
        and isinstance(data.get("u"), int)
    ):
        raise InvalidToken
    return Grant(revision_id=data["r"], language_code=data["l"], user_id=data["u"])
