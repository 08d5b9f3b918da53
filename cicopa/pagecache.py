"""Whole-page caching for visitors, shared by every app server through the cache.

Every cached page's key holds the site's current *generation*; any save or delete of public
content moves the generation on, so the next request on every machine renders afresh. Staff
(logged in) always get a fresh page, since they may preview drafts."""

import hashlib
import math
import threading
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.core.signals import request_started
from django.db import transaction
from django.utils.cache import patch_vary_headers, set_response_etag
from django.utils.translation import get_language

GENERATION_KEY = "pages:generation"
TIMEOUT = 60 * 60


# The generation is read once a request (several fragments and the page itself need it).
_request = threading.local()


def generation():
    value = getattr(_request, "generation", None)
    if value is None:
        value = cache.get(GENERATION_KEY)
        if value is None:
            cache.add(GENERATION_KEY, 1, timeout=None)
            value = cache.get(GENERATION_KEY, 1)
        _request.generation = value
    return value


def forget_generation(**kwargs):
    """Signal receiver: a new request reads the generation afresh."""
    _request.generation = None


request_started.connect(forget_generation, dispatch_uid="pagecache-forget-generation")


def _next_generation():
    forget_generation()
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not set yet (or evicted): any new value orphans the old pages
        cache.set(GENERATION_KEY, 2, timeout=None)


def invalidate(**kwargs):
    """Signal receiver: public content changed. Moves the generation on now, and again once
    the change is committed: a page rendered in between, from the data as it was before the
    commit, must not outlive it."""
    _next_generation()
    transaction.on_commit(_next_generation)


def fragment(name, compute, until=None):
    """A value computed from public content, kept until that content changes (or, if given,
    for the `until()` seconds it stays valid by itself). One a language: names differ."""
    if not settings.PAGE_CACHE:
        return compute()
    key = f"fragments:{generation()}:{get_language()}:{name}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, min(TIMEOUT, until()) if until else TIMEOUT)
    return value


def _key(request):
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"pages:{generation()}:{request.method}:{request.get_host()}:{path}"


def cache_for_visitors(timeout=TIMEOUT, until=None):
    """Cache a view's 200 responses for anonymous GET/HEAD requests. `until`, if given, returns
    the number of seconds before the page must change by itself (a scheduled news item)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if (
                not settings.PAGE_CACHE
                or request.method not in ("GET", "HEAD")
                or request.user.is_authenticated
            ):
                return view(request, *args, **kwargs)
            key = _key(request)
            response = cache.get(key)
            if response is None:
                response = view(request, *args, **kwargs)
                if response.status_code == 200 and not response.streaming:
                    if hasattr(response, "render"):
                        response.render()
                    # Every hit then carries its ETag without hashing the page again.
                    if not response.has_header("ETag"):
                        set_response_etag(response)
                    seconds = min(timeout, until()) if until else timeout
                    if seconds > 0:
                        cache.set(key, response, seconds)
            patch_vary_headers(response, ["Cookie"])
            return response

        return wrapped

    return decorator


def until_next_publication():
    """Seconds until the next scheduled news item goes public (TIMEOUT if none is due).
    Remembered until then, or until content changes, so pages ask the database once."""
    from news.models import NewsItem

    if not settings.PAGE_CACHE:
        return NewsItem.objects.seconds_until_next_publication(default=TIMEOUT)
    key = f"fragments:{generation()}:next-publication"
    due = cache.get(key)
    if due is None:
        seconds = NewsItem.objects.seconds_until_next_publication(default=TIMEOUT)
        due = time.time() + seconds
        cache.set(key, due, seconds)
    return max(1, math.ceil(due - time.time()))


def news_page(view):
    """Cache a page that shows news until the next scheduled item is due."""
    return cache_for_visitors(until=until_next_publication)(view)
