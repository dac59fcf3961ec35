"""Per-client rate limits for the API, applied before any cache.

Hand-written rather than DRF's throttling or django-ratelimit: those count in the view, behind
the response cache, so cached responses would go uncounted (tests/api/test_http.py counts them).
Cross-origin access is django-cors-headers', configured in the settings from
API_CORS_ALLOWED_ORIGINS.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from cms.client_address import client_address

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
            return self.over_budget(f"ip:{client_address(request)}", settings.API_RATE_LIMIT_PER_MINUTE)
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
