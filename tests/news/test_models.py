import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from news.models import NewsItem
from tests.factories import NewsItemFactory

pytestmark = [pytest.mark.django_db, pytest.mark.both_databases]


def test_published_leaves_out_drafts_and_scheduled_items():
    now = timezone.now()
    public = NewsItemFactory(published_at=now - datetime.timedelta(minutes=1))
    NewsItemFactory(status="draft", published_at=now - datetime.timedelta(days=1))
    NewsItemFactory(published_at=now + datetime.timedelta(hours=1))
    assert list(NewsItem.objects.published()) == [public]


def test_a_new_item_starts_as_a_draft_dated_now():
    item = NewsItem(title_en="T", slug="t", summary_en="S")
    assert item.status == "draft"
    assert abs(item.published_at - timezone.now()) < datetime.timedelta(seconds=5)


def test_newest_first_and_latest():
    old = NewsItemFactory(published_at=timezone.now() - datetime.timedelta(days=9))
    new = NewsItemFactory(published_at=timezone.now() - datetime.timedelta(days=1))
    assert list(NewsItem.objects.all()) == [new, old]
    assert NewsItem.objects.latest() == new


def test_slugs_are_unique_and_status_known():
    NewsItemFactory(slug="same")
    with pytest.raises(IntegrityError), transaction.atomic():
        NewsItemFactory(slug="same")
    with pytest.raises(IntegrityError), transaction.atomic():
        NewsItemFactory(status="archived")


def test_url_holds_the_year_and_slug():
    item = NewsItemFactory(
        slug="hello", published_at=datetime.datetime(2019, 6, 1, tzinfo=datetime.UTC)
    )
    assert item.get_absolute_url() == "/news/2019/hello/"
    assert str(item) == item.title


def test_the_url_year_is_the_brussels_year():
    # 23:30 UTC on 31 December is already New Year in Brussels.
    item = NewsItemFactory(
        slug="new-year", published_at=datetime.datetime(2018, 12, 31, 23, 30, tzinfo=datetime.UTC)
    )
    assert item.get_absolute_url() == "/news/2019/new-year/"


def test_public_years_are_the_brussels_years_with_public_news_in_one_query(
    django_assert_num_queries,
):
    utc = datetime.UTC
    NewsItemFactory(published_at=datetime.datetime(2015, 6, 1, tzinfo=utc))
    NewsItemFactory(published_at=datetime.datetime(2017, 6, 1, tzinfo=utc))
    # 23:30 UTC on 31 December 2018 is already 2019 in Brussels.
    NewsItemFactory(published_at=datetime.datetime(2018, 12, 31, 23, 30, tzinfo=utc))
    NewsItemFactory(published_at=datetime.datetime(2016, 6, 1, tzinfo=utc), status="draft")
    NewsItemFactory(published_at=timezone.now() + datetime.timedelta(days=400))  # scheduled
    with django_assert_num_queries(1):
        assert NewsItem.objects.public_years() == [2019, 2017, 2015]
    NewsItem.objects.all().delete()
    assert NewsItem.objects.public_years() == []
