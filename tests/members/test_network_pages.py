"""Region pages and their feeds, the world map, and the network in figures."""

import re

import feedparser
import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from members import worldmap
from members.models import Organisation
from members.network import members_by_country
from tests.factories import NewsItemFactory, OrganisationFactory
from tests.queries import SiteQueries

pytestmark = pytest.mark.django_db


@pytest.fixture
def network(country):
    """Two members in Bolivia, one in Puerto Rico, one in Singapore (too small to draw), one in
    Belgium, a former one in Chile; news about Bolivia and about Belgium."""
    bolivia = OrganisationFactory(
        name="Bolivian Cooperative of Cement",
        country=country("BO"),
        category="full",
        member_since=2016,
        cooperatives=10,
        figures_year=2014,
    )
    OrganisationFactory(name="Cooperativa Andina", country=country("BO"), member_since=2016)
    OrganisationFactory(
        name="Liga de Cooperativas de Puerto Rico",
        country=country("PR"),
        category="associate",
        member_since=2010,
        cooperatives=5,
        individual_members=700,
        figures_year=2015,
    )
    OrganisationFactory(name="Singapore Workers Union", country=country("SG"), cooperatives=1)
    belgium = OrganisationFactory(name="Belgian Federation", country=country("BE"))
    OrganisationFactory(
        name="Former Chilean Union", country=country("CL"), status="former", left_in=2015
    )
    about_bolivia = NewsItemFactory(title="Cement cooperative grows")
    about_bolivia.organisations.add(bolivia)
    about_belgium = NewsItemFactory(title="Brussels assembly")
    about_belgium.organisations.add(belgium)
    draft = NewsItemFactory(title="Secret Andean draft", status="draft")
    draft.organisations.add(bolivia)
    return {"bolivia": bolivia, "belgium": belgium}


def test_a_region_page_shows_its_members_countries_and_news(client, network):
    html = client.get("/members/regions/americas/").content.decode()
    assert "<h1>Americas</h1>" in html
    assert "<strong>3 member organisations</strong> in <strong>2 countries</strong>" in html
    for name in ["Bolivian Cooperative of Cement", "Cooperativa Andina", "Liga de Cooperativas"]:
        assert name in html
    assert "Belgian Federation" not in html and "Former Chilean Union" not in html
    assert re.search(r'\?country=BO">Bolivia</a></th><td class="number">2</td>', html)
    assert "Cement cooperative grows" in html
    assert "Brussels assembly" not in html and "Secret Andean draft" not in html
    assert 'href="/members/?region=americas"' in html  # the directory, narrowed to it


def test_a_region_s_kept_aside_follows_its_members_news_and_language(client, network, country):
    for n in range(30):  # two pages: the aside is kept once for both
        OrganisationFactory(name=f"Peruvian Cooperative {n:02}", country=country("PE"))
    second = client.get("/members/regions/americas/?page=2").content.decode()
    assert re.search(r'\?country=PE">Peru</a></th><td class="number">30</td>', second)

    news = NewsItemFactory(title="Lima assembly")
    news.organisations.add(Organisation.objects.get(name="Peruvian Cooperative 00"))
    OrganisationFactory(name="Chilean Union", country=country("CL"))
    html = client.get("/members/regions/americas/").content.decode()
    assert "Lima assembly" in html and re.search(r'\?country=CL">Chile</a>', html)
    assert "Cement cooperative grows" in html
    french = client.get("/fr/members/regions/americas/?page=2").content.decode()
    assert "Pérou</a>" in french and "Lima assembly" in french


def test_regions_are_linked_from_the_directory_and_organisation_pages(client, network):
    assert 'href="/members/regions/europe/"' in client.get("/members/").content.decode()
    page = client.get(network["bolivia"].get_absolute_url()).content.decode()
    assert '<a href="/members/regions/americas/">Americas</a>' in page


def test_an_unknown_region_is_404(client, network):
    for path in ["/members/regions/atlantis/", "/members/regions/atlantis/feed/"]:
        assert client.get(path).status_code == 404
    assert client.get("/members/regions/atlantis/members/feed/atom/").status_code == 404


