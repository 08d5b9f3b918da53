from django.core.management.base import BaseCommand

from members import rounds


class Command(BaseCommand):
    help = (
        "Remind the representatives who have not answered an open figures round, once, from a "
        "week and a day before its closing date. Run it daily from cron; it sends nothing else."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"{rounds.send_reminders()} reminder(s) sent.")
