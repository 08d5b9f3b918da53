"""Conditional GET for pages whose freshness one cheap query can tell (the feeds)."""

import hashlib

from django.views.decorators.http import condition


def conditional_on(state):
    """Answer If-None-Match / If-Modified-Since with 304 from `state()`, which returns
    (a fingerprint of what the page shows, the time it last changed), without rendering."""

    def cached_state(request, *args, **kwargs):
        if not hasattr(request, "_conditional_state"):
            request._conditional_state = state(*args, **kwargs)
        return request._conditional_state

    def etag(request, *args, **kwargs):
        fingerprint, _ = cached_state(request, *args, **kwargs)
        return hashlib.sha256(repr(fingerprint).encode()).hexdigest()[:32]

    def last_modified(request, *args, **kwargs):
        return cached_state(request, *args, **kwargs)[1]

    return condition(etag_func=etag, last_modified_func=last_modified)
