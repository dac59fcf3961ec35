"""Probes for the load balancer and the process supervisor.

/healthz: the process answers (touches neither the database nor the cache).
/readyz: the database and the cache answer; otherwise 503 naming what is down.
"""

import logging
import uuid

from django.core.cache import cache
from django.db import Error as DatabaseError
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


def database_is_up():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError as error:
        logger.warning("Readiness: the database is down: %s", error)
        return False


def cache_is_up():
    """Write and read back a value; a fail-soft cache that cannot reach Redis reads a miss."""
    key, token = "readyz:probe", uuid.uuid4().hex
    try:
        cache.set(key, token, timeout=10)
        return cache.get(key) == token
    except Exception as error:  # any cache backend, any failure: the cache is not ready
        logger.warning("Readiness: the cache is down: %s", error)
        return False


CHECKS = {"database": database_is_up, "cache": cache_is_up}


@never_cache
@require_safe
def healthz(request):
    return JsonResponse({"status": "ok"})


@never_cache
@require_safe
def readyz(request):
    checks = {name: "ok" if check() else "down" for name, check in CHECKS.items()}
    down = [name for name, state in checks.items() if state == "down"]
    if down:
        return JsonResponse({"status": "unavailable", "down": down, "checks": checks}, status=503)
    return JsonResponse({"status": "ok", "checks": checks})
