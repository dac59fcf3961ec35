"""Deploy checks of what the API needs from its surroundings (`manage.py check --deploy`)."""

from django.core.cache import caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.checks import Error, Tags, register


@register(Tags.caches, deploy=True)
def shared_cache(app_configs, **kwargs):
    """Rate-limit counters and cached responses must be shared by every worker."""
    backend = caches["default"]
    if not isinstance(backend, LocMemCache | DummyCache):
        return []
    return [
        Error(
            f"The default cache ({type(backend).__name__}) is local to each process: every worker "
            "counts its own API rate limits, so a client gets the limit once per worker.",
            hint="Set REDIS_URL so that every worker shares one cache (docs/operations.md).",
            id="api.E001",
        )
    ]
