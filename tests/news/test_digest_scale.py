"""A digest to 1,000 confirmed subscribers (ten batches) with 50 new items: the queries a batch
costs do not depend on how many subscribers it holds, and each subscriber receives one mail.
The digest's time to 10,000 through a real SMTP server is bench/digest.py's, in make bench."""

import email.parser
import math
import random

import pytest
from django.db import connection
from django.utils import timezone

from members.models import Region
from news import digests
from news.models import Digest, Subscriber
from tests.factories import NewsItemFactory, OrganisationFactory
from tests.queries import SiteQueries

pytestmark = [pytest.mark.django_db, pytest.mark.both_databases]

ITEMS = 50


def test_a_digest_costs_a_few_queries_a_batch_however_many_subscribers(mailbox, settings, country):
    subscribers = 1_000
    settings.SITE_URL = "https://www.cicopa.coop"
    chance = random.Random(2017)
    regions = list(Region.objects.all())
    members = [
        OrganisationFactory(country=country(code)) for code in ("KE", "AR", "IN", "BE", "CA")
    ]
    now = timezone.now()
    for n in range(ITEMS):
        item = NewsItemFactory(published_at=now - timezone.timedelta(hours=n + 1))
        if n % 5:
            item.organisations.add(chance.choice(members))
    created = Subscriber.objects.bulk_create(
        Subscriber(
            email=f"reader{n}@example.org",
            language=chance.choice(["en", "fr", "es"]),
            status="confirmed",
            consented_at=now,
            confirmed_at=now,
        )
        for n in range(subscribers)
    )
    Subscriber.regions.through.objects.bulk_create(
        Subscriber.regions.through(subscriber_id=s.pk, region_id=chance.choice(regions).pk)
        for s in created
        if chance.random() < 0.3
    )

    with SiteQueries(connection) as captured:
        digests.send_digests()
    batches = math.ceil(subscribers / digests.BATCH)
    # Per batch: its subscribers, their regions, their record, the digest's count (and on
    # SQLite the savepoint-free transaction; nothing per subscriber).
    assert len(captured) <= 20 + 6 * batches, len(captured)
    headers = [email.parser.BytesHeaderParser().parsebytes(raw) for raw in mailbox.raw]
    assert len({message["To"] for message in headers}) == len(headers) == subscribers
    assert Digest.objects.get().mails == subscribers
