"""Reads whose SQL never changes, compiled once per process.

Django compiles a query's SQL afresh each time it runs: for the network's figures (every country
with members, the regions) that takes about half a millisecond of every uncached request that
reads them, more than PostgreSQL takes to answer. The reads kept here depend on nothing but the
visitor's language and the settings, so their SQL is remembered (cicopa.memo) per database and
language and only run again."""

import functools

from django.core.exceptions import ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils.translation import get_language

from cicopa.memo import remembered


def compiled(build):
    """Decorate a function that returns a values_list() QuerySet depending on nothing but the
    active language and the settings (no dates, no arguments): calling it returns that
    QuerySet's rows, as a list of tuples, from SQL compiled once per database and language."""

    # Named after `build`, so that each read's memory is emptied on its own signal receiver.
    @remembered(maxsize=32)
    @functools.wraps(build)
    def sql(using, language):
        compiler = build().query.get_compiler(using)
        statement, params = compiler.as_sql()
        # Rows are returned as the database gives them: a column Django would convert (dates
        # on SQLite, decimals, JSON) needs the ORM's own path.
        if compiler.get_converters([column for column, _sql, _alias in compiler.select]):
            raise ImproperlyConfigured(f"{build.__qualname__}: a column needs converting.")
        return statement, params

    @functools.wraps(build)
    def rows(using=DEFAULT_DB_ALIAS):
        with connections[using].cursor() as cursor:
            cursor.execute(*sql(using, get_language()))
            return cursor.fetchall()

    return rows
