from django import template

from cicopa import translation

register = template.Library()
register.filter("shown_in", translation.shown_in)
register.filter("falls_back", translation.falls_back)
