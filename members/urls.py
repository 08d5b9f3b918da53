from django.urls import path

from cicopa.conditional import conditional_feed
from cicopa.pagecache import cache_for_visitors, news_page

from . import feeds, views

app_name = "members"


urlpatterns = [
    path(
        "",
        cache_for_visitors()(views.OrganisationListView.as_view()),
        name="organisation-list",
    ),
    path(
        "feed/",
        cache_for_visitors()(conditional_feed(feeds.NewMembersFeed)),
        name="feed-rss",
    ),
    path(
        "feed/atom/",
        cache_for_visitors()(conditional_feed(feeds.NewMembersAtomFeed)),
        name="feed-atom",
    ),
    path("export.csv", views.directory_export, {"fmt": "csv"}, name="export-csv"),
    path("export.json", views.directory_export, {"fmt": "json"}, name="export-json"),
    # Before the organisations' <slug>: these words are reserved (models.RESERVED_SLUGS).
    path("map/", cache_for_visitors()(views.MapView.as_view()), name="map"),
    path("figures/", cache_for_visitors()(views.FiguresView.as_view()), name="figures"),
    path("regions/<slug:slug>/", news_page(views.RegionView.as_view()), name="region"),
    path(
        "regions/<slug:slug>/feed/",
        news_page(conditional_feed(feeds.RegionNewsFeed)),
        name="region-news-rss",
    ),
    path(
        "regions/<slug:slug>/feed/atom/",
        news_page(conditional_feed(feeds.RegionNewsAtomFeed)),
        name="region-news-atom",
    ),
    path(
        "regions/<slug:slug>/members/feed/",
        cache_for_visitors()(conditional_feed(feeds.RegionNewMembersFeed)),
        name="region-members-rss",
    ),
    path(
        "regions/<slug:slug>/members/feed/atom/",
        cache_for_visitors()(conditional_feed(feeds.RegionNewMembersAtomFeed)),
        name="region-members-atom",
    ),
    path(
        "<slug:slug>/",
        news_page(views.OrganisationDetailView.as_view()),
        name="organisation-detail",
    ),
    path("<slug:slug>/correction/", views.CorrectionView.as_view(), name="correction"),
    path("<slug:slug>/correction/thanks/", views.correction_thanks, name="correction-thanks"),
]
