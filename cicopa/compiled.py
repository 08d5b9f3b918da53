"""Reads whose SQL never changes, compiled once per process.

Django compiles a query's SQL afresh each time it runs: for the network's figures (every country
with members, the regions) that takes about half a millisecond of every uncached request that
reads them, more than PostgreSQL takes to answer. The reads kept here depend on nothing but the
visitor's language, so their SQL is kept per database and language and only run again."""

import functools

from django.core.exceptions import ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils.translation import get_language


def compiled(build):
    """Decorate a function that returns a values_list() QuerySet depending on nothing but the
    active language (no dates, no arguments): calling it returns that QuerySet's rows, as a list
    of tuples, from SQL compiled once per database and language."""
    kept = {}

    @functools.wraps(build)
    def rows(using=DEFAULT_DB_ALIAS):
        key = (using, get_language())
        if key not in kept:
            compiler = build().query.get_compiler(using)
            sql, params = compiler.as_sql()
            # Rows are returned as the database gives them: a column Django would convert
            # (dates on SQLite, decimals, JSON) needs the ORM's own path.
            if compiler.get_converters([column for column, _sql, _alias in compiler.select]):
                raise ImproperlyConfigured(f"{build.__qualname__}: a column needs converting.")
            kept[key] = sql, params
        sql, params = kept[key]
        with connections[using].cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    return rows
