"""Publications, under /publications/."""

from django.urls import path

from . import feeds, views

app_name = "publications"

urlpatterns = [
    path("publications/", views.PublicationListView.as_view(), name="publication-list"),
    path("publications/feed/", feeds.PublicationsFeed(), name="feed-rss"),
    path("publications/feed/atom/", feeds.PublicationsAtomFeed(), name="feed-atom"),
    path(
        "publications/<slug:slug>/",
        views.PublicationDetailView.as_view(),
        name="publication-detail",
    ),
    path(
        "publications/<slug:slug>/<str:language>.pdf",
        views.publication_file,
        name="publication-file",
    ),
]
