import datetime
import time

import feedparser
import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone
from django.utils.http import http_date

from news.models import NewsItem
from tests.factories import NewsItemFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

FEEDS = ["/news/feed/", "/news/feed/atom/"]
ONE_DAY = datetime.timedelta(days=1)
COBOCE = "Cooperativa Boliviana de Cemento, Industrias y Servicios"


def parse(client, path):
    response = client.get(path)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return response, feed


@pytest.fixture
def news():
    now = timezone.now()
    public = NewsItemFactory(
        title="The network is growing",
        slug="growing",
        summary="Three new members.",
        body="<p>Full <strong>story</strong>.</p><script>evil()</script>",
        published_at=datetime.datetime(2017, 1, 13, 11, tzinfo=datetime.UTC),
    )
    NewsItemFactory(
        title="Secret draft", status="draft", published_at=now - datetime.timedelta(days=1)
    )
    NewsItemFactory(title="Not yet", published_at=now + datetime.timedelta(days=1))
    return public


@pytest.mark.parametrize("path", FEEDS)
def test_feeds_are_valid_and_hold_published_items_only(client, news, path):
    response, feed = parse(client, path)
    assert feed.version in ("rss20", "atom10")
    assert [entry.title for entry in feed.entries] == ["The network is growing"]
    entry = feed.entries[0]
    assert entry.link == "http://testserver/news/2017/growing/"
    assert entry.summary == "Three new members."
    assert entry.published_parsed[:5] == (2017, 1, 13, 11, 0)
    assert entry.id == f"tag:cicopa.coop,2017:news/{news.pk}"
    content = entry.content[0].value
    assert "<strong>story</strong>" in content and "evil" not in content
    self_links = [link.href for link in feed.feed.links if link.rel == "self"]
    assert self_links == [f"http://testserver{path}"]
    assert feed.feed.link == "http://testserver/news/"


@pytest.mark.parametrize("path", FEEDS)
def test_feeds_hold_the_20_latest(client, path):
    NewsItemFactory.create_batch(25)
    _, feed = parse(client, path)
    assert len(feed.entries) == 20
    dates = [entry.published_parsed for entry in feed.entries]
    assert dates == sorted(dates, reverse=True)


