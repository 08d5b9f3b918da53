"""Fill the database with realistic generated members and news, for benchmarks and query
budgets at scale. Generated rows are marked by their slug prefix and never touch the
initial content."""

import datetime
import random

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from members.models import Country, Organisation
from news.models import NewsItem

PREFIX = "generated-"
BATCH = 2000

KINDS = [
    "Federation of Worker Cooperatives",
    "Confederation of Industrial Cooperatives",
    "Union of Artisans' Cooperatives",
    "National Alliance of Service Cooperatives",
    "Association of Social Cooperatives",
    "League of Producers' Cooperatives",
    "Council of Construction Cooperatives",
    "Network of Transport Cooperatives",
]
SECTORS = [
    "construction",
    "textiles",
    "printing",
    "transport",
    "cleaning services",
    "social care",
    "metalwork",
    "handicrafts",
    "food processing",
    "education",
    "health care",
    "recycling",
]
TOPICS = [
    "General assembly",
    "New member",
    "Report",
    "Conference",
    "Youth employment",
    "Industrial policy",
    "Social economy",
    "Statistics",
    "Training programme",
    "World day",
]


def generated(queryset):
    return queryset.filter(slug__startswith=PREFIX)


class Command(BaseCommand):
    help = (
        "Generate --organisations and --news across every country with bulk inserts. "
        "Refuses when generated data is already present unless --replace."
    )

    def add_arguments(self, parser):
        parser.add_argument("--organisations", type=int, default=10_000)
        parser.add_argument("--news", type=int, default=20_000)
        parser.add_argument("--seed", type=int, default=2017)
        parser.add_argument(
            "--replace", action="store_true", help="delete earlier generated data first"
        )

    @transaction.atomic
    def handle(self, *args, organisations, news, seed, replace, **options):
        if organisations < 0 or news < 0:
            raise CommandError("Counts cannot be negative.")
        if generated(Organisation.objects).exists() or generated(NewsItem.objects).exists():
            if not replace:
                raise CommandError(
                    "This database already holds generated data; pass --replace to regenerate."
                )
            generated(NewsItem.objects).delete()
            generated(Organisation.objects).delete()

        rng = random.Random(seed)
        countries = list(Country.objects.order_by("code"))
        this_year = timezone.now().year

        rows = []
        for n in range(organisations):
            country = countries[n % len(countries)]  # every country gets its share
            kind = rng.choice(KINDS)
            former = rng.random() < 0.04
            joined = rng.randint(1950, this_year - 1)
            declared = rng.random() < 0.6
            rows.append(
                Organisation(
                    name=f"{kind} of {country.name} {n:05}",
                    acronym="".join(word[0] for word in kind.split() if word[0].isupper())
                    + f"{n:05}",
                    slug=f"{PREFIX}organisation-{n:05}",
                    country=country,
                    category=rng.choice(["full", "full", "full", "associate", ""]),
                    description_en=(
                        f"A {kind.lower()} bringing together cooperatives in "
                        f"{rng.choice(SECTORS)} and {rng.choice(SECTORS)} in {country.name}."
                    ),
                    website=f"https://member{n:05}.example.org/",
                    member_since=joined,
                    ica_member_since=rng.choice([None, rng.randint(1895, joined)]),
                    cooperatives=rng.randint(3, 20_000) if declared else None,
                    individual_members=rng.randint(100, 2_000_000) if declared else None,
                    figures_year=rng.randint(2010, this_year - 1) if declared else None,
                    status="former" if former else "current",
                    left_in=rng.randint(joined, this_year) if former else None,
                )
            )
        Organisation.objects.bulk_create(rows, batch_size=BATCH)  # ends the page generation
        organisation_ids = list(generated(Organisation.objects).values_list("pk", flat=True))

        now = timezone.now()
        start = now - datetime.timedelta(days=365 * 20)
        items = []
        for n in range(news):
            topic = rng.choice(TOPICS)
            when = start + datetime.timedelta(seconds=rng.randint(0, 20 * 365 * 86400))
            status = "draft" if rng.random() < 0.03 else "published"
            if rng.random() < 0.01:
                when = now + datetime.timedelta(days=rng.randint(1, 60))  # scheduled
            items.append(
                NewsItem(
                    title_en=f"{topic}: cooperatives in {rng.choice(SECTORS)} ({n:05})",
                    slug=f"{PREFIX}news-{n:05}",
                    summary_en=f"{topic} on cooperatives in {rng.choice(SECTORS)}.",
                    body_en="".join(
                        f"<p>Paragraph {p} about {rng.choice(SECTORS)} cooperatives.</p>"
                        for p in range(rng.randint(2, 6))
                    ),
                    published_at=when,
                    status=status,
                )
            )
        NewsItem.objects.bulk_create(items, batch_size=BATCH)

        through = NewsItem.organisations.through
        links = []
        if organisation_ids:
            for item_id in generated(NewsItem.objects).values_list("pk", flat=True):
                for organisation_id in rng.sample(organisation_ids, rng.randint(0, 3)):
                    links.append(through(newsitem_id=item_id, organisation_id=organisation_id))
        # In the same transaction as the items: the generation ends again when it commits.
        through.objects.bulk_create(links, batch_size=BATCH * 5)

        self.stdout.write(
            f"Generated {organisations} organisations in {len(countries)} countries, "
            f"{news} news items and {len(links)} links between them."
        )
