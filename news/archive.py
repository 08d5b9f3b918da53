"""A past archive brought from an older site: its RSS or Atom feed file read into news items
(the admin's "Import a feed" on the news list). Each entry becomes a published item with its
title, its date, its text sanitised as the editor's is (news/sanitise.py) and its address
kept in `original_url`; an entry already brought (the same address, or the same title and
day) is skipped, so a second run adds nothing. All entries or none."""

import calendar
import datetime

import feedparser
from django.db import transaction
from django.utils.html import strip_tags
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext as _

from .models import NewsItem
from .sanitise import sanitise_html


def import_feed(data):
    """Read `data` (the bytes of a feed file); returns (items created, entries skipped)."""
    feed = feedparser.parse(data)
    if not feed.entries:
        raise ValueError(_("This file holds no RSS or Atom entries."))
    created, skipped = [], 0
    with transaction.atomic():
        for entry in feed.entries:
            title = " ".join(strip_tags(entry.get("title", "")).split())[:200]
            when = entry.get("published_parsed") or entry.get("updated_parsed")
            if not title or when is None:
                raise ValueError(
                    _("An entry has no title or no date: %(entry)s")
                    % {"entry": title or entry.get("link", "?")}
                )
            published = datetime.datetime.fromtimestamp(calendar.timegm(when), datetime.UTC)
            link = entry.get("link", "")[:500]
            already = NewsItem.objects.filter(original_url=link) if link else None
            same_day = NewsItem.objects.filter(title_en=title, published_at__date=published.date())
            if (already is not None and already.exists()) or same_day.exists():
                skipped += 1
                continue
            body = entry.content[0].value if entry.get("content") else entry.get("summary", "")
            summary = " ".join(strip_tags(entry.get("summary") or body).split())
            created.append(
                NewsItem.objects.create(
                    title_en=title,
                    slug=unique_slug(title),
                    summary_en=Truncator(summary).words(60) or title,
                    body_en=sanitise_html(body),
                    published_at=published,
                    status=NewsItem.Status.PUBLISHED,
                    original_url=link,
                )
            )
    return created, skipped


def unique_slug(title):
    base = slugify(title)[:190] or "item"
    slug, n = base, 1
    while NewsItem.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug
