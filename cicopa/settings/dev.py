"""Local development: works with no environment variables set."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="django-insecure-local-development-only")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])

# Static files straight from the apps' folders; collectstatic is for production.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# What a developer changes is what they see: the cache is production's, shared with
# `manage.py` and the shell (a change there ends the pages' generation as an admin save does),
# and a file the development server reloads for (a template, the code) ends it too
# (cicopa.apps). Browsers keep no page: they ask each time and get a 304 while it is the same.
PAGE_MAX_AGE = env.int("DJANGO_PAGE_MAX_AGE", default=0)

# Links in mails (printed on the console) lead to `make run`'s server.
SITE_URL = env.str("DJANGO_SITE_URL", default=f"http://127.0.0.1:{env.int('PORT', default=8000)}")

# Local development may sign in with a password alone.
TWO_FACTOR_REQUIRED = env.bool("DJANGO_TWO_FACTOR_REQUIRED", default=False)
