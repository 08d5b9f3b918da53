"""Settings shared by every environment; each value that differs comes from the environment."""

import datetime
from email.utils import getaddresses
from pathlib import Path

import environ
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()

SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=[])

INSTALLED_APPS = [
    "cicopa.secondfactor.SecretariatAdminConfig",  # the admin, behind a second factor
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",  # its own form templates, beside the site's (FORM_RENDERER)
    "django.contrib.sitemaps",
    "cicopa",  # template tags
    "django_countries",  # its translations of the ISO country names
    "corsheaders",
    "ninja",  # the API's docs, served from its own static files
    "axes",
    "django_otp",
    "django_otp.plugins.otp_static",  # single-use recovery codes
    "django_otp.plugins.otp_totp",  # authenticator apps
    "two_factor",
    "two_factor.plugins.webauthn",  # passkeys and security keys, beside authenticator apps
    "django_filters",
    "django_prose_editor",
    "reversion",  # every admin save a version: History, restore, recover (cicopa/history.py)
    "import_export",  # organisations from and to spreadsheets (members/resources.py)
    "imagekit",  # pictures in a few widths (cicopa/images.py)
    "django_tasks",  # the backport of Django 6's tasks: the digest sent from the admin
    "django_tasks_db",  # its queue, in the database, run by `manage.py db_worker`
    "members",
    "news",
    "publications",
    "pages",
]

MIDDLEWARE = [
    "cicopa.views.HealthCheckMiddleware",  # first: a load balancer's plain-HTTP check
    "django.middleware.security.SecurityMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Above the page cache: a page is kept once and compressed for each client that takes it
    # (the front, deploy/nginx.conf, keeps the compressed answer).
    "django.middleware.gzip.GZipMiddleware",
    "cicopa.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

ADMIN_URL = env.str("DJANGO_ADMIN_URL", default="admin/").strip("/") + "/"

ROOT_URLCONF = "cicopa.urls"
WSGI_APPLICATION = "cicopa.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "cicopa.context_processors.languages",
                "cicopa.context_processors.contact",
                "cicopa.context_processors.sharing",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Every public form drawn by templates/forms/ (cicopa/forms.py); the admin draws its own.
FORM_RENDERER = "cicopa.forms.SiteFormRenderer"

# A SQLite file beside manage.py for local use (also when DATABASE_URL is set but empty);
# postgres://... in production.
DATABASES = {
    "default": env.db_url_config(
        env.str("DATABASE_URL", default="") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
    ),
}
# Keep connections between requests, checking each one before reuse.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Requests served at once (runserver's threads) each write the shared cache: a
    # transaction takes SQLite's write lock as it begins, so that writers wait their turn
    # rather than fail, and readers go on beside the writer (WAL), as Django's docs advise.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    # Tests use a file beside it too, locked as this one is (SQLite's in-memory test
    # database would lock whole tables, as no site's database does).
    DATABASES["default"]["TEST"] = {"NAME": f"{DATABASES['default']['NAME']}.test"}

# One cache that every process sees, wherever the site runs: what one request, app server,
# `manage.py` command or shell changes (pages, figures, limits, an import's upload) is what
# every other sees next. Redis when REDIS_URL is set (the faster, bench/RESULTS.md); otherwise a
# table in the site's own database, made by migration cicopa 0001. A Redis that fails (down,
# or full without eviction) is passed over: pages are rendered.
REDIS_URL = env.str("REDIS_URL", default="")
REDIS_CACHE = {"BACKEND": "django_redis.cache.RedisCache", "OPTIONS": {"IGNORE_EXCEPTIONS": True}}
CACHE_TABLE = "cicopa_cache"
DATABASE_CACHE = {
    "BACKEND": "cicopa.cache.SharedDatabaseCache",  # Django's, with an atomic incr
    "LOCATION": CACHE_TABLE,
    # Pages at 10,000 members are many; expired ones are culled a third at a time.
    "OPTIONS": {"MAX_ENTRIES": 100_000, "CULL_FREQUENCY": 3},
}
CACHES = {"default": {**REDIS_CACHE, "LOCATION": REDIS_URL} if REDIS_URL else DATABASE_CACHE}
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
# Visitors' pages kept in that cache until content changes (cicopa/pagecache.py); off only to
# measure rendering (the figures pages share stay kept). How long any cache in front (nginx,
# a CDN, browsers) may keep a page: an edit reaches every visitor within this many seconds.
PAGE_CACHE = env.bool("DJANGO_PAGE_CACHE", default=True)
PAGE_MAX_AGE = env.int("DJANGO_PAGE_MAX_AGE", default=60)
# Sessions live in the database, read through the cache: never on an app server's disk.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Staff sign in with a password and a second factor (cicopa/secondfactor.py); only local
# development may do without (DJANGO_TWO_FACTOR_REQUIRED=false).
TWO_FACTOR_REQUIRED = env.bool("DJANGO_TWO_FACTOR_REQUIRED", default=True)
LOGIN_URL = "two_factor:login"
TWO_FACTOR_PATCH_ADMIN = False  # the admin site says itself when to ask (secondfactor.py)
LOGIN_REDIRECT_URL = "admin:index"
# How long the link that lets a staff account enrol its first second factor works
# (cicopa.enrolment).
TWO_FACTOR_ENROLMENT_HOURS = env.int("DJANGO_TWO_FACTOR_ENROLMENT_HOURS", default=48)
OTP_TOTP_ISSUER = "CICOPA"
TWO_FACTOR_WEBAUTHN_RP_NAME = "CICOPA"

# The proxies in front (deploy/nginx.conf, a load balancer): addresses or networks whose
# X-Forwarded-For is believed. Every limit reads the client's address by one rule,
# cicopa.clients.client_address; with none listed it is the address that connected.
TRUSTED_PROXIES = env.list("DJANGO_TRUSTED_PROXIES", default=[])

# django-axes: failed logins lock out a username from one address (AXES_FAILURE_LIMIT), and an
# address from every username (ADDRESS_FAILURE_LIMIT); cicopa.lockout says why both.
AXES_FAILURE_LIMIT = 5
ADDRESS_FAILURE_LIMIT = 20
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("DJANGO_LOGIN_COOLOFF_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_HANDLER = "cicopa.lockout.LockoutHandler"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "cicopa.clients.client_address"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# CICOPA's three working languages. English stays at the unprefixed addresses; French and
# Spanish live under /fr/ and /es/. Each name is written in its own language, for the switcher.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("fr", "Français"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["cicopa.formats"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Uploaded logos go to S3-compatible object storage when a bucket is named.
AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    AWS_S3_ENDPOINT_URL = env.str("AWS_S3_ENDPOINT_URL", default=None)
    AWS_S3_REGION_NAME = env.str("AWS_S3_REGION_NAME", default=None)
    AWS_QUERYSTRING_AUTH = False
    AWS_DEFAULT_ACL = None
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=BASE_DIR / "staticfiles")
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "media")

