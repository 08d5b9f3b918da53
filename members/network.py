"""The network in figures, read by the directory's filters and totals, the region pages and the
home page. Each is cached until the members change (cicopa.pagecache.fragment), in each
language."""

from collections import Counter

from django.db import DEFAULT_DB_ALIAS
from django.db.models import Count, Max, Min, Q, Sum
from django.utils.translation import gettext as _

from cicopa.compiled import compiled
from cicopa.pagecache import fragment
from cicopa.translation import collation_key, in_visitors_language

from .models import Country, Organisation, Region


@compiled
def _countries_with_members():
    return Country.objects.filter(members__gt=0).values_list(
        "pk", "code", *in_visitors_language("name"), "region", "members"
    )


def members_by_country():
    """[(country id, code, name, region id, members)] for each country with a current member,
    by its name in the visitor's language."""

    def compute():
        rows = [
            (pk, code, name or english, region_id, members)
            for pk, code, name, english, region_id, members in _countries_with_members()
        ]
        return sorted(rows, key=lambda row: collation_key(row[2]))

    return fragment("members-by-country", compute)


REGION_COLUMNS = [field.attname for field in Region._meta.concrete_fields]


@compiled
def _regions():
    return Region.objects.values_list(*REGION_COLUMNS)


def regions():
    """Every Region, in their order: their names follow the visitor's language by themselves."""
    return fragment(
        "regions",
        lambda: [Region.from_db(DEFAULT_DB_ALIAS, REGION_COLUMNS, row) for row in _regions()],
    )


def region(slug):
    """The Region with this slug, or None: read from the cached list, not the database."""
    return next((row for row in regions() if row.slug == slug), None)


def totals(by_country):
    """How many organisations in how many countries some rows of members_by_country() hold."""
    return {"organisations": sum(row[-1] for row in by_country), "countries": len(by_country)}


def figures():
    """The network in figures: members by region and by category, countries by region, members
    by the year they joined, and the figures members declared. Three queries, cached."""

    def compute():
        by_country = members_by_country()
        by_region = [
            {
                "region": row,
                "members": sum(c[-1] for c in by_country if c[3] == row.id),
                "countries": sum(1 for c in by_country if c[3] == row.id),
            }
            for row in regions()
        ]
        current = Organisation.objects.current().order_by()
        categories, joined = Counter(), Counter()
        for category, year, count in current.values_list("category", "member_since").annotate(
            count=Count("*")
        ):
            categories[category] += count
            joined[year] += count
        declared = figures_declared(current)
        return {
            "members": sum(categories.values()),
            "by_region": by_region,
            "by_category": [
                (label, categories[value])
                for value, label in [*Organisation.Category.choices, ("", _("Not on record"))]
            ],
            "joined": sorted((year, count) for year, count in joined.items() if year),
            "joined_unknown": joined[None],
            "declared": declared,
        }

    return fragment("network-figures", compute)


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
