"""Django's Redis cache backend, keeping one redis client per connection pool.

Django's client builds a new redis.Redis object for every cache operation, and each one sets
up its table of some 170 response callbacks: about half a millisecond a call, several calls a
request. A redis.Redis object is thread-safe (it borrows a connection from its pool for each
command), so one per pool does the same work."""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class ReusingRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ReusingRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient
