"""The network in figures, read by the directory's filters and totals and by the home page.
Each is cached until the members change (cicopa.pagecache.fragment)."""

from cicopa.pagecache import fragment

from .models import Country, Organisation, Region


def members_by_country():
    """[(country id, code, name, region id, members)] for each country with a current member,
    by name."""

    def compute():
        counts = Organisation.objects.current().count_by_country()
        countries = Country.objects.filter(pk__in=counts).order_by("name")
        return [
            (pk, code, name, region_id, counts[pk])
            for pk, code, name, region_id in countries.values_list("pk", "code", "name", "region")
        ]

    return fragment("members-by-country", compute)


def regions():
    """[(id, slug, name)] of every region, in their order."""
    return fragment("regions", lambda: list(Region.objects.values_list("id", "slug", "name")))


def totals(by_country):
    """How many organisations in how many countries some rows of members_by_country() hold."""
    return {"organisations": sum(row[-1] for row in by_country), "countries": len(by_country)}
