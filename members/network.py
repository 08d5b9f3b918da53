"""The network in figures, read by the directory's filters and totals and by the home page.
Each is cached until the members change (cicopa.pagecache.fragment), in each language."""

from cicopa.pagecache import fragment
from cicopa.translation import collation_key, in_visitors_language

from .models import Country, Organisation, Region


def members_by_country():
    """[(country id, code, name, region id, members)] for each country with a current member,
    by its name in the visitor's language."""

    def compute():
        counts = Organisation.objects.current().count_by_country()
        countries = Country.objects.filter(pk__in=counts).values_list(
            "pk", "code", *in_visitors_language("name"), "region"
        )
        rows = [
            (pk, code, name or english, region_id, counts[pk])
            for pk, code, name, english, region_id in countries
        ]
        return sorted(rows, key=lambda row: collation_key(row[2]))

    return fragment("members-by-country", compute)


def regions():
    """[(id, slug, name)] of every region, in their order."""
    return fragment(
        "regions",
        lambda: [
            (pk, slug, name or english)
            for pk, slug, name, english in Region.objects.values_list(
                "id", "slug", *in_visitors_language("name")
            )
        ],
    )


def totals(by_country):
    """How many organisations in how many countries some rows of members_by_country() hold."""
    return {"organisations": sum(row[-1] for row in by_country), "countries": len(by_country)}
