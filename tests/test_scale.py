"""Query budgets with 10,000 organisations, 20,000 news items, 2,000 events and 2,000
publications: the number of queries a page costs does not depend on the size of the data or
the page number."""

import datetime

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection

from members.models import Organisation
from news.models import Event, NewsItem
from publications.models import Publication
from tests.pages import start_afresh
from tests.queries import SiteQueries

pytestmark = [pytest.mark.django_db, pytest.mark.both_databases]


@pytest.fixture(scope="module")
def big_network(django_db_setup, django_db_blocker):
    """Generated once for this module, committed, and removed afterwards."""
    with django_db_blocker.unblock():
        call_command("load_initial_content", verbosity=0)
        call_command("generate_data", organisations=10_000, news=20_000, verbosity=0)
        events_and_publications(2000)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        yield {
            "organisation": Organisation.objects.filter(slug__startswith="generated-").first(),
            "item": NewsItem.objects.published().filter(organisations__isnull=False).first(),
        }
        # Whole tables emptied in SQL: the ORM's delete would read back every row first.
        with connection.cursor() as cursor:
            for model in (
                NewsItem.organisations.through,
                NewsItem,
                Event,
                Publication.organisations.through,
                Publication.regions.through,
                Publication,
                Organisation,
            ):
                cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")


def events_and_publications(count):
    """The network's events and publications (#32), past ones."""
    Event.objects.bulk_create(
        Event(
            title_en=f"Seminar {n}",
            slug=f"seminar-{n}",
            summary_en="Members meet on worker ownership.",
            start_date=datetime.date(2020, 1, 1) + datetime.timedelta(days=n % 1500),
            end_date=datetime.date(2020, 1, 1) + datetime.timedelta(days=n % 1500),
            online_url="https://meet.example.org/",
            status="published",
        )
        for n in range(count)
    )
    Publication.objects.bulk_create(
        Publication(
            title_en=f"Report {n}",
            slug=f"report-{n}",
            summary_en="Cooperatives and employment.",
            text="The figures of worker cooperatives, country by country.",
            year=1990 + n % 35,
            status="published",
        )
        for n in range(count)
    )


def queries(client, url, expected_status=200):
    start_afresh()  # every measure is of a page rendered afresh
    with SiteQueries(connection) as captured:
        response = client.get(url)
    assert response.status_code == expected_status, url
    return len(captured)


def num_pages(client, url):
    start_afresh()
    return client.get(url).context["paginator"].num_pages


def test_the_data_is_there(big_network):
    assert Organisation.objects.count() == 10_003
    assert NewsItem.objects.count() == 20_001
    assert Organisation.objects.values("country").distinct().count() == 249


DIRECTORY_FILTERS = [
    "",
    "region=africa",
    "region=americas&category=full",
    "country=BO",
    "q=federation",
    "region=europe&country=FR&category=associate&q=union",
]


# Every language: English unprefixed, then French and Spanish.
LANGUAGE_PREFIXES = ["", "/fr", "/es"]


@pytest.mark.parametrize("prefix", LANGUAGE_PREFIXES)
@pytest.mark.parametrize("filters", DIRECTORY_FILTERS)
def test_directory_costs_at_most_5_queries_on_any_page(client, big_network, filters, prefix):
    directory = f"{prefix}/members/?{filters}"
    first = queries(client, directory)
    assert first <= 5
    last_page = num_pages(client, directory)
    assert queries(client, f"{directory}&page={last_page}") == first
    if last_page >= 400:
        assert queries(client, f"{directory}&page=400") == first


def test_directory_page_400_of_the_unfiltered_list(client, big_network):
    pages = num_pages(client, "/members/")
    assert pages > 380  # 10,000 members, a few of them former, 25 a page
    assert queries(client, "/members/?page=380") <= 5


