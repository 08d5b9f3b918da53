import pytest
from django.core.management import call_command

from members.models import Organisation
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_the_article_s_three_members_load_with_its_facts():
    call_command("load_initial_content")

    vca = Organisation.objects.get(acronym="VCA")
    assert vca.name == "Vietnam Cooperative Alliance"
    assert vca.country.code == "VN"
    assert vca.ica_member_since == 1961
    assert (vca.cooperatives, vca.individual_members, vca.figures_year) == (18024, 7386572, 2015)

    coboce = Organisation.objects.get(acronym="COBOCE")
    assert coboce.country.code == "BO"
    assert (coboce.ica_member_since, coboce.member_since) == (2015, 2016)

    ligacoop = Organisation.objects.get(acronym="LIGACOOP")
    assert ligacoop.name == "Liga de Cooperativas de Puerto Rico"
    assert ligacoop.country.code == "PR"
    # The article gives no year for LIGACOOP: nothing is made up.
    assert ligacoop.member_since is None and ligacoop.ica_member_since is None

    assert all(o.is_current for o in Organisation.objects.all())
    assert all(o.category == "" for o in Organisation.objects.all())


def test_a_second_run_changes_nothing():
    call_command("load_initial_content")
    Organisation.objects.filter(acronym="VCA").update(website="https://vca.example.org/")
    call_command("load_initial_content")
    assert Organisation.objects.count() == 3
    assert Organisation.objects.get(acronym="VCA").website == "https://vca.example.org/"


def test_a_database_with_members_already_is_left_alone():
    OrganisationFactory()
    call_command("load_initial_content")
    assert Organisation.objects.count() == 1
