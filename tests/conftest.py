import pytest

from members.models import Country

from .factories import OrganisationFactory, secretariat_user


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
