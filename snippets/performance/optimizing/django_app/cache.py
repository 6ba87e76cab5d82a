"""Django's Redis backend, except that Redis down, slow or restarting is a miss, not a 500."""

from time import monotonic

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

PAUSE = 5  # seconds without Redis after a failure


class FailSoftRedisCache(RedisCache):
    paused_until: dict[str, float] = {}  # (2)!

    def __init__(self, server, params):
        super().__init__(server, params)
        self.location = str(server)

    def _fail_soft(self, call, fallback, *args):
        if monotonic() < self.paused_until.get(self.location, 0):
            return fallback
        try:
            return call(*args)
        except RedisError:  # (1)!
            self.paused_until[self.location] = monotonic() + PAUSE
            return fallback

    def get(self, key, default=None, version=None):
        return self._fail_soft(super().get, default, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._fail_soft(super().set, None, key, value, timeout, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._fail_soft(super().add, False, key, value, timeout, version)

    def delete(self, key, version=None):
        return self._fail_soft(super().delete, False, key, version)
