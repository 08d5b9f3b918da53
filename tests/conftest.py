import importlib

import pytest
from django.apps import apps
from django.core.cache import cache

from members.models import Country

from .factories import OrganisationFactory, secretariat_user


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with no cached pages (the test cache lives in this process)."""
    cache.clear()
    yield
    cache.clear()


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


# The data migrations whose rows the site relies on.
REFERENCE_DATA = [
    ("members.migrations.0002_regions_and_countries", "add_regions_and_countries"),
    ("members.migrations.0003_secretariat_group", "grant"),
    ("news.migrations.0002_secretariat_news", "grant"),
]


@pytest.fixture
def reference_data(transactional_db):
    """For tests whose data another thread or process must see (a live server, gunicorn):
    they run in transactional tests, which empty every table afterwards. Put back what the
    data migrations ship. (serialized_rollback cannot: once Playwright's sync API has switched
    greenlets, Django's per-context connection no longer holds the serialized copy.)"""
    if not Country.objects.exists():
        for module, function in REFERENCE_DATA:
            getattr(importlib.import_module(module), function)(apps, None)
