"""Conditional GET for the feeds, whose freshness one cheap query can tell."""

import hashlib

from django.views.decorators.http import condition


def conditional_feed(feed):
    """The feed's view, answering If-None-Match / If-Modified-Since with 304 from
    `feed.state()` (a fingerprint of what it shows, the time it last changed) without
    rendering it."""

    def cached_state(request, *args, **kwargs):
        if not hasattr(request, "_feed_state"):
            request._feed_state = feed.state(request, *args, **kwargs)
        return request._feed_state

    def etag(request, *args, **kwargs):
        fingerprint, _ = cached_state(request, *args, **kwargs)
        return hashlib.sha256(repr(fingerprint).encode()).hexdigest()[:32]

    def last_modified(request, *args, **kwargs):
        return cached_state(request, *args, **kwargs)[1]

    return condition(etag_func=etag, last_modified_func=last_modified)(feed)
