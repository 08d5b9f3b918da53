"""The publications as they come, for feed readers (#32): RSS 2.0 and Atom, newest first, each
entry with its English file (else its first) as an enclosure."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy

from .models import Publication

FEED_LENGTH = 20


class PublicationsFeed(Feed):
    title = gettext_lazy("CICOPA publications")
    link = reverse_lazy("publications:publication-list")
    description = gettext_lazy("CICOPA's reports, declarations, magazine and position papers.")
    query_parameters = ()  # a page for cicopa.pagecache
    item_guid_is_permalink = False

    def items(self):
        published = Publication.objects.published().defer("text").prefetch_related("files")
        return published.order_by("-created_at", "-pk")[:FEED_LENGTH]

    def item_title(self, publication):
        return publication.title

    def item_description(self, publication):
        return f"{publication.get_kind_display()}, {publication.year}. {publication.summary}"

    def item_pubdate(self, publication):
        return publication.created_at

    def item_updateddate(self, publication):
        return publication.updated_at

    def item_guid(self, publication):
        return f"tag:cicopa.coop,2026:publications/{publication.pk}"  # stable across edits

    def file(self, publication):
        files = sorted(publication.files.all(), key=lambda file: file.language != "en")
        return files[0] if files else None

    def item_enclosure_url(self, publication):
        # Absolute with DJANGO_SITE_URL, as the news' pictures and the mails' links are.
        file = self.file(publication)
        return settings.SITE_URL.rstrip("/") + file.get_absolute_url() if file else None

    def item_enclosure_length(self, publication):
        file = self.file(publication)
        return file.size if file else None

    def item_enclosure_mime_type(self, publication):
        return "application/pdf" if self.file(publication) else None


class PublicationsAtomFeed(PublicationsFeed):
    feed_type = Atom1Feed
    subtitle = PublicationsFeed.description
