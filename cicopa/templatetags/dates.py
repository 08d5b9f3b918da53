"""{{ day|long_date }}: a day as the visitor's language writes it ("13 January 2017",
"13 janvier 2017", "13 de enero de 2017"), the locale's DATE_FORMAT.

Django's date filter looks the format up, parses it and translates the month's name on every
call (34 µs in French; a list of news writes ten). What it gives depends only on the day and the
language, so each is remembered for the life of the process."""

from django import template
from django.utils.formats import date_format
from django.utils.translation import get_language

from cicopa.memo import remembered

register = template.Library()


@remembered(maxsize=20_000)
def long_date_in(day, language):
    return date_format(day, "DATE_FORMAT")


@register.filter
def long_date(day):
    return long_date_in(day, get_language())
