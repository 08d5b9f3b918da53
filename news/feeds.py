from django.contrib.syndication.views import Feed
from django.db.models import Count, Max
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from .models import NewsItem, published_condition

FEED_LENGTH = 20


class RssWithContent(Rss201rev2Feed):
    """RSS 2.0 with each item's full text in content:encoded, beside its summary."""

    def rss_attributes(self):
        return {
            **super().rss_attributes(),
            "xmlns:content": "http://purl.org/rss/1.0/modules/content/",
        }

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        handler.addQuickElement("content:encoded", item["content_html"])


class AtomWithContent(Atom1Feed):
    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        handler.addQuickElement("content", item["content_html"], {"type": "html"})


class SiteFeed(Feed):
    """What the site's feeds share: ids that survive edits, and one-piece responses."""

    guid_kind = None  # "news", "members": the id's path
    item_guid_is_permalink = False

    def item_guid(self, item):
        # Stable across edits of the title, slug or date.
        return f"tag:cicopa.coop,2017:{self.guid_kind}/{item.pk}"

    def __call__(self, request, *args, **kwargs):
        # The feed generator writes hundreds of small pieces and the server sent each as its
        # own write: a 13 KB feed took 5 ms on loopback. Send it as one.
        response = super().__call__(request, *args, **kwargs)
        response.content = response.content
        return response


class LatestNewsFeed(SiteFeed):
    guid_kind = "news"
    feed_type = RssWithContent
    title = "CICOPA news"
    link = reverse_lazy("news:newsitem-list")
    feed_url = reverse_lazy("news:feed-rss")
    description = "News and announcements from CICOPA and its member organisations."

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


class LatestNewsAtomFeed(LatestNewsFeed):
    feed_type = AtomWithContent
    subtitle = LatestNewsFeed.description
    feed_url = reverse_lazy("news:feed-atom")


def news_state():
    """Changes whenever an item is published, edited, unpublished, scheduled-in or deleted."""
    state = NewsItem.objects.aggregate(
        published=Count("pk", filter=published_condition()),
        latest=Max("published_at", filter=published_condition()),
        edited=Max("updated_at"),
    )
    changed = max(filter(None, [state["latest"], state["edited"]]), default=None)
    return state, changed
