"""The read-only JSON API under /api/: organisations (with the directory's filters), countries,
regions and published news. django-ninja derives the OpenAPI 3 document (/api/openapi.json)
and the browsable docs (/api/docs, Swagger UI from the site's own static files) from the code
below. Anonymous, rate-limited per client (429 with Retry-After); CORS open for GET
(django-cors-headers); ETag and 304 from Django's ConditionalGetMiddleware. The same public
rules as the pages: published news only, no staff-only field, nothing visitors sent."""

import threading
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.validators import slug_re
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import translation
from ninja import Field, NinjaAPI, Query, Schema
from ninja.pagination import PageNumberPagination, paginate
from ninja.throttling import BaseThrottle

from cicopa.clients import over_the_limit
from members.filters import OrganisationFilter
from members.models import Country, Organisation, Region
from news.models import NewsItem

LANGUAGES = [code for code, _name in settings.LANGUAGES]


class PerClientRate(BaseThrottle):
    """`rate` ("120/m") requests per client (cicopa.clients.over_the_limit)."""

    SECONDS = {"s": 1, "m": 60, "h": 60 * 60, "d": 24 * 60 * 60}

    def __init__(self, rate):
        number, period = rate.split("/")
        self.num_requests = int(number)
        self.duration = self.SECONDS[period[0]]
        self.refused = threading.local()  # the Retry-After of this thread's request

    def allow_request(self, request):
        self.refused.wait = over_the_limit("api", request, self.num_requests, self.duration)
        return self.refused.wait is None

    def wait(self):
        return getattr(self.refused, "wait", None)


api = NinjaAPI(
    title="CICOPA network API",
    version="1",
    description=(
        "Read-only open data from the CICOPA network site: member organisations (current and "
        "former), countries, regions and published news. No key needed; each client may make "
        f"{settings.API_RATE} requests (429 with Retry-After beyond). Texts are given in each "
        "of the site's languages (en, fr, es); an empty translation means none was written."
    ),
    urls_namespace="api",
    throttle=[PerClientRate(settings.API_RATE)],
)


def by_slug(queryset, slug):
    """The object with this slug, or a 404: also for what no slug can be, which a database may
    refuse outright (PostgreSQL, a NUL byte)."""
    if not slug_re.fullmatch(slug):
        raise Http404
    return get_object_or_404(queryset, slug=slug)


class Translations(Schema):
    en: str
    fr: str
    es: str


def translations(obj, name):
    return {code: getattr(obj, f"{name}_{code}") or "" for code in LANGUAGES}


def english_url(request, obj):
    """The object's page, absolute, at its English address: the same whatever the client."""
    with translation.override(settings.LANGUAGE_CODE):
        return request.build_absolute_uri(obj.get_absolute_url())


class Message(Schema):
    detail: str


class Invalid(Schema):
    detail: list[dict[str, Any]] = Field(description="What in the request could not be read")


# Every operation may answer 429 (too many requests: see Retry-After); those that read query
# parameters may answer 422 when one has the wrong type or range.
LIMITED = {429: Message}


class RegionOut(Schema):
    slug: str
    name: Translations
    position: int

    @staticmethod
    def resolve_name(region):
        return translations(region, "name")


class CountryOut(Schema):
    code: str = Field(description="ISO 3166-1 alpha-2")
    name: Translations
    region: str = Field(description="The region's slug")

    @staticmethod
    def resolve_name(country):
        return translations(country, "name")

    @staticmethod
    def resolve_region(country):
        return country.region.slug


