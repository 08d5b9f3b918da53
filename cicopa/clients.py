"""Who is asking: the one rule for a client's address, read by every limit (failed logins,
suggested corrections, the API's rate, the directory's downloads) so that all of them count
the same clients; and the one counter those limits but the logins' (django-axes) share.

Without proxies (TRUSTED_PROXIES empty) a client is the address that connected, REMOTE_ADDR,
and X-Forwarded-For counts for nothing. Behind proxies, a client is the nearest address in
X-Forwarded-For that is not one of them, read from the right: each proxy appends (or, as
deploy/nginx.conf does, sets) the address it was reached from, so only the entries that trusted
proxies wrote can be believed. A client that reaches the app servers directly is not a trusted
proxy, so its own X-Forwarded-For is never read and cannot change its address."""

import ipaddress
import math
import time

from django.conf import settings
from django.core.cache import cache


def client_address(request):
    """The client's address, as text ("192.0.2.7"), by the rule above."""
    address = request.META.get("REMOTE_ADDR", "")
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    while hops and is_trusted_proxy(address):
        hop = hops.pop()
        if parsed(hop) is None:
            break  # not an address: the proxy that wrote it is the last client we know
        address = hop
    return address


def is_trusted_proxy(address):
    ip = parsed(address)
    return ip is not None and any(ip in network for network in trusted_networks())


def trusted_networks():
    return [ipaddress.ip_network(entry, strict=False) for entry in settings.TRUSTED_PROXIES]


def parsed(address):
    try:
        return ipaddress.ip_address(address)
    except ValueError:
        return None


def over_the_limit(scope, request, number, seconds):
    """Count this request against its client's allowance of `number` requests in `seconds`
    for `scope` ("corrections"), in a window its first request opens. None while within it;
    beyond it, the seconds until the window closes (for Retry-After). Counted in the shared
    cache with add and incr, which are atomic: requests that arrive together, on any server,
    are each counted. If the cache does not answer, nobody is refused."""
    return over_the_allowance(f"{scope}:{client_address(request)}", number, seconds)


def over_the_allowance(name, number, seconds):
    """The same count for any name ("subscriptions-address:<digest>"), not only a client's."""
    key = f"limit:{name}"
    now = time.time()
    cache.add(f"{key}:opened", now, timeout=seconds)
    cache.add(key, 0, timeout=seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # its window closed between add and incr
        return None
    if count is None or count <= number:
        return None
    opened = cache.get(f"{key}:opened") or now
    return max(1, math.ceil(opened + seconds - now))
