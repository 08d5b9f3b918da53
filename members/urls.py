from django.urls import path

from cicopa.conditional import conditional_on

from . import feeds, views

app_name = "members"

urlpatterns = [
    path("", views.OrganisationListView.as_view(), name="organisation-list"),
    path("feed/", conditional_on(feeds.members_state)(feeds.NewMembersFeed()), name="feed-rss"),
    path(
        "feed/atom/",
        conditional_on(feeds.members_state)(feeds.NewMembersAtomFeed()),
        name="feed-atom",
    ),
    path("<slug:slug>/", views.OrganisationDetailView.as_view(), name="organisation-detail"),
]
