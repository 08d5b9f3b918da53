from django.conf import settings
from django.urls import translate_url
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language


def languages(request):
    """`languages`: this page in each of the site's languages, for the switcher and the
    hreflang alternates. [{code, name, url (absolute), current}], worked out only if used."""

    def compute():
        path = request.get_full_path()
        current = get_language()
        return [
            {
                "code": code,
                "name": name,
                "url": request.build_absolute_uri(translate_url(path, code)),
                "current": code == current,
            }
            for code, name in settings.LANGUAGES
        ]

    return {"languages": SimpleLazyObject(compute)}
