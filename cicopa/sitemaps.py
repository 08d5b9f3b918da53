from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from members.models import Organisation
from news.models import NewsItem


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


class NewsSitemap(Sitemap):
    def items(self):
        return NewsItem.objects.published().only("slug", "published_at", "updated_at")

    def lastmod(self, item):
        return item.updated_at


SITEMAPS = {"pages": PagesSitemap, "members": OrganisationSitemap, "news": NewsSitemap}
