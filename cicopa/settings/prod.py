"""Production: refuses to start without the values that must never have a default."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, SECRET_KEY

if not SECRET_KEY:
    raise ImproperlyConfigured("Set DJANGO_SECRET_KEY: production has no default secret key.")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Set DJANGO_ALLOWED_HOSTS to the site's host names.")
