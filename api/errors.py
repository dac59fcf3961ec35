"""Every API error is JSON: {"error": {"status", "code", "message", "field"}}."""

import logging

from django.db import InterfaceError, OperationalError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.views import exception_handler

logger = logging.getLogger(__name__)

# The database cannot be reached (down, restarting, connection lost): a 503 the client may retry.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
DATABASE_RETRY_SECONDS = 10


class BadParameter(exceptions.APIException):
    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "invalid_parameter"

    def __init__(self, field, message, code="invalid_parameter"):
        super().__init__(detail=message, code=code)
        self.field = field


class RefusedCredential(exceptions.PermissionDenied):
    """A well-formed credential in a parameter (a preview token) that grants nothing: not ours,
    tampered with or expired. A 403 naming the parameter: the request itself was well formed."""

    default_code = "invalid_credential"

    def __init__(self, field, message, code):
        super().__init__(detail=message, code=code)
        self.field = field


class NoSuchPage(exceptions.NotFound):
    """A page of results past the last one: nothing is there (a well-formed request the schema
    allows, so a 404 like an unknown item, not a 400)."""

    default_code = "no_such_page"

    def __init__(self, message):
        super().__init__(detail=message, code="no_such_page")
        self.field = "page"


class UnknownLocale(exceptions.NotFound):
    default_code = "unknown_locale"

    def __init__(self, requested, available):
        super().__init__(
            detail=_("There is no locale %(requested)s. Available locales: %(available)s.")
            % {"requested": requested, "available": ", ".join(available)},
            code="unknown_locale",
        )
        self.available = list(available)


def error_body(status_code, code, message, field=None, **extra):
    return {"error": {"status": status_code, "code": code, "message": message, "field": field, **extra}}


def database_unavailable(error):
    """The 503 for a request that needed the database while it was unreachable."""
    logger.warning("API: the database is unavailable: %s", error)
    response = JsonResponse(
        error_body(
            503,
            "database_unavailable",
            _("The service is temporarily unavailable. Try again in %(seconds)s seconds.")
            % {"seconds": DATABASE_RETRY_SECONDS},
        ),
        status=503,
    )
    response["Retry-After"] = str(DATABASE_RETRY_SECONDS)
    return response


def api_exception_handler(exc, context):
    if isinstance(exc, DATABASE_UNAVAILABLE):
        return database_unavailable(exc)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    response = exception_handler(exc, context)
    if response is None:
        return None  # a real server error: let Django report it
    detail = exc.detail if isinstance(exc, exceptions.APIException) else str(exc)
    if isinstance(detail, list | dict):
        message = "; ".join(_flatten(detail))
        code = "invalid"
    else:
        message = str(detail)
        code = str(getattr(detail, "code", None) or getattr(exc, "default_code", "error"))
    extra = {"available": exc.available} if isinstance(exc, UnknownLocale) else {}
    response.data = error_body(response.status_code, code, message, getattr(exc, "field", None), **extra)
    return response


def _flatten(detail):
    if isinstance(detail, dict):
        for key, value in detail.items():
            for message in _flatten(value):
                yield f"{key}: {message}"
    elif isinstance(detail, list):
        for item in detail:
            yield from _flatten(item)
    else:
        yield str(detail)
