"""The suite's Redis cache: `clear()` removes this test process's own keys only.

Django's RedisCache.clear() empties the whole Redis database (FLUSHDB). Under xdist every
test process shares one Redis (and Celery's queues live there too), so one process clearing
its cache wiped another's kept figures mid-test, and could drop queued tasks."""

from django.core.cache.backends.redis import RedisCache


class OwnKeysRedisCache(RedisCache):
    def clear(self):
        client = self._cache.get_client(write=True)
        keys = list(client.scan_iter(match=f"{self.key_prefix}:*", count=1000))
        if keys:
            client.delete(*keys)
        return True
