"""Content in CICOPA's three languages: one column per language on the row (no join, no extra
query), English required, French and Spanish optional. django-translated-fields shows the
English where the visitor's language has no text; these say when it did, so that pages can
mark it (`lang="en"`, "in English")."""

import unicodedata

from django.conf import settings
from django.utils.translation import get_language
from translated_fields import to_attribute
from translated_fields.utils import TranslatedFieldWithFallback

__all__ = ["TranslatedFieldWithFallback", "collation_key", "falls_back", "shown_in"]


def shown_in(obj, name):
    """The language `obj.<name>` is shown in: the visitor's, or English where it has no text
    in theirs."""
    language = get_language() or settings.LANGUAGE_CODE
    if getattr(obj, to_attribute(name, language)):
        return language
    return settings.LANGUAGE_CODE


def falls_back(obj, names):
    """Whether any of `names` (comma-separated) shows English text for want of the visitor's
    language."""
    language = get_language() or settings.LANGUAGE_CODE
    return any(
        getattr(obj, to_attribute(name, settings.LANGUAGE_CODE)) and shown_in(obj, name) != language
        for name in names.split(",")
    )


def collation_key(text):
    """Sort names as a reader of French or Spanish expects, accents aside: "Égypte" between
    "Équateur"'s neighbours, not after "Zimbabwe" as code points would have it."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()


def fieldsets_by_language(fields, *, slug=False):
    """One group of fields a language: English, required, open; the translations folded until
    wanted. A translation left empty shows the English on the public pages."""
    return [
        (
            name,
            {
                "fields": [to_attribute(field, code) for field in fields]
                + (["slug"] if slug and code == settings.LANGUAGE_CODE else []),
                "classes": [] if code == settings.LANGUAGE_CODE else ["collapse"],
            },
        )
        for code, name in settings.LANGUAGES
    ]
