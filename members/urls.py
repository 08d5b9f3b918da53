from django.urls import path

from cicopa.conditional import conditional_on
from cicopa.pagecache import cache_for_visitors, news_page

from . import feeds, views

app_name = "members"

new_members_rss = conditional_on(feeds.members_state)(feeds.NewMembersFeed())
new_members_atom = conditional_on(feeds.members_state)(feeds.NewMembersAtomFeed())

urlpatterns = [
    path(
        "",
        cache_for_visitors()(views.OrganisationListView.as_view()),
        name="organisation-list",
    ),
    path("feed/", cache_for_visitors()(new_members_rss), name="feed-rss"),
    path("feed/atom/", cache_for_visitors()(new_members_atom), name="feed-atom"),
    path(
        "<slug:slug>/",
        news_page(views.OrganisationDetailView.as_view()),
        name="organisation-detail",
    ),
]