@pytest.mark.parametrize(
    ("url", "budget"),
    [
        ("organisation", 4),
        ("/news/", 4),
        ("/news/?page=1500", 4),
        ("/news/2017/", 4),
        ("/news/2017/?page=50", 4),
        ("item", 4),
        ("/", 6),  # with the next event and the latest publication (#32)
        ("/members/map/", 5),
        ("/members/figures/", 6),
        # Its aside: the countries, the news and (#32) the coming events, one query each.
        ("/members/regions/americas/", 7),
        ("/members/regions/americas/?page=20", 7),
        # A region's feeds: the site feeds' three, and the region looked up (cached after).
        ("/members/regions/europe/feed/", 4),
        ("/members/regions/europe/members/feed/atom/", 4),
        ("/news/feed/", 3),
        ("/news/feed/atom/", 3),
        ("/members/feed/", 3),
        ("/events/", 4),
        ("/events/2021/?page=3", 4),
        ("/events/feed/", 3),
        ("/events/calendar.ics", 3),
        ("/publications/", 4),
        ("/publications/?kind=report&language=en", 4),
    ],
)
@pytest.mark.parametrize("prefix", LANGUAGE_PREFIXES)
def test_page_budgets(client, big_network, url, budget, prefix):
    if url in ("organisation", "item"):
        url = big_network[url].get_absolute_url()
    assert queries(client, f"{prefix}{url}") <= budget


@pytest.mark.parametrize(
    ("url", "budget"),
    [
        # A count a section; the latest change of members, news, events and publications.
        ("/sitemap.xml", 9),
        ("/sitemap-members.xml", 3),
        ("/sitemap-members.xml?p=2", 3),
        ("/sitemap-news.xml?p=3", 3),
    ],
)
def test_sitemap_budgets(client, big_network, url, budget):
    # One sitemap lists every language: measured once, not once a language.
    assert queries(client, url) <= budget


@pytest.mark.parametrize(
    ("changelist", "far_page"),
    [
        ("/admin/members/organisation/", 90),
        ("/admin/news/newsitem/", 190),
        ("/admin/members/country/", 2),
    ],
)
def test_admin_changelists_do_not_grow_with_rows(admin_client, big_network, changelist, far_page):
    first = queries(admin_client, changelist)
    assert first <= 12
    assert queries(admin_client, f"{changelist}?p={far_page}") == first
    assert queries(admin_client, f"{changelist}?q=coop") <= first + 1


@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="EXPLAIN plans are PostgreSQL's")
@pytest.mark.parametrize(
    ("filters", "region"),
    [("region=americas", "americas"), ("region=africa&category=full", "africa")],
)
def test_the_region_filtered_directory_never_scans_the_whole_organisation_table(
    client, big_network, filters, region
):
    cache.clear()
    with SiteQueries(connection) as captured:
        client.get(f"/members/?{filters}")
    # The queries the region filter shapes (the members-by-country count, shared by every
    # directory page, reads its own index once autovacuum has run).
    filtered = [
        q["sql"]
        for q in captured
        if 'FROM "members_organisation"' in q["sql"] and f"'{region}'" in q["sql"]
    ]
    assert filtered
    for sql in filtered:
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN {sql}")
            plan = "\n".join(row[0] for row in cursor.fetchall())
        assert "Seq Scan on members_organisation" not in plan, plan


def test_the_whole_directory_exports_in_a_few_queries(client, big_network):
    cache.clear()
    with SiteQueries(connection) as captured:
        response = client.get("/members/export.csv")
        lines = sum(chunk.count(b"\n") for chunk in response.streaming_content)
    assert lines == Organisation.objects.current().count() + 1  # and the header
    assert len(captured) <= 5  # the filter's choices, then one query read in chunks


@pytest.mark.parametrize("prefix", LANGUAGE_PREFIXES)
@pytest.mark.parametrize("words", ["cooperative", '"worker cooperative" -cement', "federation"])
def test_a_search_costs_a_query_a_kind_on_the_whole_network(client, big_network, prefix, words):
    assert (
        queries(client, f"{prefix}/search/?q={words}") <= 4
    )  # news, events, publications, members


@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="EXPLAIN plans are PostgreSQL's")
@pytest.mark.parametrize("prefix", LANGUAGE_PREFIXES)
def test_a_search_reads_its_index_never_the_whole_tables(client, big_network, prefix):
    with SiteQueries(connection) as captured:
        client.get(f"{prefix}/search/?q=textiles")
    searched = [q["sql"] for q in captured if "@@" in q["sql"]]
    assert len(searched) == 4
    for sql in searched:
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN {sql}")
            plan = "\n".join(row[0] for row in cursor.fetchall())
        assert "Seq Scan on news_newsitem" not in plan, plan
        assert "Seq Scan on members_organisation" not in plan, plan
        assert "Seq Scan on news_event" not in plan, plan
        assert "Seq Scan on publications_publication" not in plan, plan
        assert "_search_" in plan, plan  # one of news 0009's, 0015's or 0016's GIN indexes
