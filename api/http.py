"""Per-client rate limits for the API, applied before any cache.

Hand-written rather than DRF's throttling or django-ratelimit: those count in the view, behind
the response cache, so cached responses would go uncounted (tests/api/test_http.py counts them).
Cross-origin access is django-cors-headers', configured in the settings from
API_CORS_ALLOWED_ORIGINS.
"""

import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from cms.client_address import client_address

from .errors import DATABASE_UNAVAILABLE, database_unavailable, error_body
from .keys import key_from_request, partner_quota

API_PREFIX = "/api/"


@dataclass(frozen=True)
class Budget:
    """What is left of a client's requests this minute, as the RateLimit-* headers say it."""

    limit: int
    used: int
    reset: int  # seconds until the minute ends

    def headers(self) -> dict[str, str]:
        return {
            "RateLimit-Limit": str(self.limit),
            "RateLimit-Remaining": str(max(0, self.limit - self.used)),
            "RateLimit-Reset": str(self.reset),
        }


class APIAccessMiddleware:
    """A request budget per minute: per client IP, or per partner key sent as
    `Authorization: Api-Key <key>`. Each answer says what is left (RateLimit-* headers); a
    preflight or other OPTIONS request costs nothing."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(API_PREFIX) or request.method == "OPTIONS":
            return self.get_response(request)
        try:
            refusal, budget = self.refuse(request)
        except DATABASE_UNAVAILABLE as error:  # looking up a partner key
            refusal, budget = database_unavailable(error), None
        response = refusal or self.get_response(request)
        if budget is not None:
            for name, value in budget.headers().items():
                response[name] = value
        return response

    @sensitive_variables("key")
    def refuse(self, request):
        """(a 401 for a bad key or a 429 over the budget, or None to let the request through;
        the client's budget, or None when there is no limit)."""
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
            response["Cache-Control"] = "no-store"
            return response, None
        partner_id, limit = quota
        return self.over_budget(f"key:{partner_id}", limit)

    @staticmethod
    def over_budget(client, limit):
        if not limit:
            return None, None
        now = time.time()
        window = int(now // 60)
        key = f"api:rate:{client}:{window}"
        cache.add(key, 0, timeout=61)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=61)
            count = 1
        budget = Budget(limit=limit, used=count, reset=60 - int(now % 60))
        if count <= limit:
            return None, budget
        response = JsonResponse(
            error_body(
                429,
                "throttled",
                _("Too many requests: at most %(limit)s a minute. Try again in %(seconds)s seconds.")
                % {"limit": limit, "seconds": budget.reset},
            ),
            status=429,
        )
        response["Retry-After"] = str(budget.reset)
        response["Cache-Control"] = "no-store"
        return response, budget
