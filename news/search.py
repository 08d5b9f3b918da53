"""Searching the news, the events, the publications (with their files' text) and the member
organisations together, in the visitor's language.

On PostgreSQL: full-text search with the language's own stemming, accents aside (the
`cicopa_en`, `cicopa_fr`, `cicopa_es` configurations: the language's, with unaccent first;
migration news 0009), websearch_to_tsquery's syntax ("a phrase", `or`, `-word`), ranked, with
a GIN index per language on exactly the expressions below. Elsewhere (SQLite, for local
work): every word must appear, none of the -words, ranked by where they appear; the same
interface. Either way a snippet shows the words found, marked with <mark>."""

import re
from dataclasses import dataclass

from django.conf import settings
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
)
from django.db import connection
from django.db.models import F, Q, TextField, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from members.models import Organisation
from publications.models import Publication

from .models import Event, NewsItem

CONFIGS = {code: f"cicopa_{code}" for code, _ in settings.LANGUAGES}
RESULTS = 20  # of each kind, at most
# What PostgreSQL's headline puts around a word found; escaped text cannot contain them.
START, STOP = "\x02", "\x03"


@dataclass
class Result:
    kind: str  # "news", "event", "publication" or "organisation"
    obj: object
    rank: float
    title: str  # safe HTML, the words found marked
    snippet: str  # safe HTML


def localised(field, language):
    """The text shown in `language`: its own, else the English (as the pages show it)."""
    if language == settings.LANGUAGE_CODE:
        return F(f"{field}_{language}")
    text = TextField()
    return Coalesce(
        NullIf(F(f"{field}_{language}"), Value(""), output_field=text),
        F(f"{field}_en"),
        output_field=text,
    )


def news_vector(language):
    config = CONFIGS[language]
    return (
        SearchVector(localised("title", language), config=config, weight="A")
        + SearchVector(localised("summary", language), config=config, weight="B")
        + SearchVector(localised("body", language), config=config, weight="C")
    )


def event_vector(language):
    # Indexed by news 0015, as the news' and the members' by news 0009.
    config = CONFIGS[language]
    return (
        SearchVector(localised("title", language), config=config, weight="A")
        + SearchVector(localised("summary", language), "city", config=config, weight="B")
        + SearchVector(localised("body", language), config=config, weight="C")
    )


def publication_vector(language):
    # Indexed by news 0016. Its files' text, in whichever languages it has, weighs least.
    config = CONFIGS[language]
    return (
        SearchVector(localised("title", language), config=config, weight="A")
        + SearchVector(localised("summary", language), "authors", config=config, weight="B")
        + SearchVector("text", config=config, weight="C")
    )


def organisation_vector(language):
    config = CONFIGS[language]
    return SearchVector("name", "acronym", config=config, weight="A") + SearchVector(
        localised("description", language), config=config, weight="B"
    )


def marked(text):
    """PostgreSQL's headline, escaped, its markers made <mark>."""
    return mark_safe(escape(text).replace(START, "<mark>").replace(STOP, "</mark>"))  # noqa: S308


def search(text, language=None):
    language = language or get_language() or settings.LANGUAGE_CODE
    if connection.vendor == "postgresql":
        results = full_text(text, language)
    else:
        results = by_words(text, language)
    return sorted(results, key=lambda result: -result.rank)


def full_text(text, language):
    config = CONFIGS[language]
    query = SearchQuery(text, config=config, search_type="websearch")

    def headline(expression, whole=False):
        options = {"highlight_all": True} if whole else {"max_words": 35, "min_words": 12}
        return SearchHeadline(
            expression, query, config=config, start_sel=START, stop_sel=STOP, **options
        )

    news = (
        NewsItem.objects.published()
        .alias(document=news_vector(language))
        .filter(document=query)
        .annotate(
            rank=SearchRank(news_vector(language), query),
            title_marked=headline(localised("title", language), whole=True),
            snippet=headline(localised("summary", language)),
        )
        .summaries()
        .order_by("-rank", "-published_at")[:RESULTS]
    )
    events = (
        Event.objects.published()
        .alias(document=event_vector(language))
        .filter(document=query)
        .annotate(
            rank=SearchRank(event_vector(language), query),
            title_marked=headline(localised("title", language), whole=True),
            snippet=headline(localised("summary", language)),
        )
        .defer(*Event.body.fields)
        .select_related("country")
        .order_by("-rank", "-start_date")[:RESULTS]
    )
    publications = (
        Publication.objects.published()
        .alias(document=publication_vector(language))
        .filter(document=query)
        .annotate(
            rank=SearchRank(publication_vector(language), query),
            title_marked=headline(localised("title", language), whole=True),
            snippet=headline(localised("summary", language)),
        )
        .defer("text")
        .order_by("-rank", "-year")[:RESULTS]
    )
    organisations = (
        Organisation.objects.current()
        .alias(document=organisation_vector(language))
        .filter(document=query)
        .annotate(
            rank=SearchRank(organisation_vector(language), query),
            title_marked=headline(F("name"), whole=True),
            snippet=headline(localised("description", language)),
        )
        .listed()
        .order_by("-rank", "name")[:RESULTS]
    )
    return (
        [
            Result("news", item, item.rank, marked(item.title_marked), marked(item.snippet))
            for item in news
        ]
        + [
            Result("event", event, event.rank, marked(event.title_marked), marked(event.snippet))
            for event in events
        ]
        + [
            Result("publication", p, p.rank, marked(p.title_marked), marked(p.snippet))
            for p in publications
        ]
        + [
            Result("organisation", o, o.rank, marked(o.title_marked), marked(o.snippet))
            for o in organisations
        ]
    )


# websearch_to_tsquery's syntax, read the same way: "a phrase", `or`, -word.
TERMS = re.compile(r'(-?)"([^"]*)"|(-?)(\S+)')


def terms(text):
    wanted, unwanted = [], []
    for minus_phrase, phrase, minus_word, word in TERMS.findall(text):
        term = (phrase or word).strip()
        if not term or term.lower() == "or":
            continue
        (unwanted if (minus_phrase or minus_word) else wanted).append(term)
    return wanted, unwanted


def highlighted(text, words, limit=None):
    text = text or ""
    if limit and len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0] + " …"
    if not words:
        return escape(text)
    pattern = re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE)
    pieces, last = [], 0
    for found in pattern.finditer(text):
        pieces += [escape(text[last : found.start()]), f"<mark>{escape(found.group())}</mark>"]
        last = found.end()
    return mark_safe("".join([*pieces, escape(text[last:])]))  # noqa: S308


def by_words(text, language):
    """Without PostgreSQL: each wanted term somewhere in the text, no unwanted one; a term in
    the title counts more."""
    wanted, unwanted = terms(text)
    if not wanted:
        return []
    kinds = [
        ("news", NewsItem.objects.published().summaries(), ("title", "summary", "body")),
        (
            "event",
            Event.objects.published().select_related("country"),
            ("title", "summary", "body", "city"),
        ),
        (
            "publication",
            Publication.objects.published().defer("text"),
            ("title", "summary", "authors", "text"),
        ),
        (
            "organisation",
            Organisation.objects.current().with_place(),
            ("name", "acronym", "description"),
        ),
    ]
    results = []
    for kind, queryset, fields in kinds:
        columns = [
            column
            for field in fields
            for column in (
                [field]
                if field in ("name", "acronym", "city", "authors", "text")
                else [f"{field}_{language}", f"{field}_en"]
            )
        ]

        def anywhere(term, columns=columns):
            condition = Q()
            for column in columns:
                condition |= Q(**{f"{column}__icontains": term})
            return condition

        for term in wanted:
            queryset = queryset.filter(anywhere(term))
        for term in unwanted:
            queryset = queryset.exclude(anywhere(term))
        for obj in queryset[: RESULTS * 5]:
            title = obj.name if kind == "organisation" else obj.title
            body = obj.description if kind == "organisation" else obj.summary
            rank = sum(2 if term.lower() in title.lower() else 1 for term in wanted)
            results.append(
                Result(kind, obj, rank, highlighted(title, wanted), highlighted(body, wanted, 240))
            )
    return sorted(results, key=lambda result: -result.rank)[: RESULTS * 2]