def test_no_organisation_may_take_a_reserved_address(country):
    for slug in ["map", "figures", "regions", "feed"]:
        organisation = Organisation(name="X", slug=slug, country=country("BE"))
        with pytest.raises(ValidationError) as error:
            organisation.full_clean()
        assert "slug" in error.value.message_dict


REGION_FEEDS = {
    "/members/regions/americas/feed/": ["Cement cooperative grows"],
    "/members/regions/americas/feed/atom/": ["Cement cooperative grows"],
    # By the year they joined (2016, 2016, 2010), the later recorded first within a year.
    "/members/regions/americas/members/feed/": [
        "Cooperativa Andina",
        "Bolivian Cooperative of Cement",
        "Liga de Cooperativas de Puerto Rico",
    ],
    "/members/regions/americas/members/feed/atom/": [
        "Cooperativa Andina",
        "Bolivian Cooperative of Cement",
        "Liga de Cooperativas de Puerto Rico",
    ],
}


@pytest.mark.parametrize("prefix", ["", "/fr", "/es"])
@pytest.mark.parametrize("path", REGION_FEEDS)
def test_region_feeds_are_valid_hold_the_region_only_and_answer_304(client, network, path, prefix):
    response = client.get(prefix + path)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert [entry.title for entry in feed.entries] == REGION_FEEDS[path]
    assert all(f"http://testserver{prefix}/" in entry.link for entry in feed.entries)
    assert client.get(prefix + path, headers={"if-none-match": response["ETag"]}).status_code == 304
    page = client.get(f"{prefix}/members/regions/americas/").content.decode()
    assert f'href="{prefix}{path}"' in page.split("</head>")[0]


def test_a_region_feed_changes_when_its_news_does(client, network):
    path = "/members/regions/americas/feed/"
    etag = client.get(path)["ETag"]
    item = NewsItemFactory(title="Andean workers meet")
    item.organisations.add(network["bolivia"])
    response = client.get(path, headers={"if-none-match": etag})
    assert response.status_code == 200
    assert "Andean workers meet" in response.content.decode()


def test_region_feeds_speak_the_visitor_s_language(client, network):
    feed = feedparser.parse(client.get("/fr/members/regions/americas/members/feed/").content)
    assert feed.feed.title == "CICOPA\u00a0: nouveaux membres – Amériques"  # French spacing
    assert "Bolivie (Amériques)" in feed.entries[0].summary


def links(html):
    return dict(
        re.findall(r'<a href="/[a-z/]*members/\?country=(\w\w)" aria-label="([^"]+)">', html)
    )


def test_the_map_links_member_countries_with_their_names_and_counts(client, network):
    html = client.get("/members/map/").content.decode()
    svg = html.split('<svg class="world-map"')[1].split("</svg>")[0]
    assert links(svg) == {
        "BO": "Bolivia: 2 members",
        "PR": "Puerto Rico: 1 member",
        "BE": "Belgium: 1 member",
    }
    assert 'aria-label="Bolivia: 2 members"><path class="shade-2"' in svg
    assert 'aria-label="Belgium: 1 member"><path class="shade-1"' in svg
    assert "CL" not in links(svg)  # a former member's country is not shaded
    # Singapore is a member country too small for the map: named beside it.
    assert "Too small to draw at this scale: Singapore (1)." in html
    # The same figures as tables, by region.
    assert re.search(r'\?country=SG">Singapore</a></th><td class="number">1</td>', html)
    assert '<caption><a href="/members/regions/americas/">Americas</a></caption>' in html


