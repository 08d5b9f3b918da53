from io import StringIO

from django.contrib.syndication.views import Feed
from django.core.exceptions import ImproperlyConfigured
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
    """What the site's feeds share: ids that survive edits, one-piece responses, and entries
    read once. An instance serves one request (conditional_feed() makes one for each) and
    keeps what it read: the conditional answer and the feed are of the same rows, read by one
    query rather than two."""

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

    def entries(self, obj):
        """The entries the feed shows, as a sliced QuerySet: each feed says which."""
        raise NotImplementedError

    def items(self, obj=None):
        if not hasattr(self, "_items"):
            self._items = list(self.entries(obj))
        return self._items

    def state(self, request, *args, **kwargs):
        """(fingerprint, last change) of the entries the feed shows: conditional_feed()
        answers 304 from it, and the feed is then written from the same entries."""
        if not hasattr(self, "_state"):
            shown = self.items(self.get_object(request, *args, **kwargs))
            rows, changed = feed_state(
                (entry.pk, getattr(entry, self.entry_date), entry.updated_at) for entry in shown
            )
            self._state = ((generation(), rows) if self.shows_place_names else rows), changed
        return self._state

    def __call__(self, request, *args, **kwargs):
        if hasattr(self, "_served"):  # it would show the entries it read the first time
            raise ImproperlyConfigured(
                f"A {type(self).__name__} serves one request: route it through conditional_feed()."
            )
        self._served = True
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

    def entries(self, obj):
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
    shows. An edit, a publication, a scheduled item falling due, or an unpublished or deleted
    entry leaving the feed all change it; an item deleted far down the archive, which the feed
    does not show, rightly does not."""
    rows = list(entries)
    changed = max((max(filter(None, row[1:])) for row in rows), default=None)
    return rows, changed
