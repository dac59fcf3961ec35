"""The serving ceiling: an API response body served as bytes already in memory.

The benchmark writes the body of a real API response to BENCH_CEILING_DIR/<name>.json before
the load starts; each worker reads it once. What is left is the cost of gunicorn and Django's
middleware, which every API response pays too.
"""

from django.conf import settings
from django.http import Http404, HttpResponse

_bodies: dict[str, bytes] = {}


def ceiling(request, name):
    body = _bodies.get(name)
    if body is None:
        path = settings.BENCH_CEILING_DIR / f"{name}.json"
        if not name.isidentifier() or not path.is_file():
            raise Http404(name)
        body = _bodies[name] = path.read_bytes()
    return HttpResponse(body, content_type="application/json")
