from io import StringIO

from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext_lazy as _

from cicopa.pagecache import generation

from .models import NewsItem

FEED_LENGTH = 20


class WrittenInOnePiece:
    """A feed generator that writes its 600-odd pieces (for 20 entries) to a string, then into
    the response once. Written into the response one by one, each was made bytes and kept
    (2 ms), and the server sent each as its own write (5 ms for 13 KB on loopback)."""

    def write(self, outfile, encoding):
        written = StringIO()
        super().write(written, encoding)
        outfile.write(written.getvalue())


class Rss(WrittenInOnePiece, Rss201rev2Feed):
    pass


class Atom(WrittenInOnePiece, Atom1Feed):
    pass


class RssWithContent(Rss):
    """RSS 2.0 with each item's full text in content:encoded, beside its summary."""

    def rss_attributes(self):
        return {
            **super().rss_attributes(),
            "xmlns:content": "http://purl.org/rss/1.0/modules/content/",
        }

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        handler.addQuickElement("content:encoded", item["content_html"])


class AtomWithContent(Atom):
    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        handler.addQuickElement("content", item["content_html"], {"type": "html"})


class SiteFeed(Feed):
    """What the site's feeds share: ids that survive edits, and one-piece responses."""

    feed_type = Rss
    guid_kind = None  # "news", "members": the id's path
    item_guid_is_permalink = False
    entry_date = None  # the entries' own date field, which with updated_at tells a change
    # Entries that name a country or region change when those are renamed: the page
    # generation, which any such change moves on, joins their fingerprint.
    shows_place_names = False

    def item_guid(self, item):
        # Stable across edits of the title, slug or date.
        return f"tag:cicopa.coop,2017:{self.guid_kind}/{item.pk}"

    def state(self, request, *args, **kwargs):
        """(fingerprint, last change) of the entries the feed shows: conditional_feed()
        answers 304 from it. One index probe (plus the object the feed is of, if any)."""
        entries = self.items(self.get_object(request, *args, **kwargs))
        rows, changed = feed_state(entries.values_list("pk", self.entry_date, "updated_at"))
        return ((generation(), rows) if self.shows_place_names else rows), changed

    def __call__(self, request, *args, **kwargs):
        # Django's Feed writes the feed after an empty first piece: joined, one piece leaves.
        response = super().__call__(request, *args, **kwargs)
        response.content = response.content
        return response


class LatestNewsFeed(SiteFeed):
    guid_kind = "news"
    feed_type = RssWithContent
    title = _("CICOPA news")
    link = reverse_lazy("news:newsitem-list")
    feed_url = reverse_lazy("news:feed-rss")
    description = _("News and announcements from CICOPA and its member organisations.")

    entry_date = "published_at"

    def items(self, obj=None):
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


class LatestNewsAtomFeed(LatestNewsFeed):
    feed_type = AtomWithContent
    subtitle = LatestNewsFeed.description
    feed_url = reverse_lazy("news:feed-atom")


def feed_state(entries):
    """A feed's fingerprint and last change, from the (pk, published, updated) of the entries it
    shows: an index probe, however long the archive. An edit, a publication, a scheduled item
    falling due, or an unpublished or deleted entry leaving the feed all change it; an item
    deleted far down the archive, which the feed does not show, rightly does not."""
    rows = list(entries)
    changed = max((max(filter(None, row[1:])) for row in rows), default=None)
    return rows, changed
