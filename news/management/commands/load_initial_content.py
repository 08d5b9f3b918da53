from django.core.management.base import BaseCommand
from django.db import transaction

from members import initial_content as members_content
from news import initial_content as news_content


class Command(BaseCommand):
    help = (
        "Load the content the site started from (the 13 January 2017 article and the three "
        "members it announces) into an empty database; a second run changes nothing."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        members = members_content.load()
        article = news_content.load()
        self.stdout.write(
            f"Loaded {len(members)} member organisation(s) and {1 if article else 0} news item(s)."
        )
