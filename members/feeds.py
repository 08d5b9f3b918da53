from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cicopa.pagecache import generation
from news.feeds import SiteFeed, feed_state

from .models import Organisation

FEED_LENGTH = 20


class NewMembersFeed(SiteFeed):
    """Current members, the most recently recorded first, so followers learn of each new one."""

    guid_kind = "members"
    title = gettext_lazy("CICOPA: new members")
    link = reverse_lazy("members:organisation-list")
    feed_url = reverse_lazy("members:feed-rss")
    description = gettext_lazy("Organisations that have joined CICOPA.")

    def items(self):
        return (
            Organisation.objects.current().with_place().order_by("-created_at", "-pk")[:FEED_LENGTH]
        )

    def item_title(self, organisation):
        return str(organisation)

    def item_description(self, organisation):
        country = organisation.country
        place = {"name": organisation.name, "country": country.name, "region": country.region}
        if organisation.member_since:
            return _("%(name)s, %(country)s (%(region)s), member since %(year)s.") % {
                **place,
                "year": organisation.member_since,
            }
        return _("%(name)s, %(country)s (%(region)s).") % place

    def item_pubdate(self, organisation):
        return organisation.created_at


class NewMembersAtomFeed(NewMembersFeed):
    feed_type = Atom1Feed
    subtitle = NewMembersFeed.description
    feed_url = reverse_lazy("members:feed-atom")


def members_state():
    # The entries name their country and region too: the page generation moves when those do.
    rows, changed = feed_state(
        Organisation.objects.current()
        .order_by("-created_at", "-pk")
        .values_list("pk", "created_at", "updated_at")[:FEED_LENGTH]
    )
    return (generation(), rows), changed