@pytest.mark.parametrize("path", FEEDS)
def test_conditional_get_answers_304_until_something_changes(client, news, path):
    first = client.get(path)
    etag = first["ETag"]
    assert client.get(path, headers={"if-none-match": etag}).status_code == 304

    news.title = "The network is growing fast"
    news.save()
    changed = client.get(path, headers={"if-none-match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag


@pytest.mark.parametrize("path", FEEDS)
def test_a_conditional_get_costs_no_query_and_writes_nothing(
    client, news, path, django_assert_num_queries, settings
):
    etag = client.get(path)["ETag"]
    settings.PAGE_CACHE = False  # no page kept: the ETag alone answers
    with django_assert_num_queries(0):
        response = client.get(path, headers={"if-none-match": etag})
    assert response.status_code == 304 and not response.content


@pytest.mark.parametrize("path", FEEDS)
def test_unpublishing_the_newest_item_never_leaves_a_client_with_it(client, news, path):
    # A date of the newest item would go back when it is unpublished: the ETag is the only
    # validator, and a client asking only If-Modified-Since gets the feed as it is now.
    older = NewsItemFactory(title="An older item", published_at=news.published_at - ONE_DAY)
    first = client.get(path)
    assert not first.has_header("Last-Modified")
    since = http_date(time.time() + 60)
    news.status = "draft"
    news.save()
    again = client.get(path, headers={"if-modified-since": since})
    assert again.status_code == 200
    titles = [entry.title for entry in feedparser.parse(again.content).entries]
    assert news.title not in titles and older.title in titles


@pytest.mark.parametrize("path", FEEDS)
def test_unpublishing_changes_the_etag(client, news, path):
    etag = client.get(path)["ETag"]
    news.status = "draft"
    news.save()
    assert client.get(path, headers={"if-none-match": etag}).status_code == 200


@pytest.mark.parametrize("path", FEEDS)
def test_a_scheduled_item_falling_due_changes_the_etag(client, news, path):
    scheduled = NewsItem.objects.get(title_en="Not yet")
    etag = client.get(path)["ETag"]
    # Time passes: no save, no signal, so no cache is told.
    NewsItem.objects.filter(pk=scheduled.pk).update(published_at=timezone.now())
    cache.clear()
    response = client.get(path, headers={"if-none-match": etag})
    assert response.status_code == 200
    assert "Not yet" in response.content.decode()


def test_deleting_an_entry_changes_the_etag(client):
    items = NewsItemFactory.create_batch(3)
    etag = client.get(FEEDS[0])["ETag"]
    assert client.get(FEEDS[0], headers={"if-none-match": etag}).status_code == 304
    max(items, key=lambda item: item.published_at).delete()
    assert client.get(FEEDS[0], headers={"if-none-match": etag}).status_code == 200


def test_new_members_feed_etag_follows_a_country_rename(client, country):
    OrganisationFactory(country=country("BO"))
    etag = client.get("/members/feed/")["ETag"]
    assert client.get("/members/feed/", headers={"if-none-match": etag}).status_code == 304
    bolivia = country("BO")
    bolivia.name = "Bolivia (Plurinational State of)"
    bolivia.save()
    response = client.get("/members/feed/", headers={"if-none-match": etag})
    assert response.status_code == 200
    assert "Plurinational" in response.content.decode()


@pytest.mark.parametrize("path", FEEDS)
def test_feed_query_count_does_not_grow(client, path, django_assert_max_num_queries):
    NewsItemFactory.create_batch(30)
    with django_assert_max_num_queries(3):
        client.get(path)


def test_new_members_feed_lists_current_members_newest_first(client, country):
    first = OrganisationFactory(name="First Union", country=country("BO"))
    OrganisationFactory(name="Gone Union", status="former", left_in=2015)
    second = OrganisationFactory(
        name="Second Union", acronym="SU", country=country("VN"), member_since=2016
    )
    _, feed = parse(client, "/members/feed/")
    assert [e.title for e in feed.entries] == ["Second Union (SU)", "First Union"]
    assert feed.entries[0].link == f"http://testserver{second.get_absolute_url()}"
    assert feed.entries[0].id == f"tag:cicopa.coop,2017:members/{second.pk}"
    assert "Vietnam (Asia-Pacific), member since 2016" in feed.entries[0].summary
    assert feed.entries[1].link.endswith(first.get_absolute_url())
    _, atom = parse(client, "/members/feed/atom/")
    assert len(atom.entries) == 2


def test_new_members_are_dated_by_the_year_they_joined_never_by_their_record(client, country):
    call_command("load_initial_content", verbosity=0)  # three members who joined in 2016
    OrganisationFactory(name="Recorded Today", country=country("PE"), member_since=2010)
    OrganisationFactory(name="Year Unknown", country=country("PE"))
    _, feed = parse(client, "/members/feed/")
    titles = [entry.title for entry in feed.entries]
    # The article gives COBOCE's year, 2016, and none for VCA or LIGACOOP: those come last,
    # undated, rather than dated the day their records were made.
    assert titles[:2] == [f"{COBOCE} (COBOCE)", "Recorded Today"]
    assert feed.entries[0].published_parsed.tm_year == 2016
    assert feed.entries[1].published_parsed.tm_year == 2010
    assert set(titles[2:]) == {
        "Year Unknown",
        "Liga de Cooperativas de Puerto Rico (LIGACOOP)",
        "Vietnam Cooperative Alliance (VCA)",
    }
    assert all("published_parsed" not in entry for entry in feed.entries[2:])
    _, atom = parse(client, "/members/feed/atom/")
    assert atom.entries[0].updated_parsed.tm_year == 2016


@pytest.mark.parametrize("path", FEEDS)
def test_links_and_images_in_feed_content_are_absolute(client, path):
    NewsItemFactory(
        body='<p>See <a href="/members/">the directory</a>, <a href="https://ica.coop/">the ICA</a>'
        ' and <img src="/media/photo.png" alt="A photo"></p>'
    )
    html = client.get(path).content.decode()
    assert "http://testserver/members/" in html and "http://testserver/media/photo.png" in html
    assert "https://ica.coop/" in html
    assert 'href="/members/' not in html.replace("&quot;", '"')
