"""HTTP caching of the API: ETag, Last-Modified, 304s and a shared response cache.

Cached responses are keyed by the content version, which every publish, unpublish, move,
delete and snippet or media change raises in the database (Last-Modified is its time); so after a change every
worker serves fresh content on the next request, with Redis or with local memory.
Responses are the same for every client (the API has no per-user content), so a cached
response can be shared. What is made for one visitor is never stored: the interactive docs (their
start-up script carries the visitor's CSRF token), a draft's preview (for its token's holder
alone), and any response that sets a cookie, varies on cookies or says it is private; those are
sent `Cache-Control: private, no-store`.

Hand-written rather than Django's cache middleware: that one keys by address and expires by time
alone, so a publish would show only when the entry expires; the version in the key shows it on the
next request, in every worker (tests/api/test_http.py, test_freshness.py). If-None-Match and
If-Modified-Since are evaluated by Django's own `get_conditional_response` (RFC 9110).
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

from .changes import current_state
from .errors import DATABASE_UNAVAILABLE, database_unavailable
from .sql import as_datetime
from .visibility import restrictions_exist, seconds_until_visibility_changes

API_PREFIX = "/api/v1/"
CACHED_HEADERS = ("Content-Type", "Content-Language")
# If-Match and If-Unmodified-Since guard changes, and the API makes none: it has always ignored
# them, and a request carrying one gets the full response rather than a 412.
IGNORED_PRECONDITIONS = ("HTTP_IF_MATCH", "HTTP_IF_UNMODIFIED_SINCE")
# Swagger UI (drf-spectacular): its start-up script embeds the visitor's CSRF token; a draft's
# preview (previews/) is for its token's holder alone, and must end with the token
PERSONAL_PATHS = ("/api/v1/docs/", "/api/v1/preview/")


def checked_state():
    """`current_state()`, read as this request's check of its database connection.

    With CONN_HEALTH_CHECKS, Django checks a reused connection by a `SELECT 1` before a request's
    first query: on a cached response, a round trip as long as the one that reads the state. The
    state is the API's first query and tells as much: a connection broken since the last request
    (the database restarted) fails it, and it is read once more on a new connection. A new
    connection that fails is not tried twice: the database is down, and the client gets its 503
    without waiting for a second connection timeout.
    """
    reused = connection.connection is not None
    # this query is the check; Django resets the flag as each request starts (not in django-stubs)
    connection.health_check_done = True  # type: ignore[attr-defined]
    try:
        return current_state()
    except DATABASE_UNAVAILABLE:
        if not reused or connection.in_atomic_block:
            raise
        connection.close()
        return current_state()


class APICacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(API_PREFIX) or request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        if request.path.startswith(PERSONAL_PATHS):
            return self.private(self.get_response(request))
        try:
            version, changed_at, restricted = checked_state()
        except DATABASE_UNAVAILABLE as error:
            return database_unavailable(error)
        key = self.cache_key(request, version)
        entry = None if self.bypassed(request) else cache.get(key)
        if entry is None:
            token = restrictions_exist.set(restricted)
            try:
                response = self.get_response(request)
            finally:
                restrictions_exist.reset(token)
            if response.status_code in (400, 404) and not response.has_header("Cache-Control"):
                # as lasting as content: a 404 may become a page once something is published
                response["Cache-Control"] = f"public, max-age={self.lifetime()}"
            if response.status_code != 200 or response.streaming:
                return response
            if self.personal(response):
                return self.private(response)
            entry = {
                "body": response.content,
                "etag": '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"',
                "headers": {name: response[name] for name in CACHED_HEADERS if response.has_header(name)},
            }
            if changed_at is not None:
                # a response shows more than its own item (translations, statuses, names), so it is
                # as new as the latest change to anything published
                entry["last_modified"] = int(as_datetime(changed_at).timestamp())
                entry["headers"]["Last-Modified"] = http_date(entry["last_modified"])
            lifetime = self.lifetime()
            if lifetime < settings.API_CACHE_SECONDS:
                entry["changes_at"] = time.time() + lifetime
            cache.set(key, entry, lifetime)
        return self.respond(request, entry)

    @staticmethod
    def lifetime() -> int:
        """API_CACHE_SECONDS, or less if a page expires (or goes live) sooner: neither this cache nor
        the client's may outlive that."""
        until_change = seconds_until_visibility_changes()
        if until_change is not None and until_change < settings.API_CACHE_SECONDS:
            return int(until_change)
        return settings.API_CACHE_SECONDS

    @staticmethod
    def personal(response):
        """Whether the response was made for this visitor alone."""
        cache_control = response.get("Cache-Control", "").lower()
        return bool(
            response.cookies
            or "cookie" in response.get("Vary", "").lower()
            or "private" in cache_control
            or "no-store" in cache_control
        )

    @staticmethod
    def private(response):
        """Neither this cache nor any shared cache on the way may keep it."""
        patch_cache_control(response, private=True, no_store=True)
        return response

    @staticmethod
    def bypassed(request):
        """The benchmark measures uncached responses by sending `Cache-Control: no-cache`; nobody
        else may make the API skip its cache (API_CACHE_BYPASS_ON_NO_CACHE is off but there)."""
        return settings.API_CACHE_BYPASS_ON_NO_CACHE and "no-cache" in request.META.get(
            "HTTP_CACHE_CONTROL", ""
        )

    @staticmethod
    def cache_key(request, version):
        address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
        return f"api:{version}:{hashlib.sha256(address.encode()).hexdigest()}"

    @staticmethod
    def respond(request, entry):
        response = HttpResponse(entry["body"])
        for name, value in entry["headers"].items():
            response[name] = value
        response["ETag"] = entry["etag"]
        # a hash of the body, by which the compression middleware finds its compressed copies
        response.body_digest = entry["etag"]  # type: ignore[attr-defined]
        max_age = settings.API_CACHE_SECONDS
        if "changes_at" in entry:
            max_age = max(0, min(max_age, int(entry["changes_at"] - time.time())))
        response["Cache-Control"] = f"public, max-age={max_age}"
        if any(name in request.META for name in IGNORED_PRECONDITIONS):
            return response
        return get_conditional_response(
            request, etag=entry["etag"], last_modified=entry.get("last_modified"), response=response
        )
