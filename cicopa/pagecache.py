"""Visitors' pages, cached: HTTP headers that any cache in front can use (the nginx of
deploy/nginx.conf, a CDN, the browser), a 304 without rendering, and the rendered page kept in
Django's cache until public content changes.

A view takes part by naming the query parameters it reads, `query_parameters` (and
`search_parameters`, free text, whose pages are answered but not kept). Any other parameter is
redirected away, so the pages kept are bounded by the data, never by what visitors type.

Everything is kept under the site's *generation*: a random token that any change to public
content throws away (`invalidate`, connected by each app to its models' signals), and that
lapses by itself when public content is due to change on its own (the `content_lifetime`
signal: a news item scheduled for later). A new token never equals an old one, so losing it
(evicted, flushed) can only ever make pages render afresh."""

import hashlib
import secrets

from django.conf import settings
from django.core.cache import cache
from django.db import models, transaction
from django.dispatch import Signal
from django.http import HttpResponseNotModified, HttpResponsePermanentRedirect
from django.utils.cache import patch_cache_control
from django.utils.http import quote_etag, urlencode
from django.utils.translation import get_language

GENERATION_KEY = "pagecache:generation"
TIMEOUT = 60 * 60  # an hour, at most, for a page or a value in Django's cache

# Sent when a generation starts. Receivers return the seconds until public content changes
# by itself, or None; the generation lapses then.
content_lifetime = Signal()

# Page numbers are keyed by their value: "?page=01" is "?page=1".
PAGE_NUMBERS = {"page", "p"}


def generation():
    """The current generation's token, started if there is none."""
    token = cache.get(GENERATION_KEY)
    if token is None:
        cache.add(GENERATION_KEY, secrets.token_hex(8), timeout=lifetime())
        # None if the cache is down or full: a token of this request's own matches nothing.
        token = cache.get(GENERATION_KEY) or secrets.token_hex(8)
    return token


def lifetime():
    """Seconds until public content changes by itself (TIMEOUT at most)."""
    answers = [seconds for _, seconds in content_lifetime.send(sender=None) if seconds is not None]
    return max(1, min([TIMEOUT, *answers]))


def invalidate(**kwargs):
    """Public content changed (a signal receiver; call it after writing around the ORM's
    signals, e.g. with raw SQL). The generation ends now, and again once the change is
    committed: a page rendered in between, from the data as it was, must not outlive it."""
    cache.delete(GENERATION_KEY)
    transaction.on_commit(lambda: cache.delete(GENERATION_KEY))


class PublicQuerySet(models.QuerySet):
    """For public models: the writes that send no signals end the generation too. A model
    with drafts defines published(); visible_to(request) is then what a request may see."""

    def visible_to(self, request):
        """Who may preview (cicopa.secondfactor.may_preview) sees drafts and scheduled items;
        everyone else what is published."""
        from cicopa.secondfactor import may_preview  # the admin's rule, loaded with the admin

        return self.all() if may_preview(request, self.model) else self.published()

    def update(self, **kwargs):
        rows = super().update(**kwargs)
        invalidate()
        return rows

    def bulk_create(self, *args, **kwargs):
        created = super().bulk_create(*args, **kwargs)
        invalidate()
        return created

    def bulk_update(self, *args, **kwargs):
        rows = super().bulk_update(*args, **kwargs)
        invalidate()
        return rows


def cached(name, compute):
    """A value worked out from public content, kept in the visitor's language until that
    content changes. `name` says whose it is: "members:regions"."""
    return cache.get_or_set(f"{name}:{get_language()}", compute, TIMEOUT, version=generation())


def cache_control():
    """The Cache-Control of a visitor's page: any cache may keep it PAGE_MAX_AGE seconds, and
    serve it stale while it fetches it again."""
    max_age = settings.PAGE_MAX_AGE
    return (
        f"public, max-age={max_age}, s-maxage={max_age}, "
        f"stale-while-revalidate={max_age}, stale-if-error={TIMEOUT}"
    )


def parameters_of(view):
    """The view's (query_parameters, search_parameters), or None if it is not a page."""
    view = getattr(view, "view_class", view)
    kept = getattr(view, "query_parameters", None)
    if kept is None:
        return None
    return tuple(kept), tuple(getattr(view, "search_parameters", ()))


def normalised(name, value):
    if name in PAGE_NUMBERS:
        try:
            return str(int(value))
        except ValueError:
            return value
    return value


class PageCacheMiddleware:
    """Place it near the top of MIDDLEWARE: it answers from the cache after the URL is
    resolved (process_view) and sets the final headers on the way out."""

    def __init__(self, get_response):
        self.get_response = get_response

    def process_view(self, request, view, args, kwargs):
        parameters = parameters_of(view)
        if (
            parameters is None
            or request.method not in ("GET", "HEAD")
            or request.user.is_authenticated
        ):
            return None
        kept, searched = parameters
        known = (*kept, *searched)
        if set(request.GET) - set(known):
            clean = {name: request.GET[name] for name in known if request.GET.get(name)}
            query = f"?{urlencode(clean)}" if clean else ""
            return HttpResponsePermanentRedirect(f"{request.path}{query}")
        values = [(name, normalised(name, request.GET.get(name, ""))) for name in known]
        address = f"{request.scheme}://{request.get_host()}{request.path}?{urlencode(values)}"
        key = "page:" + hashlib.sha256(address.encode()).hexdigest()
        token = generation()
        etag = quote_etag(hashlib.sha256(f"{token}:{key}".encode()).hexdigest()[:32])
        request.page_cache = {
            "key": key,
            "version": token,
            "etag": etag,
            "keep": settings.PAGE_CACHE and not any(request.GET.get(name) for name in searched),
            "hit": False,
        }
        if etag in request.headers.get("If-None-Match", ""):
            return HttpResponseNotModified()
        # The ETag is a page's only validator: a date the view gives (a feed's newest item)
        # can go back when that item is unpublished, and a page kept by it would go stale.
        request.META.pop("HTTP_IF_MODIFIED_SINCE", None)
        if request.page_cache["keep"]:
            response = cache.get(key, version=token)
            if response is not None:
                request.page_cache["hit"] = True
                return response
        return None

    def __call__(self, request):
        response = self.get_response(request)
        page = getattr(request, "page_cache", None)
        user = getattr(request, "user", None)
        if response.cookies or (user is not None and user.is_authenticated):
            # For this visitor alone (a session, a CSRF token's cookie): no cache may keep it.
            patch_cache_control(response, private=True, no_store=True)
        elif page and page["hit"]:
            response["Vary"] = "Cookie"  # as kept: the middleware below may have added to it
        elif page and response.status_code in (200, 304) and "Cache-Control" not in response:
            # A view that set its own Cache-Control (never_cache) is left as it said.
            response["Cache-Control"] = cache_control()
            response["ETag"] = page["etag"]
            response.headers.pop("Last-Modified", None)
            response["Vary"] = "Cookie"  # staff, signed in, may see drafts
            if response.status_code == 200 and page["keep"] and not response.streaming:
                if hasattr(response, "render"):
                    response.render()
                cache.set(page["key"], response, TIMEOUT, version=page["version"])
        return response
