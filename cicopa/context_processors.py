from django.conf import settings
from django.urls import get_script_prefix
from django.utils.encoding import escape_uri_path
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language


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
