import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from members.models import Organisation
from news.models import NewsItem
from tests.factories import NewsItemFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def test_the_article_s_three_members_load_with_its_facts():
    call_command("load_initial_content")

    vca = Organisation.objects.get(acronym="VCA")
    assert vca.name == "Vietnam Cooperative Alliance"
    assert vca.country.code == "VN"
    assert vca.ica_member_since == 1961
    assert (vca.cooperatives, vca.individual_members, vca.figures_year) == (18024, 7386572, 2015)

    coboce = Organisation.objects.get(acronym="COBOCE")
    assert coboce.name == "Cooperativa Boliviana de Cemento, Industrias y Servicios"  # its own
    assert "Bolivian Cooperative of Cement, Industry and Services" in coboce.description_en
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


def test_the_article_itself_is_published_about_its_three_members(client):
    call_command("load_initial_content")
    article = NewsItem.objects.published().get()
    assert article.title == "The CICOPA network is growing!"
    assert article.get_absolute_url() == "/news/2017/the-cicopa-network-is-growing/"
    assert timezone.localtime(article.published_at).date() == datetime.date(2017, 1, 13)
    assert sorted(o.acronym for o in article.organisations.all()) == ["COBOCE", "LIGACOOP", "VCA"]
    assert "46 organizations in 30 countries" in article.summary
    html = client.get(article.get_absolute_url()).content.decode()
    assert "7,386,572 members" in html and "General Law of Cooperative Societies" in html

    call_command("load_initial_content")
    assert NewsItem.objects.count() == 1


def test_the_article_says_its_opening_words_once(client):
    call_command("load_initial_content")
    article = NewsItem.objects.published().get()
    page = client.get(article.get_absolute_url()).content.decode()
    shown = page.split("<article", 1)[1]  # the head's description aside
    assert shown.count("CICOPA affiliates 46 organizations in 30 countries") == 1
    assert '<p class="lead"' not in shown
    # A summary the body does not open with stays as the lead.
    other = NewsItemFactory(summary="A lead of its own.", body="<p>The story itself.</p>")
    html = client.get(other.get_absolute_url()).content.decode()
    assert (
        '<p class="lead" lang="en">A lead of its own.</p>' in html and "The story itself." in html
    )
