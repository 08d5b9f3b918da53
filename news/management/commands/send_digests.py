import signal
import sys

from django.core.management.base import BaseCommand

from news import digests


class Command(BaseCommand):
    help = (
        "Send the news digest to confirmed subscribers when the schedule says one is due and "
        "there is news; finish a digest whose sending stopped. Run it from cron, say hourly."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--now", action="store_true", help="Send what is new, whatever the schedule."
        )

    def handle(self, *args, **options):
        # Stopped (a deploy, a restart): record who has had their mail before leaving.
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
        digest = digests.send_digests(now_regardless_of_schedule=options["now"])
        if digest is None:
            self.stdout.write(
                "Nothing to send: no confirmed subscriber, no news since the last digest, or "
                "not due yet (--now sends what is new). Items dated more than two periods "
                "back never go by mail."
            )
        else:
            digest.refresh_from_db()
            self.stdout.write(
                f"{digest}: {digest.items.count()} item(s), {digest.mails} mail(s) sent."
            )
