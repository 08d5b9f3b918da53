from django.conf import settings
from django.contrib.sitemaps import Sitemap as BaseSitemap
from django.contrib.sitemaps import views
from django.core.paginator import Paginator
from django.db.models import Max, QuerySet
from django.urls import reverse
from django.utils.functional import cached_property

from members.models import Organisation, Region
from news.models import Event, NewsItem
from publications.models import Publication


class InEachLanguage:
    """The (item, language) pairs a multilingual sitemap lists, read a page at a time: Django's
    own list builds every pair of every item for each page (10,000 members read 30,000 times)."""

    def __init__(self, items, languages):
        self.items, self.languages = items, languages

    @cached_property
    def _count(self):
        items = self.items.count() if isinstance(self.items, QuerySet) else len(self.items)
        return items * len(self.languages)

    def count(self):
        return self._count

    def __len__(self):
        return self._count

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start, stop, _ = index.indices(self._count)
        per_item = len(self.languages)
        first, last = start // per_item, -(-stop // per_item)
        pairs = [(item, code) for item in self.items[first:last] for code in self.languages]
        offset = first * per_item
        return pairs[start - offset : stop - offset]


class Sitemap(BaseSitemap):
    # Pages of 5,000 addresses behind the /sitemap.xml index: one query a page, a light answer.
    limit = 5000
    # Every page in each language, each entry listing its alternates (hreflang) and English
    # as the default.
    i18n = True
    alternates = True
    x_default = True

    @property
    def paginator(self):
        return Paginator(
            InEachLanguage(self.items(), [code for code, _ in settings.LANGUAGES]), self.limit
        )


class PagesSitemap(Sitemap):
    def items(self):
        return [
            "home",
            "members:organisation-list",
            "members:map",
            "members:figures",
            "members:region-list",
            "news:newsitem-list",
            "news:event-list",
            "publications:publication-list",
            "pages:about",
            "pages:contact",
            "pages:join",
        ]

    def location(self, name):
        return reverse(name)


class RegionSitemap(Sitemap):
    def items(self):
        return Region.objects.only("slug").order_by("position", "pk")


class OrganisationSitemap(Sitemap):
    """Every organisation's page, a former member's too: each one stays public."""

    def items(self):
        return Organisation.objects.only("slug", "updated_at").order_by("pk")

    def lastmod(self, organisation):
        return organisation.updated_at

    def get_latest_lastmod(self):
        # Django's default calls lastmod() on every item: one aggregate instead.
        return Organisation.objects.aggregate(latest=Max("updated_at"))["latest"]


class NewsSitemap(Sitemap):
    def items(self):
        return NewsItem.objects.published().only("slug", "published_at", "updated_at")

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        return NewsItem.objects.published().aggregate(latest=Max("updated_at"))["latest"]


class EventSitemap(Sitemap):
    def items(self):
        return Event.objects.published().only("slug", "start_date", "updated_at").order_by("pk")

    def lastmod(self, event):
        return event.updated_at

    def get_latest_lastmod(self):
        return Event.objects.published().aggregate(latest=Max("updated_at"))["latest"]


class PublicationSitemap(Sitemap):
    def items(self):
        return Publication.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, publication):
        return publication.updated_at

    def get_latest_lastmod(self):
        return Publication.objects.published().aggregate(latest=Max("updated_at"))["latest"]


SITEMAPS = {
    "pages": PagesSitemap,
    "regions": RegionSitemap,
    "members": OrganisationSitemap,
    "news": NewsSitemap,
    "events": EventSitemap,
    "publications": PublicationSitemap,
}


def sitemap_index(request):
    return views.index(request, SITEMAPS, sitemap_url_name="sitemap-section")


def sitemap(request, section):
    return views.sitemap(request, SITEMAPS, section)


# Pages for cicopa.pagecache: the index reads no query parameter, a section its page number.
sitemap_index.query_parameters = ()
sitemap.query_parameters = ("p",)
