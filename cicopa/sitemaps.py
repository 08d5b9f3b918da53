from django.contrib.sitemaps import Sitemap as BaseSitemap
from django.db.models import Max
from django.urls import reverse

from members.models import Organisation
from news.models import NewsItem


class Sitemap(BaseSitemap):
    # Pages of 5,000 addresses behind the /sitemap.xml index: one query a page, a light answer.
    limit = 5000


class PagesSitemap(Sitemap):
    def items(self):
        return ["home", "members:organisation-list", "news:newsitem-list"]

    def location(self, name):
        return reverse(name)


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


SITEMAPS = {"pages": PagesSitemap, "members": OrganisationSitemap, "news": NewsSitemap}
