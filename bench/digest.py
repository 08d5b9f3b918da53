"""The news digest to 10,000 confirmed subscribers with 50 new items, sent through a real SMTP
server (aiosmtpd's sink, in a process of its own): how long the run takes and how many queries
it makes. Run by bench/measure.py on the benchmark database, in its environment; it removes
what it adds and prints its figures as one line of JSON."""

import json
import os
import random
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scripts import nginx_front  # noqa: E402

SUBSCRIBERS = 10_000
ITEMS = 50


def smtp_sink():
    port = nginx_front.free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{port}", "-c",
         "aiosmtpd.handlers.Sink"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 20
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return server, port
        except OSError:
            if time.monotonic() > deadline:
                raise SystemExit("the SMTP sink did not start") from None
            time.sleep(0.1)


def main():
    server, port = smtp_sink()
    os.environ["EMAIL_URL"] = f"smtp://127.0.0.1:{port}"
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from members.models import Organisation, Region
    from news import digests
    from news.models import Digest, NewsItem, Subscriber

    chance = random.Random(2017)
    now = timezone.now()
    members = list(Organisation.objects.current().order_by("?")[:40])
    regions = list(Region.objects.all())
    items = []
    for n in range(ITEMS):
        item = NewsItem.objects.create(
            title_en=f"Digest benchmark item {n}",
            title_fr=f"Article du banc d'essai {n}" if n % 2 else "",
            slug=f"digest-benchmark-{n}",
            summary_en="One of the new items of the digest benchmark.",
            status=NewsItem.Status.PUBLISHED,
            published_at=now - timezone.timedelta(hours=n + 1),
        )
        if n % 5:
            item.organisations.add(chance.choice(members))
        items.append(item.pk)
    subscribers = Subscriber.objects.bulk_create(
        Subscriber(
            email=f"digest-benchmark-{n}@example.org",
            language=chance.choice(["en", "fr", "es"]),
            status=Subscriber.Status.CONFIRMED,
            consented_at=now,
            confirmed_at=now,
        )
        for n in range(SUBSCRIBERS)
    )
    Subscriber.regions.through.objects.bulk_create(
        Subscriber.regions.through(subscriber_id=s.pk, region_id=chance.choice(regions).pk)
        for s in subscribers
        if chance.random() < 0.3
    )
    try:
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            digest = digests.send_digests(now_regardless_of_schedule=True)
            seconds = time.perf_counter() - started
        digest.refresh_from_db()
        figures = {
            "subscribers": SUBSCRIBERS,
            "items": ITEMS,
            "mails": digest.mails,
            "seconds": seconds,
            "queries": len(captured),
            "batches": -(-SUBSCRIBERS // digests.BATCH),
        }
    finally:
        Subscriber.objects.filter(email__startswith="digest-benchmark-").delete()
        Digest.objects.all().delete()
        NewsItem.objects.filter(pk__in=items).delete()
        server.terminate()
        server.wait(timeout=10)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
