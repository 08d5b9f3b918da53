"""One rule for the client's address (cicopa/clients.py), read by every limit."""

import pytest
from django.test import RequestFactory

from cicopa.clients import client_address


@pytest.mark.parametrize(
    "trusted, remote, forwarded, client",
    [
        # No proxy configured: the address that connected, whatever the header says.
        ([], "203.0.113.5", "198.51.100.1", "203.0.113.5"),
        # nginx on the same host sets the header to the address it was reached from.
        (["127.0.0.1"], "127.0.0.1", "198.51.100.1", "198.51.100.1"),
        # A client reaching the app server directly cannot choose its address.
        (["127.0.0.1"], "203.0.113.5", "198.51.100.1", "203.0.113.5"),
        # Behind a balancer and nginx, each appending: the nearest untrusted entry; what the
        # client wrote itself, further left, is never read.
        (
            ["127.0.0.1", "10.0.0.0/8"],
            "127.0.0.1",
            "6.6.6.6, 198.51.100.1, 10.0.0.4",
            "198.51.100.1",
        ),
        # Every hop a trusted proxy: the furthest one.
        (["127.0.0.1", "10.0.0.0/8"], "127.0.0.1", "10.0.0.4", "10.0.0.4"),
        # No header from the proxy: the proxy itself.
        (["127.0.0.1"], "127.0.0.1", "", "127.0.0.1"),
        # Something that is not an address stops the walk at the proxy that passed it.
        (["127.0.0.1"], "127.0.0.1", "not-an-address", "127.0.0.1"),
        (["::1"], "::1", "2001:db8::7", "2001:db8::7"),
    ],
)
def test_the_client_is_the_nearest_address_no_trusted_proxy_wrote(
    settings, trusted, remote, forwarded, client
):
    settings.TRUSTED_PROXIES = trusted
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == client
