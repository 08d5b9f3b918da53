import pytest
from django.core.management import CommandError, call_command

from members import network
from members.models import Country, Organisation
from news.models import NewsItem

pytestmark = [pytest.mark.django_db, pytest.mark.both_databases]


def generate(**options):
    call_command("generate_data", organisations=300, news=200, verbosity=0, **options)


def test_it_spreads_members_over_every_country_and_links_news_to_them():
    assert network.members_by_country() == []  # kept in the cache, until the generator writes
    generate()
    assert Organisation.objects.count() == 300
    assert Organisation.objects.values("country").distinct().count() == 249
    assert Country.objects.count() == 249
    assert NewsItem.objects.count() == 200
    assert NewsItem.objects.published().count() > 150  # a few drafts and scheduled ones
    assert NewsItem.organisations.through.objects.exists()
    assert Organisation.objects.filter(status="former").count() < 30
    shown = {country.code: country.members for country in network.members_by_country()}
    assert shown == {
        country.code: country.organisations.current().count()
        for country in Country.objects.all()
        if country.organisations.current().exists()
    }


def test_it_leaves_the_initial_content_alone():
    call_command("load_initial_content", verbosity=0)
    generate()
    generate(replace=True)
    assert Organisation.objects.filter(acronym__in=["VCA", "COBOCE", "LIGACOOP"]).count() == 3
    assert NewsItem.objects.filter(slug="the-cicopa-network-is-growing").exists()
    assert Organisation.objects.count() == 303


def test_it_refuses_to_run_twice_unless_told():
    generate()
    with pytest.raises(CommandError, match="--replace"):
        generate()
    generate(replace=True)
    assert Organisation.objects.count() == 300
