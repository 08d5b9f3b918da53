"""Content in CICOPA's three languages: one column per language on the row (no join, no extra
query), English required, French and Spanish optional and falling back to English, and a way
for pages to say when they do."""

import unicodedata

from django.conf import settings
from django.utils.translation import get_language
from translated_fields import to_attribute
from translated_fields.utils import TranslatedFieldWithFallback

from cicopa.memo import remembered

__all__ = [
    "TranslatedFieldWithFallback",
    "collation_key",
    "falls_back",
    "fell_back",
    "in_visitors_language",
    "shown",
    "shown_in",
    "to_attribute",
]


def shown(obj, name, language):
    """(language, text): what `obj.<name>` shows a visitor reading `language`, their
    language's text, or the site's first language's (English) where it has none."""
    text = getattr(obj, to_attribute(name, language), None)
    if text or language == settings.LANGUAGE_CODE:
        return language, text
    return settings.LANGUAGE_CODE, getattr(obj, to_attribute(name, settings.LANGUAGE_CODE))


def shown_in(obj, name):
    """The language `obj.<name>` is shown in: the visitor's, or the site's first (English)
    where it has no text in the visitor's."""
    return shown(obj, name, get_language() or settings.LANGUAGE_CODE)[0]


def falls_back(obj, names):
    """Whether any of `names` (comma-separated), written in English, lacks the visitor's
    language: the page then says that it shows the English text."""
    language = get_language() or settings.LANGUAGE_CODE
    return fell_back(language, *(shown(obj, name, language) for name in names.split(",")))


def fell_back(language, *texts):
    """Whether any of these (language, text) pairs from shown() is English text standing in
    for a visitor's `language`."""
    return any(text and language_shown != language for language_shown, text in texts)


def in_visitors_language(name):
    """For values_list(): the columns of `name` in the visitor's language and in English; show
    the first unless it is empty."""
    return to_attribute(name), to_attribute(name, settings.LANGUAGE_CODE)


# Remembered: the same few hundred country names are sorted for every uncached list of them.
@remembered(maxsize=2048)
def collation_key(text):
    """Sort names as a reader of French or Spanish expects, accents aside: "Égypte" between
    "Équateur"'s neighbours, not after "Zimbabwe" as code points would have it."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()
