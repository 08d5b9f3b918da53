from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from cicopa import enrolment


class Command(BaseCommand):
    help = (
        "Mail a staff account the link that enrols its second factor, and print it: for the "
        "first administrator of a new installation (after createsuperuser)."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, username, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None or not (user.is_staff and user.is_active):
            raise CommandError(f"No active staff account is named {username!r}.")
        if user.email:
            enrolment.send_link(user)
            self.stdout.write(f"Sent to {user.email}.")
        self.stdout.write(
            f"The link, valid once for {enrolment.lifetime()}: {enrolment.link(user)}"
        )
