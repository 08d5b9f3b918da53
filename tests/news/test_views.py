import datetime
import re

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from tests.factories import NewsItemFactory, OrganisationFactory, secretariat_user
from tests.pages import start_afresh
from tests.queries import SiteQueries

pytestmark = pytest.mark.django_db


def utc(*args):
    return datetime.datetime(*args, tzinfo=datetime.UTC)


@pytest.fixture
def items():
    now = timezone.now()
    return {
        "old": NewsItemFactory(title="Old news", slug="old", published_at=utc(2016, 5, 1, 10)),
        "public": NewsItemFactory(
            title="Public news", slug="public", published_at=utc(2017, 1, 13, 10)
        ),
        "draft": NewsItemFactory(
            title="Draft news", slug="draft", status="draft", published_at=utc(2017, 2, 1)
        ),
        "scheduled": NewsItemFactory(
            title="Scheduled news",
            slug="scheduled",
            published_at=now + datetime.timedelta(days=400),
        ),
    }


def titles(response):
    return [item.title for item in response.context["object_list"]]


@pytest.fixture
def staff():
    """A secretariat member, who may view news items in the admin and so preview them."""
    staff = Client()
    staff.force_login(secretariat_user())
    return staff


@pytest.mark.parametrize("who", ["anonymous", "staff"])
def test_lists_show_only_published_items_newest_first(request, client, items, who):
    visitor = request.getfixturevalue("staff") if who == "staff" else client
    response = visitor.get("/news/")
    assert titles(response) == ["Public news", "Old news"]
    html = response.content.decode()
    assert "Draft news" not in html and "Scheduled news" not in html
    assert "Summary of Public news." in html and "13 January 2017" in html
    assert titles(visitor.get("/news/2017/")) == ["Public news"]


def test_the_list_links_each_year_that_has_news(client, items):
    html = client.get("/news/").content.decode()
    assert 'href="/news/2017/"' in html and 'href="/news/2016/"' in html
    # The scheduled item's year must not show until it is public.
    assert f'href="/news/{items["scheduled"].published_at.year}/"' not in html


def test_ten_a_page(client):
    NewsItemFactory.create_batch(23)
    assert len(client.get("/news/").context["object_list"]) == 10
    assert len(client.get("/news/?page=3").context["object_list"]) == 3
    assert client.get("/news/?page=4").status_code == 404


def test_the_whole_archive_pages_newer_and_older_without_counting_it(client):
    NewsItemFactory.create_batch(20)
    with SiteQueries(connection) as queries:
        first = client.get("/news/").content.decode()
    assert not [q for q in queries if "COUNT(" in q["sql"].upper()]
    assert 'rel="next" href="?page=2"' in first and 'rel="prev"' not in first
    assert "Page 1</span>" in first

    last = client.get("/news/?page=2").content.decode()  # exactly full: nothing follows
    assert 'rel="prev" href="?page=1"' in last and 'rel="next"' not in last
    assert "Page 2</span>" in last
    assert client.get("/news/?page=3").status_code == 404
    assert client.get("/news/?page=last").status_code == 404


def test_a_year_still_says_how_many_pages_it_has(client):
    NewsItemFactory.create_batch(11, published_at=utc(2017, 1, 13, 10))
    assert "Page 1 of 2</span>" in client.get("/news/2017/").content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/news/2015/",  # a year with no news
        "/news/2017/draft/",
        "/news/2030/scheduled/",
        "/news/2017/nothing-here/",
        "/news/abcd/",
        "/news/99999/",
        "/news/0000/",
        "/news/1000/",
        "/news/9999/",
        "/news/2017/?page=abc",
        "/news/?page=-1",
        "/news/?page=99999999999999999999999",
        "/news/2017/%00/",
    ],
)
def test_missing_or_malformed_is_404(client, items, path):
    assert client.get(path).status_code == 404


def test_an_item_page_links_to_the_organisations_it_is_about(client, country):
    coop = OrganisationFactory(name="Liga de Cooperativas", country=country("PR"))
    item = NewsItemFactory(title="Welcome", published_at=utc(2017, 1, 13, 10))
    item.organisations.add(coop)

    html = client.get(item.get_absolute_url()).content.decode()
    assert f'href="{coop.get_absolute_url()}"' in html and "Puerto Rico" in html

    page = client.get(coop.get_absolute_url()).content.decode()
    assert f'href="{item.get_absolute_url()}"' in page and "Welcome" in page


def test_an_organisation_page_lists_only_published_news_about_it(client, country):
    coop = OrganisationFactory(country=country("PR"))
    for status in ("published", "draft"):
        NewsItemFactory(title=f"{status} story", status=status).organisations.add(coop)
    page = client.get(coop.get_absolute_url()).content.decode()
    assert "published story" in page and "draft story" not in page


def test_staff_can_preview_drafts_and_scheduled_items(client, staff, items):
    for key in ("draft", "scheduled"):
        url = items[key].get_absolute_url()
        assert client.get(url).status_code == 404
        response = staff.get(url)
        assert response.status_code == 200
        assert "Preview" in response.content.decode()


