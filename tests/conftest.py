import email
import email.policy
import os
import socket

import environ
import pytest
from aiosmtpd.controller import Controller
from django.conf import settings
from django.contrib.auth.models import Group
from django.core import serializers
from django.core.cache import cache
from django.test import override_settings
from django.utils import translation

from cicopa.settings import base
from members.models import Country, Region
from pages.models import Page

from .factories import OrganisationFactory, secretariat_user
from .queries import assert_site_queries


@pytest.fixture(autouse=True)
def empty_cache(request):
    """Each test that reaches the database starts with an empty cache: the shared cache is a
    table there (settings.CACHE_TABLE), as on `make run`."""
    if not (
        request.node.get_closest_marker("django_db") or "_django_db_helper" in request.fixturenames
    ):
        yield
        return
    request.getfixturevalue("_django_db_helper")  # the database first, as the test has it
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def english():
    """Each test starts in English: a request leaves its language active in this thread, and
    the next test's reverse() would otherwise build, say, Spanish addresses."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture
def django_assert_num_queries():
    """As pytest-django's, counting the queries of the site's tables (tests/queries.py)."""
    return assert_site_queries


@pytest.fixture
def django_assert_max_num_queries():
    return lambda num, **kwargs: assert_site_queries(num, exact=False, **kwargs)


@pytest.fixture
def country():
    """Look up a shipped country by its ISO code."""
    return lambda code: Country.objects.get(code=code)


@pytest.fixture
def organisation(country):
    return OrganisationFactory(
        name="Cooperativa de Trabajo Ejemplo", acronym="CTE", country=country("AR")
    )


@pytest.fixture
def staff_client(client):
    client.force_login(secretariat_user(username="secretariat"))
    return client


@pytest.fixture(scope="session")
def shipped_rows(django_db_setup, django_db_blocker):
    """The rows the data migrations ship (regions, countries, the Secretariat group, the
    secretariat's pages), as `migrate` left them in the test database."""
    with django_db_blocker.unblock():
        return serializers.serialize(
            "json",
            [
                *Region.objects.all(),
                *Country.objects.all(),
                *Group.objects.all(),
                *Page.objects.all(),
            ],
            use_natural_foreign_keys=True,  # permissions are recreated with new ids
        )


@pytest.fixture
def reference_data(transactional_db, shipped_rows):
    """For tests whose data another thread or process must see (a live server, gunicorn):
    they run in transactional tests, which empty every table afterwards. Put back what the
    data migrations ship. (serialized_rollback cannot: once Playwright's sync API has switched
    greenlets, Django's per-context connection no longer holds the serialized copy.)"""
    if not Country.objects.exists():
        restore(shipped_rows)


def restore(rows):
    """Serialized rows put back a table at a time (bulk_create: one insert a model, and the
    cache's generation ended once), then their many-to-many links (a group's permissions)."""
    objects, links = {}, []
    for row in serializers.deserialize("json", rows):
        objects.setdefault(type(row.object), []).append(row.object)
        links += [(row.object, field, values) for field, values in row.m2m_data.items()]
    for model, instances in objects.items():  # in the order serialized: regions first
        model._default_manager.bulk_create(instances)
    for instance, field, values in links:
        getattr(instance, field).set(values)


@pytest.fixture
def redis_cache():
    """The site's cache, configured as production's, on the throwaway Redis of `make test`,
    emptied before and after. Yields its Redis client."""
    redis_url = os.environ.get("TEST_REDIS_URL")
    if not redis_url:
        pytest.skip("needs TEST_REDIS_URL: make test starts a Redis for it")
    caches = {"default": {**base.REDIS_CACHE, "LOCATION": redis_url}}
    with override_settings(CACHES=caches):
        cache.clear()
        client = cache.client.get_client()
        yield client
        client.config_set("maxmemory-policy", "allkeys-lru")
        cache.clear()


class Mailbox:
    """What a real SMTP server (aiosmtpd, in this process) received, parsed as a mail client
    would. `refuse` names recipients it answers 550; `fail_after` the number of messages after
    which it answers 421 to every DATA, as a server going down."""

    def __init__(self):
        self.raw = []  # as they arrived; parsed when a test reads them
        self.refuse = set()
        self.fail_after = None

    @property
    def received(self):
        return [email.message_from_bytes(raw, policy=email.policy.default) for raw in self.raw]

    def clear(self):
        self.raw.clear()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.fail_after is not None and len(self.raw) >= self.fail_after:
            return "421 Service not available, closing transmission channel"
        self.raw.append(envelope.content)
        return "250 OK"

    def to(self, address):
        return [message for message in self.received if message["To"] == address]


@pytest.fixture
def mailbox(settings):
    """The site's mail goes to a real SMTP server on loopback, configured as production's is,
    through EMAIL_URL."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    box = Mailbox()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    for name, value in environ.Env.email_url_config(f"smtp://127.0.0.1:{port}").items():
        setattr(settings, name, value)
    yield box
    controller.stop()