def test_the_map_escapes_the_names_staff_write(client, country):
    bolivia, singapore = country("BO"), country("SG")
    bolivia.name_en, singapore.name_en = "Bolivia <b>\"&'", "Singa<pore>"
    bolivia.save()
    singapore.save()
    OrganisationFactory(country=bolivia)
    OrganisationFactory(country=singapore)
    html = client.get("/").content.decode()
    name = "Bolivia &lt;b&gt;&quot;&amp;&#x27;"
    assert f'aria-label="{name}: 1 member"><path class="shade-1"' in html
    assert f"<title>{name}: 1 member</title>" in html
    assert f'<th scope="row">{name}</th><td class="number">1</td>' in html
    assert "Too small to draw at this scale: Singa&lt;pore&gt; (1)." in html
    assert "<b>" not in html and "<pore>" not in html


def test_the_map_speaks_the_visitor_s_language(client, network):
    svg = client.get("/es/members/map/").content.decode()
    assert links(svg)["BO"] == "Bolivia: 2 miembros"
    assert 'href="/es/members/?country=BO"' in svg
    assert (
        links(client.get("/fr/members/map/").content.decode())["BE"] == "Belgique\u00a0: 1 membre"
    )


def test_the_home_page_has_the_map_small_with_its_table(client, network):
    html = client.get("/").content.decode()
    assert 'class="world-map-figure small"' in html
    assert links(html)["BO"] == "Bolivia: 2 members"
    table = html.split('class="screen-reader-and-print"')[1].split("</table>")[0]
    assert '<th scope="row">Bolivia</th><td class="number">2</td>' in table


def test_the_map_is_drawn_once_until_the_members_change(
    network, country, django_assert_num_queries
):
    first = worldmap.world_map(members_by_country())
    with django_assert_num_queries(0):
        assert worldmap.world_map(members_by_country()) == first
    OrganisationFactory(name="Uruguayan Federation", country=country("UY"))
    assert "Uruguay: 1 member" in worldmap.world_map(members_by_country())["svg"]


def test_the_map_page_costs_no_more_than_the_home_page(client, network):
    # The home page's sixth: beside the news, the next event and the latest publication (#32).
    for path, budget in [("/", 6), ("/members/map/", 5)]:
        with SiteQueries(connection) as queries:
            client.get(path)
        assert len(queries) <= budget, path


def test_the_network_in_figures(client, network):
    html = client.get("/members/figures/").content.decode()
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    assert "5 current member organisations" in text
    assert "Americas 3 2" in text and "Europe 1 1" in text and "Africa 0 0" in text
    assert "Full member 1" in text and "Associate member 1" in text and "Not on record 3" in text
    # Joined per year: a bar a year that has members, every year on the axis.
    chart = html.split('<svg class="bar-chart"')[1].split("</svg>")[0]
    assert re.findall(r"<title>(\d{4}: [^<]+)</title>", chart) == [
        "2010: 1 member",
        "2016: 2 members",
    ]
    assert "2010 1" in text and "2016 2" in text
    assert "The year they joined is not on record for 2 members." in text
    # Declared figures: a sum of what some members declared, said to be so, never a total.
    assert "16, declared by 3 members of 5; figures for 2014 to 2015; 1 without a year." in text
    assert "700, declared by 1 member of 5; figures for 2015." in text
    assert "not totals for the whole network" in text


def test_the_network_in_figures_in_french(client, network):
    text = re.sub(
        r"\s+", " ", re.sub(r"<[^>]+>", " ", client.get("/fr/members/figures/").content.decode())
    )
    assert "Le réseau en chiffres" in text
    assert "16, déclaré par 3 membres sur 5" in text


def test_the_regions_have_a_page_of_their_own(client, network):
    html = client.get("/members/regions/").content.decode()
    assert "<h1>Regions</h1>" in html
    assert re.search(
        r'href="/members/regions/americas/">Americas</a></th>'
        r'<td class="number">3</td><td class="number">2</td>',
        html,
    )
    assert re.search(
        r'href="/members/regions/europe/">Europe</a></th><td class="number">1</td>', html
    )
    assert 'href="/members/regions/"' in client.get("/members/").content.decode()
    french = client.get("/fr/members/regions/").content.decode()
    assert 'href="/fr/members/regions/americas/">Amériques</a>' in french
