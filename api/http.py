"""Per-client rate limits for the API, applied before any cache.

Hand-written rather than DRF's throttling or django-ratelimit: those count in the view, behind
the response cache, so cached responses would go uncounted (tests/api/test_http.py counts them).
Cross-origin access is django-cors-headers', configured in the settings from
API_CORS_ALLOWED_ORIGINS.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from .errors import DATABASE_UNAVAILABLE, database_unavailable, error_body
from .keys import key_from_request, partner_quota

API_PREFIX = "/api/"


class APIAccessMiddleware:
    """A request budget per minute: per client IP, or per partner key sent as
    `Authorization: Api-Key <key>`."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        try:
            refusal = self.refuse(request)
        except DATABASE_UNAVAILABLE as error:  # looking up a partner key
            refusal = database_unavailable(error)
        return refusal or self.get_response(request)

    @sensitive_variables("key")
    def refuse(self, request):
        """A 401 for a bad key or a 429 over the budget; None to let the request through."""
        key = key_from_request(request)
        if key is None:
            return self.over_budget(f"ip:{self.client_address(request)}", settings.API_RATE_LIMIT_PER_MINUTE)
        quota = partner_quota(key) if key else None
        if quota is None:
            response = JsonResponse(
                error_body(401, "invalid_api_key", _("This API key is not valid or has been revoked.")),
                status=401,
            )
            response["WWW-Authenticate"] = "Api-Key"
            return response
        partner_id, limit = quota
        return self.over_budget(f"key:{partner_id}", limit)

    @staticmethod
    def client_address(request):
        if settings.API_TRUST_X_FORWARDED_FOR:
            # the last address is the one our proxy added; those before it come from the client
            forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[-1].strip()
            if forwarded:
                return forwarded
        return request.META.get("REMOTE_ADDR", "unknown")

    @staticmethod
    def over_budget(client, limit):
        if not limit:
            return None
        window = int(time.time() // 60)
        key = f"api:rate:{client}:{window}"
        cache.add(key, 0, timeout=61)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=61)
            count = 1
        if count <= limit:
            return None
        retry_after = 60 - int(time.time() % 60)
        response = JsonResponse(
            error_body(
                429,
                "throttled",
                _("Too many requests: at most %(limit)s a minute. Try again in %(seconds)s seconds.")
                % {"limit": limit, "seconds": retry_after},
            ),
            status=429,
        )
        response["Retry-After"] = str(retry_after)
        return response


def client_address(request):
    """The client's address as the rate limit sees it; django-axes keys failed logins by it too."""
    return APIAccessMiddleware.client_address(request)


@receiver(setting_changed)
def follow_allowed_origins(setting, value, **kwargs):
    """django-cors-headers reads CORS_ALLOW_ALL_ORIGINS and CORS_ALLOWED_ORIGINS, which the settings
    derive from API_CORS_ALLOWED_ORIGINS once: an override of the latter must reach them too."""
    if setting == "API_CORS_ALLOWED_ORIGINS":
        settings.CORS_ALLOW_ALL_ORIGINS = value == ["*"]
        settings.CORS_ALLOWED_ORIGINS = [] if value == ["*"] else list(value or [])
