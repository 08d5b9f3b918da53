"""The news' receivers, connected in NewsConfig.ready(): a news item's change changes public
pages, and so does a scheduled item falling due (cicopa.pagecache)."""

import datetime
import math

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from cicopa.pagecache import content_lifetime, invalidate

from .models import Event, NewsItem


def until_next_publication(**kwargs):
    """Public pages stay as they are until the next scheduled item goes out."""
    return NewsItem.objects.seconds_until_next_publication()


def until_tomorrow(**kwargs):
    """An event that ends today is past tomorrow: /events/ and the calendars move it then."""
    now = timezone.localtime()
    midnight = datetime.datetime.combine(now.date(), datetime.time(), now.tzinfo)
    return max(1, math.ceil((midnight + datetime.timedelta(days=1) - now).total_seconds()))


def connect():
    post_save.connect(invalidate, sender=NewsItem, dispatch_uid="pages-save-newsitem")
    post_delete.connect(invalidate, sender=NewsItem, dispatch_uid="pages-delete-newsitem")
    m2m_changed.connect(
        invalidate, sender=NewsItem.organisations.through, dispatch_uid="pages-newsitem-members"
    )
    post_save.connect(invalidate, sender=Event, dispatch_uid="pages-save-event")
    post_delete.connect(invalidate, sender=Event, dispatch_uid="pages-delete-event")
    content_lifetime.connect(until_next_publication, dispatch_uid="pages-next-publication")
    content_lifetime.connect(until_tomorrow, dispatch_uid="pages-events-tomorrow")