# Content-Security-Policy: nothing inline runs, nothing loads from elsewhere but images
# that news items link to.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "https:", "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True

# Mail: who hears of errors, and how mail leaves ("smtp+tls://user:password@host:587").
ADMINS = getaddresses(env.list("DJANGO_ADMINS", default=[]))
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DJANGO_DEFAULT_FROM_EMAIL", default="webmaster@localhost")
SERVER_EMAIL = env.str("DJANGO_SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)
# The read-only API (cicopa/api.py): anyone may read it from any origin, within a rate per
# client address.
API_RATE = env.str("DJANGO_API_RATE", default="120/m")
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_ALLOW_HEADERS = ("accept", "accept-language", "if-none-match", "if-modified-since")
CORS_EXPOSE_HEADERS = ("ETag", "Last-Modified", "Retry-After")

# The secretariat's public address, shown in the footer and where visitors are told to
# write; none when empty (no address is made up).
CONTACT_EMAIL = env.str("DJANGO_CONTACT_EMAIL", default="")
# An import's file waits for its confirmation in the shared cache, so that any app server
# can confirm it (members/resources.py).
IMPORT_EXPORT_TMP_STORAGE_CLASS = "import_export.tmp_storages.CacheStorage"
IMPORT_EXPORT_SKIP_ADMIN_LOG = False
# Importing needs the permission to add organisations, exporting the one to view them.
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "add"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"

# The site's address in mails, which are written away from any request (the digests):
# "https://www.cicopa.coop". Production's default is https:// and the first allowed host.
SITE_URL = env.str("DJANGO_SITE_URL", default="")

# Work done away from the request (news/tasks.py): by default at once, in the process that
# asks; production queues it in the database for `manage.py db_worker`.
TASKS = {
    "default": {
        "BACKEND": env.str(
            "DJANGO_TASKS_BACKEND", default="django_tasks.backends.immediate.ImmediateBackend"
        )
    }
}

# How many days the site keeps each kind of personal data (#31): `manage.py
# purge_personal_data`, run daily, deletes what has lapsed (pages/retention.py); the privacy
# notice states these periods; docs/deployment.md lists each processing. Sessions end with their
# cookie (SESSION_COOKIE_AGE).
RETENTION_DAYS = {
    # A request to subscribe never confirmed: its confirmation link lives as long.
    "unconfirmed_subscriptions": env.int("DJANGO_KEEP_UNCONFIRMED_DAYS", default=7),
    # An unsubscribed address, kept only to show when it was unsubscribed.
    "unsubscribed_addresses": env.int("DJANGO_KEEP_UNSUBSCRIBED_DAYS", default=30),
    # A visitor's suggested correction, once accepted or rejected.
    "decided_corrections": env.int("DJANGO_KEEP_CORRECTIONS_DAYS", default=180),
    # Sign-ins, failed sign-ins and lockouts (django-axes).
    "sign_in_records": env.int("DJANGO_KEEP_SIGN_INS_DAYS", default=90),
    # Work the task queue has finished (its arguments may hold an address).
    "finished_tasks": env.int("DJANGO_KEEP_FINISHED_TASKS_DAYS", default=14),
}

# Where visitors' suggested corrections are announced; ADMINS when empty.
SECRETARIAT_EMAIL = env.str("DJANGO_SECRETARIAT_EMAIL", default="")

# One line per error on standard output (the root logger). Django's own default logging
# already mails errors to ADMINS when set; gunicorn writes one line per request.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "line": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "line",
        },
    },
    "root": {"handlers": ["stdout"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
    },
}
