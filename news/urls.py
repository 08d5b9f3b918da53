from django.urls import path, register_converter

from cicopa.conditional import conditional_on

from . import feeds, views


class YearConverter:
    regex = "[1-9][0-9]{3}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return f"{value:04d}"


register_converter(YearConverter, "year")

app_name = "news"

urlpatterns = [
    path("", views.NewsListView.as_view(), name="newsitem-list"),
    path("feed/", conditional_on(feeds.news_state)(feeds.LatestNewsFeed()), name="feed-rss"),
    path(
        "feed/atom/",
        conditional_on(feeds.news_state)(feeds.LatestNewsAtomFeed()),
        name="feed-atom",
    ),
    path("<year:year>/", views.NewsYearArchiveView.as_view(), name="newsitem-archive-year"),
    path("<year:year>/<slug:slug>/", views.NewsItemDetailView.as_view(), name="newsitem-detail"),
]