def test_an_old_year_in_the_url_redirects_to_the_item(client, items):
    response = client.get("/news/2015/public/")
    assert response.status_code == 301
    assert response["Location"] == "/news/2017/public/"


def _queries(client, path):
    start_afresh()
    with SiteQueries(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


@pytest.mark.parametrize("path", ["/", "/news/", "/news/2020/"])
def test_query_count_does_not_grow_with_items(client, path, country):
    NewsItemFactory.create_batch(3, published_at=utc(2020, 3, 1))
    OrganisationFactory.create_batch(3)
    few = _queries(client, path)
    NewsItemFactory.create_batch(60, published_at=utc(2020, 6, 1))
    OrganisationFactory.create_batch(30, country=country("KE"))
    assert _queries(client, path) == few
    assert few <= 5


def test_item_page_query_count_does_not_grow_with_organisations(client, country):
    item = NewsItemFactory()
    item.organisations.add(OrganisationFactory())
    few = _queries(client, item.get_absolute_url())
    item.organisations.add(*OrganisationFactory.create_batch(20, country=country("KE")))
    assert _queries(client, item.get_absolute_url()) == few
    assert few <= 4


def test_item_page_leaves_its_members_descriptions_in_the_database(client, country):
    item = NewsItemFactory()
    item.organisations.add(OrganisationFactory(description="A long story.", country=country("KE")))
    with SiteQueries(connection) as queries:
        html = client.get(item.get_absolute_url()).content.decode()
    assert "(Kenya)</li>" in html
    rows = [q["sql"] for q in queries if '"members_organisation"."slug"' in q["sql"]]
    assert rows and not [sql for sql in rows if "description_" in sql]


def test_home_page_shows_live_figures_and_latest_news(client, country, items):
    OrganisationFactory(country=country("BO"))
    OrganisationFactory(country=country("BO"))
    OrganisationFactory(country=country("VN"))
    OrganisationFactory(country=country("FR"), status="former", left_in=2010)
    html = client.get("/").content.decode()
    assert "<strong>3</strong> member organisations" in html
    assert "<strong>2</strong> countries" in html and "<strong>2</strong> regions" in html
    assert "Public news" in html and "Draft news" not in html and "Scheduled news" not in html
    assert 'href="/members/"' in html and 'href="/news/feed/"' in html


@pytest.mark.parametrize("path", ["/", "/members/", "/news/"])
def test_every_page_advertises_both_feeds(client, path):
    html = client.get(path).content.decode()
    assert '<link rel="alternate" type="application/rss+xml"' in html
    assert 'href="/news/feed/"' in html
    assert '<link rel="alternate" type="application/atom+xml"' in html
    assert 'href="/news/feed/atom/"' in html


def test_sitemap_lists_the_public_pages_only(client, items, country):
    current = OrganisationFactory(country=country("BO"))
    former = OrganisationFactory(country=country("BO"), status="former", left_in=2012)
    index = client.get("/sitemap.xml").content.decode()
    sections = re.findall(r"<loc>http://testserver(/sitemap-\w+\.xml)</loc>", index)
    assert sorted(sections) == [
        "/sitemap-events.xml",
        "/sitemap-members.xml",
        "/sitemap-news.xml",
        "/sitemap-pages.xml",
        "/sitemap-publications.xml",
        "/sitemap-regions.xml",
    ]
    xml = "".join(client.get(section).content.decode() for section in sections)
    for path in [
        "/members/",
        "/members/map/",
        "/members/figures/",
        "/members/regions/americas/",
        "/news/",
        current.get_absolute_url(),
        former.get_absolute_url(),
        items["public"].get_absolute_url(),
        items["old"].get_absolute_url(),
    ]:
        assert f"{path}</loc>" in xml, path
    assert "draft" not in xml and "scheduled" not in xml


def test_robots_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()


@pytest.mark.parametrize("path", ["/", "/news/", "/news/2017/", "/members/regions/americas/"])
def test_lists_of_news_leave_the_bodies_in_the_database(client, items, path):
    with SiteQueries(connection) as queries:
        assert client.get(path).status_code == 200
    news_queries = [q["sql"] for q in queries if "news_newsitem" in q["sql"]]
    assert news_queries and not [sql for sql in news_queries if "body_" in sql]


def test_pages_date_an_item_by_its_day_in_brussels(client):
    # 23:30 on New Year's Eve in London is already 2017 in Brussels.
    item = NewsItemFactory(slug="new-year", published_at=utc(2016, 12, 31, 23, 30))
    assert item.get_absolute_url() == "/news/2017/new-year/"
    listed = client.get("/news/").content.decode()
    assert '<time datetime="2017-01-01">1 January 2017</time>' in listed
    page = client.get("/news/2017/new-year/").content.decode()
    assert '<time datetime="2017-01-01">1 January 2017</time>' in page
    assert '<a href="/news/2017/">2017</a>' in page
