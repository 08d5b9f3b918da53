"""The shared cache of every configuration without Redis: Django's DatabaseCache, whose `incr`
is made atomic. The request limits count with add and incr (cicopa.clients); Django's incr is a
read then a write, so two requests that arrive together could both read 5 and both write 6.
Here the read and the write are one transaction holding the row (PostgreSQL's FOR UPDATE; on
SQLite the transaction takes the write lock as it begins, settings.base)."""

from django.core.cache.backends.db import DatabaseCache
from django.db import connections, router, transaction


class SharedDatabaseCache(DatabaseCache):
    def incr(self, key, delta=1, version=None):
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        with transaction.atomic(using=db):
            if connection.features.has_select_for_update:
                with connection.cursor() as cursor:
                    table = connection.ops.quote_name(self._table)
                    cursor.execute(
                        f"SELECT cache_key FROM {table} WHERE cache_key = %s FOR UPDATE",
                        [self.make_and_validate_key(key, version=version)],
                    )
            return super().incr(key, delta, version)
