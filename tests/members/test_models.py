import pytest
from django.core import serializers
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction

from members import network
from members.models import Country, Organisation, Region
from tests.factories import OrganisationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.both_databases]


def test_the_four_regions_ship_in_order():
    assert [r.name for r in Region.objects.all()] == [
        "Africa",
        "Americas",
        "Asia-Pacific",
        "Europe",
    ]


def test_every_iso_country_ships_with_a_region():
    assert Country.objects.count() == 249
    assert not Country.objects.filter(region__isnull=True).exists()


@pytest.mark.parametrize(
    ("code", "region"),
    [
        ("VN", "asia-pacific"),
        ("BO", "americas"),
        ("PR", "americas"),
        ("SA", "asia-pacific"),  # the Middle East
        ("AU", "asia-pacific"),  # Oceania
        ("FJ", "asia-pacific"),
        ("KE", "africa"),
        ("FR", "europe"),
        ("GB", "europe"),
        ("CA", "americas"),
    ],
)
def test_countries_sit_in_their_region(code, region):
    assert Country.objects.get(code=code).region.slug == region


def _integrity_error(**fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        OrganisationFactory(**fields)


def test_slugs_are_unique():
    OrganisationFactory(slug="same")
    _integrity_error(slug="same")


def test_country_codes_are_unique_and_iso_shaped():
    europe = Region.objects.get(slug="europe")
    with pytest.raises(IntegrityError), transaction.atomic():
        Country.objects.create(name_en="Belgium again", code="BE", region=europe)
    with pytest.raises(IntegrityError), transaction.atomic():
        Country.objects.create(name_en="Lower case", code="xx", region=europe)


@pytest.mark.parametrize(
    "fields",
    [
        {"member_since": 1900},  # before CICOPA existed
        {"member_since": 2500},
        {"ica_member_since": 1800},
        {"figures_year": 3000},
        {"cooperatives": -1},
        {"individual_members": -5},
        {"status": "former"},  # a former member needs the year it left
        {"status": "current", "left_in": 2010},
        {"status": "former", "member_since": 2010, "left_in": 2005},
        {"category": "honorary"},
        {"status": "lapsed"},
    ],
)
def test_the_database_refuses_impossible_values(fields):
    _integrity_error(**fields)


def test_a_former_member_with_its_year_is_accepted():
    organisation = OrganisationFactory(status="former", member_since=1990, left_in=2012)
    assert not organisation.is_current


def test_validation_names_the_field_at_fault(country):
    organisation = Organisation(name="X", slug="x", country=country("BE"), status="former")
    with pytest.raises(ValidationError) as error:
        organisation.full_clean()
    assert "left_in" in error.value.message_dict


def test_a_future_year_is_refused(country):
    organisation = Organisation(name="X", slug="x", country=country("BE"), member_since=2099)
    with pytest.raises(ValidationError) as error:
        organisation.full_clean()
    assert "member_since" in error.value.message_dict


def test_only_the_required_fields_make_a_public_member(country):
    organisation = Organisation(name="Minimal", slug="minimal", country=country("IT"))
    organisation.full_clean()
    organisation.save()
    assert list(Organisation.objects.current()) == [organisation]


def test_current_leaves_out_former_members():
    current = OrganisationFactory()
    OrganisationFactory(status="former", left_in=2015)
    assert list(Organisation.objects.current()) == [current]


def test_str_and_url(country):
    organisation = OrganisationFactory(name="Alpha Union", acronym="AU", slug="alpha-union")
    assert str(organisation) == "Alpha Union (AU)"
    assert organisation.get_absolute_url() == "/members/alpha-union/"
    assert country("BO").get_absolute_url() == "/members/?country=BO"
    americas = Region.objects.get(slug="americas")
    assert americas.get_absolute_url() == "/members/regions/americas/"
    assert americas.get_directory_url() == "/members/?region=americas"


def counted(*codes):
    """The members the network's figures give these countries, as visitors' pages read them
    (from the cache, until a change empties it)."""
    members = {country.code: country.members for country in network.members_by_country()}
    return [members.get(code, 0) for code in codes]


def test_each_country_s_number_of_current_members_follows_every_change(tmp_path):
    belgium, bolivia = Country.objects.get(code="BE"), Country.objects.get(code="BO")
    first = OrganisationFactory(country=belgium)
    OrganisationFactory(country=belgium)
    OrganisationFactory(country=belgium, status=Organisation.Status.FORMER, left_in=2020)
    assert counted("BE", "BO") == [2, 0]

    first.country = bolivia  # moved: one country loses it, the other gains it
    first.save()
    assert counted("BE", "BO") == [1, 1]

    first.status, first.left_in = Organisation.Status.FORMER, 2020
    first.save()
    assert counted("BE", "BO") == [1, 0]

    # Writes that send no signals.
    Organisation.objects.filter(pk=first.pk).update(status="current", left_in=None)
    assert counted("BE", "BO") == [1, 1]
    Organisation.objects.bulk_create(
        [Organisation(name=f"Bulk {n}", slug=f"bulk-{n}", country=bolivia) for n in range(3)]
    )
    assert counted("BE", "BO") == [1, 4]

    # A fixture loaded over a row.
    first.refresh_from_db()
    first.country = belgium
    fixture = tmp_path / "moved.json"
    fixture.write_text(serializers.serialize("json", [first]))
    call_command("loaddata", str(fixture), verbosity=0)
    assert counted("BE", "BO") == [2, 3]

    Organisation.objects.filter(country=belgium).delete()
    assert counted("BE", "BO") == [0, 3]


def test_two_members_created_in_one_country_are_two():
    # A stored counter, kept by each save, once read 1 here when two transactions overlapped.
    kenya = Country.objects.get(code="KE")
    OrganisationFactory.create_batch(2, country=kenya)
    assert counted("KE") == [2]


@pytest.mark.parametrize(
    "code, language, name",
    [
        ("PS", "fr", "Palestine"),
        ("SZ", "fr", "Eswatini"),
        ("MK", "fr", "Macédoine du Nord"),
        ("FM", "fr", "Micronésie"),
        ("SZ", "es", "Esuatini"),
        ("TD", "es", "Chad"),
        ("TD", "fr", "Tchad"),
    ],
)
def test_countries_go_by_the_names_in_common_use(code, language, name):
    assert getattr(Country.objects.get(code=code), f"name_{language}") == name
