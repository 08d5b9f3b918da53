from django.http import Http404
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from news.feeds import FEED_LENGTH, Atom, AtomWithContent, LatestNewsFeed, SiteFeed
from news.models import NewsItem

from . import network
from .models import Organisation


class NewMembersFeed(SiteFeed):
    """Current members, the most recently recorded first, so followers learn of each new one."""

    guid_kind = "members"
    title = gettext_lazy("CICOPA: new members")
    link = reverse_lazy("members:organisation-list")
    feed_url = reverse_lazy("members:feed-rss")
    description = gettext_lazy("Organisations that have joined CICOPA.")

    entry_date = "created_at"
    shows_place_names = True

    def entries(self, obj):
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
    feed_type = Atom
    subtitle = NewMembersFeed.description
    feed_url = reverse_lazy("members:feed-atom")


class RegionMixin:
    """A feed of one region's items: the region comes from the cached network figures."""

    def get_object(self, request, slug):
        region = network.region(slug)
        if region is None:
            raise Http404("No such region.")
        return region


class RegionNewsFeed(RegionMixin, LatestNewsFeed):
    shows_place_names = True  # its title names the region

    def title(self, region):
        return _("CICOPA news: %(region)s") % {"region": region.name}

    def description(self, region):
        return _("News about CICOPA's member organisations in %(region)s.") % {
            "region": region.name
        }

    def link(self, region):
        return region.get_absolute_url()

    def feed_url(self, region):
        return reverse("members:region-news-rss", kwargs={"slug": region.slug})

    def entries(self, region):
        return NewsItem.objects.published().about_region(region.id)[:FEED_LENGTH]


class RegionNewsAtomFeed(RegionNewsFeed):
    feed_type = AtomWithContent

    def subtitle(self, region):
        return self.description(region)

    def feed_url(self, region):
        return reverse("members:region-news-atom", kwargs={"slug": region.slug})


class RegionNewMembersFeed(RegionMixin, NewMembersFeed):
    def title(self, region):
        return _("CICOPA: new members in %(region)s") % {"region": region.name}

    def description(self, region):
        return _("Organisations in %(region)s that have joined CICOPA.") % {"region": region.name}

    def link(self, region):
        return region.get_absolute_url()

    def feed_url(self, region):
        return reverse("members:region-members-rss", kwargs={"slug": region.slug})

    def entries(self, region):
        return (
            Organisation.objects.current()
            .with_place()
            .filter(country__region_id=region.id)
            .order_by("-created_at", "-pk")[:FEED_LENGTH]
        )


class RegionNewMembersAtomFeed(RegionNewMembersFeed):
    feed_type = Atom

    def subtitle(self, region):
        return self.description(region)

    def feed_url(self, region):
        return reverse("members:region-members-atom", kwargs={"slug": region.slug})
