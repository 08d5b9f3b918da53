"""For mails, written away from any request: {% absolute "pages:privacy" %} is the page's full
address on DJANGO_SITE_URL, in the language the mail is rendered in."""

from django import template
from django.conf import settings
from django.urls import reverse

register = template.Library()


@register.simple_tag
def absolute(name):
    return settings.SITE_URL.rstrip("/") + reverse(name)
