"""The network in figures, read by the directory's filters and totals, the region pages, the map
and the home page. Each is kept in the cache until the members change (cicopa.pagecache.cached),
in each language."""

from collections import Counter

from django.db.models import Count, Max, Min, Q, Sum
from django.utils.translation import gettext as _

from cicopa.pagecache import cached
from cicopa.translation import collation_key

from .models import Country, Organisation, Region


def members_by_country():
    """Each Country with a current member, with its Region and their number (`members`), by
    its name in the visitor's language."""

    def compute():
        countries = (
            Country.objects.filter(organisations__status=Organisation.Status.CURRENT)
            .annotate(members=Count("organisations"))
            .order_by()
        )
        # The regions shared rather than one copy per country: half as much to unpickle.
        by_id = {region.id: region for region in regions()}
        for country in countries:
            country.region = by_id[country.region_id]
        return sorted(countries, key=lambda country: collation_key(country.name))

    return cached("members:members-by-country", compute)


def regions():
    """Every Region, in their order."""
    return cached("members:regions", lambda: list(Region.objects.all()))


def totals(countries):
    """How many organisations in how many countries (and regions) these members_by_country()
    hold."""
    return {
        "organisations": sum(country.members for country in countries),
        "countries": len(countries),
        "regions": len({country.region_id for country in countries}),
    }


def by_region():
    """Each Region with how many current members it has, in how many countries."""
    by_country = members_by_country()
    return [
        {"region": region, **totals([c for c in by_country if c.region_id == region.id])}
        for region in regions()
    ]


def figures():
    """The network in figures: members by region and by category, countries by region, members
    by the year they joined, and the figures members declared."""

    def compute():
        current = Organisation.objects.current().order_by()
        categories, joined = Counter(), Counter()
        for row in current.values("category", "member_since").annotate(count=Count("*")):
            categories[row["category"]] += row["count"]
            joined[row["member_since"]] += row["count"]
        return {
            "members": sum(categories.values()),
            "by_region": by_region(),
            "by_category": [
                (label, categories[value])
                for value, label in [*Organisation.Category.choices, ("", _("Not on record"))]
            ],
            "joined": sorted((year, count) for year, count in joined.items() if year),
            "joined_unknown": joined[None],
            "declared": figures_declared(current),
        }

    return cached("members:figures", compute)


def figures_declared(organisations):
    """What members declared of their cooperatives and individual members: each total with how
    many members it adds up and the years the figures are for. A partial sum is never the
    network's total, and the page says whose it is."""
    has_cooperatives = Q(cooperatives__isnull=False)
    has_individuals = Q(individual_members__isnull=False)
    return organisations.aggregate(
        cooperatives_total=Sum("cooperatives"),
        cooperatives_declared=Count("pk", filter=has_cooperatives),
        cooperatives_first=Min("figures_year", filter=has_cooperatives),
        cooperatives_last=Max("figures_year", filter=has_cooperatives),
        cooperatives_undated=Count("pk", filter=has_cooperatives & Q(figures_year__isnull=True)),
        individuals_total=Sum("individual_members"),
        individuals_declared=Count("pk", filter=has_individuals),
        individuals_first=Min("figures_year", filter=has_individuals),
        individuals_last=Max("figures_year", filter=has_individuals),
        individuals_undated=Count("pk", filter=has_individuals & Q(figures_year__isnull=True)),
    )
