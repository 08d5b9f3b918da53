import re
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from members.models import Region

from .models import Event, NewsItem

FEED_LENGTH = 20


# A link or an image within the site, written from its root: href="/members/".
ROOT_RELATIVE = re.compile(r'(\s(?:href|src)=")/(?!/)')


# A picture's widths (news/pictures.py): srcset="/media/a.webp 320w, /media/b.webp 640w".
SRCSET = re.compile(r'(\ssrcset=")([^"]*)"')


def absolute(html, link):
    """`html` with its root-relative links and images made absolute on the origin of `link`
    (the item's own address): a feed reader shows the content away from the site."""
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(link))

    def widths(match):
        found = [c.strip() for c in match[2].split(",")]
        return (
            match[1] + ", ".join(origin + c if c[:1] == "/" != c[1:2] else c for c in found) + '"'
        )

    return SRCSET.sub(widths, ROOT_RELATIVE.sub(rf"\1{origin}/", html))


class RssWithContent(Rss201rev2Feed):
    """RSS 2.0 with each item's full text in content:encoded, beside its summary."""

    def rss_attributes(self):
        return {
            **super().rss_attributes(),
            "xmlns:content": "http://purl.org/rss/1.0/modules/content/",
        }

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        handler.addQuickElement("content:encoded", absolute(item["content_html"], item["link"]))


class AtomWithContent(Atom1Feed):
    """Atom 1.0 with each entry's full text in <content>, beside its summary."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        content = absolute(item["content_html"], item["link"])
        handler.addQuickElement("content", content, {"type": "html"})


class LatestNewsFeed(Feed):
    feed_type = RssWithContent
    title = gettext_lazy("CICOPA news")
    link = reverse_lazy("news:newsitem-list")
    description = gettext_lazy("News and announcements from CICOPA and its member organisations.")
    query_parameters = ()  # a page for cicopa.pagecache
    item_guid_is_permalink = False

    def items(self):
        return NewsItem.objects.published()[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_extra_kwargs(self, item):
        return {"content_html": item.body_html}

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_guid(self, item):
        return f"tag:cicopa.coop,2017:news/{item.pk}"  # stable across edits

    def item_enclosures(self, item):
        """The lead image, 960 pixels wide, as feed readers show a picture (its address made
        absolute with DJANGO_SITE_URL, as the mails' are)."""
        if not (item.lead_image and item.lead_image_width):
            return []
        picture = item.lead_image_960
        url = picture.url
        if not url.startswith(("https://", "http://")):
            url = settings.SITE_URL.rstrip("/") + url
        return [Enclosure(url, str(picture.storage.size(picture.name)), "image/webp")]


class LatestNewsAtomFeed(LatestNewsFeed):
    feed_type = AtomWithContent
    subtitle = LatestNewsFeed.description


class RegionNewsFeed(LatestNewsFeed):
    """News about a region's members."""

    def get_object(self, request, slug):
        return get_object_or_404(Region, slug=slug)

    def title(self, region):
        return _("CICOPA news: %(region)s") % {"region": region.name}

    def description(self, region):
        return _("News about CICOPA's member organisations, %(region)s.") % {"region": region.name}

    def link(self, region):
        return region.get_absolute_url()

    def items(self, region):
        return NewsItem.objects.published().about_region(region)[:FEED_LENGTH]


class RegionNewsAtomFeed(RegionNewsFeed):
    feed_type = AtomWithContent

    def subtitle(self, region):
        return self.description(region)


class EventsFeed(Feed):
    """Events as they are announced, newest announcement first: for feed readers (calendars
    take /events/calendar.ics)."""

    feed_type = RssWithContent
    title = gettext_lazy("CICOPA events")
    link = reverse_lazy("news:event-list")
    description = gettext_lazy("The meetings of CICOPA and its members, as they are announced.")
    query_parameters = ()
    item_guid_is_permalink = False

    def items(self):
        events = Event.objects.published().select_related("country")
        return events.order_by("-created_at", "-pk")[:FEED_LENGTH]

    def item_title(self, event):
        if event.cancelled:
            return _("Cancelled: %(title)s") % {"title": event.title}
        return event.title

    def item_description(self, event):
        place = event.place or _("Online")
        return f"{event.when} · {place}. {event.summary}"

    def item_extra_kwargs(self, event):
        return {"content_html": event.body_html}

    def item_pubdate(self, event):
        return event.created_at

    def item_updateddate(self, event):
        return event.updated_at

    def item_guid(self, event):
        return f"tag:cicopa.coop,2026:events/{event.uid}"  # stable across edits


class EventsAtomFeed(EventsFeed):
    feed_type = AtomWithContent
    subtitle = EventsFeed.description
