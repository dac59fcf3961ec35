"""A Redis cache that fails soft: while Redis is unreachable the site serves uncached.

Every read is a miss, every write is dropped and counters start again, instead of an error
page. After a failure Redis is left alone for RETRY_SECONDS, so a request does not wait for
one connection timeout per cache call; a warning is logged at most once per WARN_SECONDS.
"""

import functools
import logging
import threading
import time

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)
RETRY_SECONDS = 5
WARN_SECONDS = 60


def _fail_soft(fallback):
    """Run the cache call; on a connection failure return what an empty cache would."""

    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            if time.monotonic() < self._down_until:
                return fallback(*args, **kwargs)
            try:
                return method(self, *args, **kwargs)
            except UNREACHABLE as error:
                self._unreachable(error)
                return fallback(*args, **kwargs)

        return wrapper

    return decorate


def _miss_on_incr(*args, **kwargs):
    raise ValueError("Key not found: the cache is unreachable.")


class FailSoftRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._down_until = 0.0
        self._warned_at = None
        self._lock = threading.Lock()

    def _unreachable(self, error):
        now = time.monotonic()
        with self._lock:
            self._down_until = now + RETRY_SECONDS
            if self._warned_at is not None and now - self._warned_at < WARN_SECONDS:
                return
            self._warned_at = now
        logger.warning("Redis is unreachable, serving without cache: %s", error)

    @_fail_soft(lambda key, default=None, version=None: default)
    def get(self, *args, **kwargs):
        return super().get(*args, **kwargs)

    @_fail_soft(lambda *args, **kwargs: None)
    def set(self, *args, **kwargs):
        return super().set(*args, **kwargs)

    @_fail_soft(lambda *args, **kwargs: False)
    def add(self, *args, **kwargs):
        return super().add(*args, **kwargs)

    @_fail_soft(lambda *args, **kwargs: False)
    def touch(self, *args, **kwargs):
        return super().touch(*args, **kwargs)

    @_fail_soft(lambda *args, **kwargs: False)
    def delete(self, *args, **kwargs):
        return super().delete(*args, **kwargs)

    @_fail_soft(lambda *args, **kwargs: {})
    def get_many(self, *args, **kwargs):
        return super().get_many(*args, **kwargs)

    @_fail_soft(lambda *args, **kwargs: False)
    def has_key(self, *args, **kwargs):
        return super().has_key(*args, **kwargs)

    @_fail_soft(_miss_on_incr)
    def incr(self, *args, **kwargs):
        return super().incr(*args, **kwargs)

    @_fail_soft(lambda data, *args, **kwargs: list(data))
    def set_many(self, *args, **kwargs):
        return super().set_many(*args, **kwargs)

    @_fail_soft(lambda *args, **kwargs: None)
    def delete_many(self, *args, **kwargs):
        return super().delete_many(*args, **kwargs)

    @_fail_soft(lambda *args, **kwargs: False)
    def clear(self):
        return super().clear()
