from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Organisation, Region

FEED_LENGTH = 20


class NewMembersFeed(Feed):
    """Current members, the most recently recorded first, so followers learn of each new one."""

    title = gettext_lazy("CICOPA: new members")
    link = reverse_lazy("members:organisation-list")
    description = gettext_lazy("Organisations that have joined CICOPA.")
    query_parameters = ()  # a page for cicopa.pagecache
    item_guid_is_permalink = False

    def items(self):
        return self.newest()[:FEED_LENGTH]

    def newest(self):
        return Organisation.objects.current().with_place().order_by("-created_at", "-pk")

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

    def item_guid(self, organisation):
        return f"tag:cicopa.coop,2017:members/{organisation.pk}"  # stable across edits


class NewMembersAtomFeed(NewMembersFeed):
    feed_type = Atom1Feed
    subtitle = NewMembersFeed.description


class RegionNewMembersFeed(NewMembersFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Region, slug=slug)

    def title(self, region):
        return _("CICOPA: new members in %(region)s") % {"region": region.name}

    def description(self, region):
        return _("Organisations in %(region)s that have joined CICOPA.") % {"region": region.name}

    def link(self, region):
        return region.get_absolute_url()

    def items(self, region):
        return self.newest().filter(country__region=region)[:FEED_LENGTH]


class RegionNewMembersAtomFeed(RegionNewMembersFeed):
    feed_type = Atom1Feed

    def subtitle(self, region):
        return self.description(region)
