import datetime

from django.contrib.syndication.views import Feed
from django.db.models import F
from django.shortcuts import get_object_or_404
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Organisation, Region

FEED_LENGTH = 20


class NewMembersFeed(Feed):
    """Current members, those who joined last first, so followers learn of each new one. An
    entry is dated by the year its member joined CICOPA (the 1st of January: the day is not on
    record), never by when its record was made; members whose year is not on record come
    last, undated."""

    title = gettext_lazy("CICOPA: new members")
    link = reverse_lazy("members:organisation-list")
    description = gettext_lazy("Organisations that have joined CICOPA.")
    query_parameters = ()  # a page for cicopa.pagecache
    item_guid_is_permalink = False

    def items(self):
        return self.newest()[:FEED_LENGTH]

    def newest(self):
        return (
            Organisation.objects.current()
            .with_place()
            .order_by(F("member_since").desc(nulls_last=True), "-created_at", "-pk")
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
        if organisation.member_since is None:
            return None
        # Noon, so that the day stays the 1st of January in any reader's time zone near ours.
        joined = datetime.datetime(organisation.member_since, 1, 1, 12)
        return timezone.make_aware(joined)

    item_updateddate = item_pubdate  # Atom dates each entry: it changes when that year does

    def item_guid(self, organisation):
        return f"tag:cicopa.coop,2017:members/{organisation.pk}"  # stable across edits


class NewMembersAtomFeed(NewMembersFeed):
    feed_type = Atom1Feed
    subtitle = NewMembersFeed.description


class RegionNewMembersFeed(NewMembersFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Region, slug=slug)

    def title(self, region):
        return _("CICOPA: new members, %(region)s") % {"region": region.name}

    def description(self, region):
        return _("Organisations that have joined CICOPA, %(region)s.") % {"region": region.name}

    def link(self, region):
        return region.get_absolute_url()

    def items(self, region):
        return self.newest().filter(country__region=region)[:FEED_LENGTH]


class RegionNewMembersAtomFeed(RegionNewMembersFeed):
    feed_type = Atom1Feed

    def subtitle(self, region):
        return self.description(region)
