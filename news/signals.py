"""The news' receivers, connected in NewsConfig.ready(): a news item's change changes public
pages, and so does a scheduled item falling due (cicopa.pagecache)."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from cicopa.pagecache import content_lifetime, invalidate

from .models import NewsItem


def until_next_publication(**kwargs):
    """Public pages stay as they are until the next scheduled item goes out."""
    return NewsItem.objects.seconds_until_next_publication()


def connect():
    post_save.connect(invalidate, sender=NewsItem, dispatch_uid="pages-save-newsitem")
    post_delete.connect(invalidate, sender=NewsItem, dispatch_uid="pages-delete-newsitem")
    m2m_changed.connect(
        invalidate, sender=NewsItem.organisations.through, dispatch_uid="pages-newsitem-members"
    )
    content_lifetime.connect(until_next_publication, dispatch_uid="pages-next-publication")
