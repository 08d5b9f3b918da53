"""The queries a test counts: those on the site's own tables. Without Redis the shared cache is
a table in the same database (settings.CACHE_TABLE): its reads and writes are the cache's, a
few a page whatever the data, and are measured by bench/ with the cache production uses, not
by a page's query budget (with Redis they are not queries at all)."""

import re
from contextlib import contextmanager

import pytest
from django.conf import settings
from django.db import connection as default_connection
from django.test.utils import CaptureQueriesContext

SAVEPOINT = re.compile(r'^(SAVEPOINT|RELEASE SAVEPOINT|ROLLBACK TO SAVEPOINT) "?([^"\s]+)')


def site_queries(queries):
    """`queries` less the cache's: those on its table, and the savepoints around them alone."""
    sql = [query["sql"] for query in queries]
    cache = {n for n, text in enumerate(sql) if settings.CACHE_TABLE in text}
    opened = {}
    for n, text in enumerate(sql):
        if not (match := SAVEPOINT.match(text)):
            continue
        kind, name = match.groups()
        if kind == "SAVEPOINT":
            opened[name] = n
        elif name in opened:
            start = opened.pop(name)
            inside = range(start + 1, n)
            if inside and all(m in cache for m in inside):
                cache.update({start, n})
    return [query for n, query in enumerate(queries) if n not in cache]


class SiteQueries(CaptureQueriesContext):
    def __init__(self, connection=None):
        super().__init__(connection or default_connection)

    @property
    def captured_queries(self):
        return site_queries(super().captured_queries)


@contextmanager
def assert_site_queries(num, exact=True, connection=None, info=None):
    """pytest-django's django_assert_num_queries, counting the site's tables alone."""
    with SiteQueries(connection) as context:
        yield context
    made = len(context)
    info = info or ""
    if made != num if exact else made > num:
        expected = f"{num}" if exact else f"at most {num}"
        sql = "\n".join(query["sql"] for query in context.captured_queries)
        pytest.fail(
            f"Expected {expected} queries of the site's tables, {made} made:\n{sql}\n{info or ''}"
        )
