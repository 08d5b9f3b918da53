"""The digest: the news published since a subscriber's last digest, by email, in their
language and for their regions.

`send_digests()` is the one entry: the `send_digests` command (cron) and the admin's "Send a
digest now" (a task, news/tasks.py) both call it. A run first finishes a digest whose sending
stopped; otherwise, when the schedule says one is due and there is news, it starts one with
the items published since the last. It then sends in batches of subscribers. Each batch is
recorded, subscriber by subscriber, as far as it got, even when the mail server fails or the
process is stopped (SIGTERM): a run after a crash sends nobody a mail twice and skips nobody.
Only a hard kill between a batch's mails and its commit can repeat that batch's mails.

Which items: those public now, in no earlier digest, dated within the last two periods of the
schedule (at least two weeks): an item published late after its draft was dated still goes
out, an archive brought from an older site never does. Which subscribers' items: news about
an organisation in one of their regions, or about none in particular (news for the whole
network); all of it when they chose no region."""

import datetime
import logging
import smtplib
from collections import defaultdict

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import F, Min, Q
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from .models import Digest, DigestSchedule, Event, NewsItem, Subscriber
from .subscriptions import links, mail

logger = logging.getLogger(__name__)

BATCH = 100
SHORTEST_LOOKBACK = datetime.timedelta(days=14)
UPCOMING_EVENTS = 5  # at most, under the news of each digest


def due(digest):
    """Confirmed subscribers who have not had `digest` yet."""
    return Subscriber.objects.confirmed().filter(
        Q(last_digest__isnull=True) | Q(last_digest__lt=digest)
    )


def send_digests(now_regardless_of_schedule=False):
    """Send what is due; returns the digest sent (or finished), or None."""
    digest = Digest.objects.order_by("-pk").first()
    if digest is None or not due(digest).exists():
        digest = start_digest(now_regardless_of_schedule)
        if digest is None:
            return None
    send(digest)
    return digest


def start_digest(now_regardless_of_schedule):
    now = timezone.now()
    schedule = DigestSchedule.current()
    latest = Digest.objects.order_by("-pk").first()
    if latest and not now_regardless_of_schedule:
        # By the day: a daily cron job that runs a few seconds early still finds it due.
        next_day = timezone.localdate(latest.created_at) + schedule.period
        if timezone.localdate(now) < next_day:
            return None
    lookback = max(SHORTEST_LOOKBACK, 2 * schedule.period)
    items = list(
        NewsItem.objects.published()
        .filter(digests__isnull=True, published_at__gte=now - lookback)
        .values_list("pk", flat=True)
    )
    if not items or not Subscriber.objects.confirmed().exists():
        return None  # nothing new, or nobody to tell: nothing goes out
    digest = Digest.objects.create()
    digest.items.set(items)
    return digest


class Items:
    """The items a run may send, read once: each digest's public items, with the regions
    they are about, newest first."""

    def __init__(self, digest):
        first = due(digest).aggregate(first=Min("last_digest"))["first"] or 0
        digests = Digest.objects.filter(pk__gt=first, pk__lte=digest.pk)
        through = Digest.items.through.objects.filter(digest__in=digests)
        self.by_digest = defaultdict(set)
        for row in through.values("digest_id", "newsitem_id"):
            self.by_digest[row["digest_id"]].add(row["newsitem_id"])
        self.items = {
            item.pk: item
            for item in NewsItem.objects.published()
            .summaries()
            .filter(pk__in=through.values("newsitem_id"))
        }
        self.regions = defaultdict(set)
        about = NewsItem.organisations.through.objects.filter(newsitem_id__in=self.items)
        for row in about.values("newsitem_id", "organisation__country__region_id"):
            self.regions[row["newsitem_id"]].add(row["organisation__country__region_id"])

        # The events coming up, each with the regions it is in (none: for everyone).
        self.events = list(
            Event.objects.published()
            .upcoming()
            .select_related("country", "organisation__country")[: UPCOMING_EVENTS * 10]
        )

    def events_for(self, regions):
        """The next events in the subscriber's regions (all of them when none is chosen), and
        those for no region in particular."""

        def event_regions(event):
            found = {event.region_id, event.country and event.country.region_id}
            if event.organisation:
                found.add(event.organisation.country.region_id)
            return found - {None}

        chosen = [
            event
            for event in self.events
            if not regions or not event_regions(event) or event_regions(event) & regions
        ]
        return chosen[:UPCOMING_EVENTS]

    def for_subscriber(self, last_digest_id, regions):
        ids = set().union(
            *(ids for pk, ids in self.by_digest.items() if pk > (last_digest_id or 0))
        )
        chosen = [
            self.items[pk]
            for pk in ids
            if pk in self.items
            and (not regions or not self.regions[pk] or self.regions[pk] & regions)
        ]
        return sorted(chosen, key=lambda item: (item.published_at, item.pk), reverse=True)


def send(digest):
    items = Items(digest)
    # The list of items, rendered once for each language and selection: subscribers share
    # a handful of them.
    rendered = {}
    with get_connection() as connection:
        while True:
            failure = None
            with transaction.atomic():
                batch = list(due(digest).select_for_update(skip_locked=True).order_by("pk")[:BATCH])
                if not batch:
                    break
                chosen = defaultdict(set)
                regions = Subscriber.regions.through.objects.filter(subscriber__in=batch)
                for row in regions.values("subscriber_id", "region_id"):
                    chosen[row["subscriber_id"]].add(row["region_id"])
                done, sent = [], 0
                try:
                    for subscriber in batch:
                        selection = items.for_subscriber(
                            subscriber.last_digest_id, chosen[subscriber.pk]
                        )
                        if selection:
                            events = items.events_for(chosen[subscriber.pk])
                            key = (
                                subscriber.language,
                                tuple(item.pk for item in selection),
                                tuple(event.pk for event in events),
                            )
                            if key not in rendered:
                                rendered[key] = render_items(subscriber.language, selection, events)
                            if deliver(digest, subscriber, rendered[key], connection):
                                sent += 1
                        done.append(subscriber.pk)
                except BaseException as error:  # noqa: B036 (SIGTERM too): keep what was sent
                    failure = error
                Subscriber.objects.filter(pk__in=done).update(last_digest=digest)
                Digest.objects.filter(pk=digest.pk).update(mails=F("mails") + sent)
            if failure is not None:
                raise failure
    Digest.objects.filter(pk=digest.pk, finished_at__isnull=True).update(finished_at=timezone.now())


def render_items(language, selection, events=()):
    with translation.override(language):
        context = {
            "items": selection,
            "events": events,
            "site_url": settings.SITE_URL.rstrip("/"),
        }
        return {
            "count": len(selection),
            "text": render_to_string("news/mail/_items.txt", context),
            "html": render_to_string("news/mail/_items.html", context),
        }


def deliver(digest, subscriber, items, connection):
    """Send one subscriber their digest. A recipient the mail server refuses (an address
    gone) is logged and passed over; anything else stops the run."""
    with translation.override(subscriber.language):
        day = formats.date_format(timezone.localdate(digest.created_at), "DATE_FORMAT")
        subject = _("CICOPA news, %(date)s") % {"date": day}
    context = {"items": items, "links": links(subscriber), "date": day}
    message = mail(subscriber, subject, "digest", context, connection=connection)
    try:
        message.send()
    except smtplib.SMTPRecipientsRefused:
        logger.warning("Digest %s: the mail server refused subscriber %s", digest.pk, subscriber.pk)
        return False
    return True