class OrganisationOut(Schema):
    slug: str
    name: str
    acronym: str
    country: str = Field(description="ISO 3166-1 alpha-2 code of its country")
    region: str = Field(description="The region's slug")
    category: str = Field(description='"full", "associate", or "" when not on record')
    status: str = Field(description='"current" or "former"')
    member_since: int | None = Field(description="Year it joined CICOPA")
    ica_member_since: int | None = Field(description="Year it joined the ICA")
    left_in: int | None = Field(description="Year it left CICOPA (former members)")
    cooperatives: int | None = Field(description="Number of cooperatives it declared")
    individual_members: int | None = Field(description="Individual members it declared")
    figures_year: int | None = Field(description="The year the declared figures are for")
    website: str
    description: Translations
    url: str = Field(description="Its page on the site")

    @staticmethod
    def resolve_country(organisation):
        return organisation.country.code

    @staticmethod
    def resolve_region(organisation):
        return organisation.country.region.slug

    @staticmethod
    def resolve_description(organisation):
        return translations(organisation, "description")

    @staticmethod
    def resolve_url(organisation, context):
        return english_url(context["request"], organisation)


class NewsOut(Schema):
    slug: str
    title: Translations
    summary: Translations
    body: Translations = Field(description="HTML, cleaned to the site's allow-list")
    published_at: datetime
    updated_at: datetime
    organisations: list[str] = Field(description="Slugs of the organisations it is about")
    url: str

    @staticmethod
    def resolve_title(item):
        return translations(item, "title")

    @staticmethod
    def resolve_summary(item):
        return translations(item, "summary")

    @staticmethod
    def resolve_body(item):
        return {code: item.body_html_in(code) for code in LANGUAGES}

    @staticmethod
    def resolve_organisations(item):
        return [organisation.slug for organisation in item.organisations.all()]

    @staticmethod
    def resolve_url(item, context):
        return english_url(context["request"], item)


class Pages(PageNumberPagination):
    """Numbered pages, the number bounded: schemathesis found that a page number of 26 digits
    overflowed the database's OFFSET."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=1_000_000)
        page_size: int | None = Field(None, ge=1, le=100)


class DirectoryFilters(Schema):
    region: str | None = Field(None, description="A region's slug")
    country: str | None = Field(None, description="ISO 3166-1 alpha-2 code")
    category: str | None = Field(None, description='"full" or "associate"')
    q: str | None = Field(None, description="Text in the name or acronym", max_length=100)


class BadFilters(Exception):
    def __init__(self, errors):
        self.errors = errors


@api.exception_handler(BadFilters)
def bad_filters(request, error):
    return api.create_response(request, {"detail": error.errors}, status=400)


@api.get(
    "/organisations",
    response={200: list[OrganisationOut], 400: Message, 422: Invalid, **LIMITED},
    summary="Current members, filtered as the directory is",
    tags=["organisations"],
)
@paginate(Pages, page_size=50)
def organisations(request: HttpRequest, filters: Query[DirectoryFilters]):
    data = {key: value for key, value in filters.dict().items() if value is not None}
    filterset = OrganisationFilter(data, request=request)
    if not filterset.is_valid():
        raise BadFilters(filterset.errors_text())
    return filterset.qs.with_place().order_by("name", "pk")


@api.get(
    "/organisations/{slug}",
    response={200: OrganisationOut, 404: Message, **LIMITED},
    summary="One organisation, current or former",
    tags=["organisations"],
)
def organisation(request: HttpRequest, slug: str):
    return by_slug(Organisation.objects.with_place(), slug)


@api.get(
    "/countries",
    response={200: list[CountryOut], **LIMITED},
    summary="Every country",
    tags=["places"],
)
def countries(request: HttpRequest):
    return Country.objects.select_related("region").order_by("code")


@api.get(
    "/regions",
    response={200: list[RegionOut], **LIMITED},
    summary="CICOPA's regions",
    tags=["places"],
)
def regions(request: HttpRequest):
    return Region.objects.all()


@api.get(
    "/news",
    response={200: list[NewsOut], 422: Invalid, **LIMITED},
    summary="Published news, newest first",
    tags=["news"],
)
@paginate(Pages, page_size=20)
def news(request: HttpRequest):
    return NewsItem.objects.published().prefetch_related("organisations")


@api.get(
    "/news/{slug}",
    response={200: NewsOut, 404: Message, **LIMITED},
    summary="One published news item",
    tags=["news"],
)
def news_item(request: HttpRequest, slug: str):
    return by_slug(NewsItem.objects.published().prefetch_related("organisations"), slug)
