from django.urls import path, register_converter

from cicopa.conditional import conditional_feed
from cicopa.pagecache import news_page

from . import feeds, views


class YearConverter:
    regex = "[1-9][0-9]{3}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return f"{int(value):04d}"


register_converter(YearConverter, "year")

app_name = "news"

rss = conditional_feed(feeds.LatestNewsFeed)
atom = conditional_feed(feeds.LatestNewsAtomFeed)

urlpatterns = [
    path("", news_page(views.NewsListView.as_view()), name="newsitem-list"),
    path("feed/", news_page(rss), name="feed-rss"),
    path("feed/atom/", news_page(atom), name="feed-atom"),
    path(
        "<year:year>/",
        news_page(views.NewsYearArchiveView.as_view()),
        name="newsitem-archive-year",
    ),
    path(
        "<year:year>/<slug:slug>/",
        news_page(views.NewsItemDetailView.as_view()),
        name="newsitem-detail",
    ),
]
