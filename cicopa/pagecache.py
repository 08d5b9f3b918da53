"""Whole-page caching for visitors, shared by every app server through the cache.

Every cached page's key holds the site's current *generation*; any save or delete of public
content moves the generation on, so the next request on every machine renders afresh. Staff
(logged in) always get a fresh page, since they may preview drafts."""

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.utils.cache import patch_vary_headers

GENERATION_KEY = "pages:generation"
TIMEOUT = 60 * 60


def generation():
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        value = cache.get(GENERATION_KEY, 1)
    return value


def invalidate(**kwargs):
    """Signal receiver: public content changed."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not set yet (or evicted): any new value orphans the old pages
        cache.set(GENERATION_KEY, 2, timeout=None)


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
                    seconds = min(timeout, until()) if until else timeout
                    if seconds > 0:
                        cache.set(key, response, seconds)
            patch_vary_headers(response, ["Cookie"])
            return response

        return wrapped

    return decorator


def news_page(view):
    """Cache a page that shows news until the next scheduled item is due."""
    from news.models import NewsItem

    return cache_for_visitors(
        until=lambda: NewsItem.objects.seconds_until_next_publication(default=TIMEOUT)
    )(view)
