"""The news, under /news/, the events, under /events/, and a region's news and events beside
the region's page."""

from django.urls import path, register_converter

from . import events, feeds, views


class YearConverter:
    regex = "[1-9][0-9]{3}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return f"{int(value):04d}"


register_converter(YearConverter, "year")

app_name = "news"

urlpatterns = [
    path("news/", views.NewsListView.as_view(), name="newsitem-list"),
    path("news/feed/", feeds.LatestNewsFeed(), name="feed-rss"),
    path("news/feed/atom/", feeds.LatestNewsAtomFeed(), name="feed-atom"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("news/subscribe/", views.SubscribeView.as_view(), name="subscribe"),
    path("news/subscribe/sent/", views.subscribe_sent, name="subscribe-sent"),
    path(
        "news/subscription/confirm/<str:token>/",
        views.confirm,
        name="subscription-confirm",
    ),
    path("news/subscription/<str:token>/", views.subscription, name="subscription"),
    path("news/subscription/<str:token>/unsubscribe/", views.unsubscribe, name="unsubscribe"),
    path("news/<year:year>/", views.NewsYearArchiveView.as_view(), name="newsitem-archive-year"),
    path(
        "news/<year:year>/<slug:slug>/",
        views.NewsItemDetailView.as_view(),
        name="newsitem-detail",
    ),
    path("events/", events.EventListView.as_view(), name="event-list"),
    path("events/calendar.ics", events.CalendarView.as_view(), name="event-calendar"),
    path("events/feed/", feeds.EventsFeed(), name="event-feed-rss"),
    path("events/feed/atom/", feeds.EventsAtomFeed(), name="event-feed-atom"),
    path("events/<year:year>/", events.EventYearView.as_view(), name="event-archive-year"),
    path("events/<year:year>/<slug:slug>/", events.EventDetailView.as_view(), name="event-detail"),
    path(
        "events/<year:year>/<slug:slug>/calendar.ics",
        events.EventCalendarView.as_view(),
        name="event-ics",
    ),
    path(
        "members/regions/<slug:slug>/events.ics",
        events.RegionCalendarView.as_view(),
        name="region-calendar",
    ),
    path("members/regions/<slug:slug>/feed/", feeds.RegionNewsFeed(), name="region-rss"),
    path("members/regions/<slug:slug>/feed/atom/", feeds.RegionNewsAtomFeed(), name="region-atom"),
]
