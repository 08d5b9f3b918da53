from django.core.management.base import BaseCommand

from pages import retention


class Command(BaseCommand):
    help = (
        "Delete the personal data kept past its period (settings.RETENTION_DAYS): requests to "
        "subscribe never confirmed, unsubscribed addresses, decided corrections, sign-in "
        "records, finished tasks, expired sessions. Run it daily from cron; running it again "
        "deletes nothing more."
    )

    def handle(self, *args, **options):
        for label, count in retention.purge():
            self.stdout.write(f"{label}: {count} deleted")
