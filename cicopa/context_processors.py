from django.conf import settings
from django.urls import get_script_prefix
from django.utils.encoding import escape_uri_path
from django.utils.functional import SimpleLazyObject
from django.utils.http import urlencode
from django.utils.translation import get_language

from .pagecache import parameters_of


def languages(request):
    """`languages`: this page in each of the site's languages, for the switcher and the
    hreflang alternates. [{code, name, url (absolute), current}], worked out only if used.

    The visitors' paths are the same in every language but for the prefix (/fr/, /es/, none
    for English: cicopa/urls.py), so the prefix is swapped; translate_url() would resolve and
    reverse the page once a language (a tenth of a small page's time)."""

    def compute():
        current = get_language()
        path = escape_uri_path(request.path_info)
        if current != settings.LANGUAGE_CODE:
            path = "/" + path.removeprefix(f"/{current}/").lstrip("/")
        query = request.META.get("QUERY_STRING", "")
        query = f"?{query}" if query else ""
        # The site's own origin, then the path: never build_absolute_uri(path), which reads
        # a path such as //evil.example/x as another host.
        origin = f"{request.scheme}://{request.get_host()}{get_script_prefix().rstrip('/')}"
        return [
            {
                "code": code,
                "name": name,
                "url": f"{origin}{prefix(code)}{path}{query}",
                "current": code == current,
            }
            for code, name in settings.LANGUAGES
        ]

    return {"languages": SimpleLazyObject(compute)}


def prefix(code):
    return "" if code == settings.LANGUAGE_CODE else f"/{code}"


def contact(request):
    """`contact_email`: the secretariat's public address (DJANGO_CONTACT_EMAIL), or empty."""
    return {"contact_email": settings.CONTACT_EMAIL}


# Open Graph's locales for the site's languages.
LOCALES = {"en": "en_GB", "fr": "fr_FR", "es": "es_ES"}


def sharing(request):
    """`canonical_url`: this page's own address, with only the query parameters it reads (none
    for a page the page cache does not know, nor for a 404); `site_origin`; `og_locale` and
    `og_locale_alternates`, for the cards social networks show."""
    current = get_language()
    origin = f"{request.scheme}://{request.get_host()}"

    def canonical():
        match = request.resolver_match
        if match is None:
            return ""
        kept = (parameters_of(match.func) or ((), ()))[0]
        values = [(name, request.GET.get(name)) for name in kept]
        # The first page is the list's own address.
        query = urlencode([(k, v) for k, v in values if v and not (k == "page" and v == "1")])
        path = escape_uri_path(f"{get_script_prefix().rstrip('/')}{request.path_info}")
        return f"{origin}{path}{'?' + query if query else ''}"

    return {
        "canonical_url": SimpleLazyObject(canonical),
        "site_origin": origin,
        "og_locale": LOCALES.get(current, LOCALES["en"]),
        "og_locale_alternates": [
            LOCALES[code] for code, _ in settings.LANGUAGES if code != current
        ],
    }
