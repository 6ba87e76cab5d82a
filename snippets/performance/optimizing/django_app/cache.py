"""Django's Redis backend, except that Redis down, slow or restarting is a miss, not a 500."""

from contextlib import suppress

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError


class FailSoftRedisCache(RedisCache):
    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except RedisError:  # (1)!
            return default

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        with suppress(RedisError):
            super().set(key, value, timeout, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().add(key, value, timeout, version)
        except RedisError:
            return False

    def delete(self, key, version=None):
        try:
            return super().delete(key, version)
        except RedisError:
            return False
