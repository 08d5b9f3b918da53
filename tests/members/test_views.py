import re

import pytest
from django.db import connection

from cicopa.pagination import KeysFirstPaginator
from members.models import Organisation
from tests.factories import OrganisationFactory
from tests.pages import start_afresh
from tests.queries import SiteQueries

pytestmark = pytest.mark.django_db

DIRECTORY = "/members/"


@pytest.fixture
def members(country):
    """A small network: two in the Americas, one in Asia-Pacific, one in Europe, one former."""
    return {
        "coboce": OrganisationFactory(
            name="Bolivian Cooperative of Cement",
            acronym="COBOCE",
            country=country("BO"),
            category="full",
        ),
        "ligacoop": OrganisationFactory(
            name="Liga de Cooperativas de Puerto Rico",
            acronym="LIGACOOP",
            country=country("PR"),
            category="associate",
        ),
        "vca": OrganisationFactory(
            name="Vietnam Cooperative Alliance",
            acronym="VCA",
            country=country("VN"),
            category="full",
        ),
        "cecop": OrganisationFactory(
            name="European Confederation of Industrial Cooperatives",
            acronym="CECOP",
            country=country("BE"),
            category="full",
        ),
        "former": OrganisationFactory(
            name="Bygone Producers' Union",
            country=country("AR"),
            status="former",
            member_since=1980,
            left_in=2010,
        ),
    }


def names(response):
    return [organisation.name for organisation in response.context["object_list"]]


def test_directory_lists_current_members_by_name_with_their_place(client, members):
    response = client.get(DIRECTORY)
    assert response.status_code == 200
    assert names(response) == [
        "Bolivian Cooperative of Cement",
        "European Confederation of Industrial Cooperatives",
        "Liga de Cooperativas de Puerto Rico",
        "Vietnam Cooperative Alliance",
    ]
    html = response.content.decode()
    assert f'href="{members["ligacoop"].get_absolute_url()}"' in html
    assert "LIGACOOP" in html and "Puerto Rico · Americas" in html
    assert "Bygone" not in html
    assert "4 organisations in 4 countries" in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("region=americas", {"coboce", "ligacoop"}),
        ("region=asia-pacific", {"vca"}),
        ("region=africa", set()),
        ("country=PR", {"ligacoop"}),
        ("category=associate", {"ligacoop"}),
        ("category=full", {"coboce", "vca", "cecop"}),
        ("q=cooperative", {"coboce", "vca", "cecop"}),  # name, case-insensitive
        ("q=cecop", {"cecop"}),  # acronym
        ("q=bygone", set()),  # former members never in the directory
        ("region=americas&category=full", {"coboce"}),
        ("region=americas&q=liga", {"ligacoop"}),
        ("region=europe&country=BO", set()),
    ],
)
def test_filters_narrow_and_combine(client, members, query, expected):
    response = client.get(f"{DIRECTORY}?{query}")
    assert response.status_code == 200
    assert set(names(response)) == {members[key].name for key in expected}
    assert not response.context["filter"].errors


def test_count_sentence_follows_the_filters(client, members, country):
    OrganisationFactory(name="Second Bolivian", country=country("BO"))
    html = client.get(f"{DIRECTORY}?region=americas").content.decode()
    assert "3 organisations in 2 countries" in html
    html = client.get(f"{DIRECTORY}?country=PR").content.decode()
    assert "1 organisation in 1 country" in html


def test_country_choices_are_the_countries_with_members(client, members):
    form = client.get(DIRECTORY).context["filter"].form
    codes = [code for code, _ in form.fields["country"].choices if code]
    assert sorted(str(c) for c in codes) == ["BE", "BO", "PR", "VN"]


def test_choices_carry_their_member_counts(client, members):
    html = client.get(DIRECTORY).content.decode()
    for label in ["Africa (0)", "Americas (2)", "Asia-Pacific (1)", "Europe (1)", "Bolivia (1)"]:
        assert f">{label}</option>" in html, label


def test_pages_of_25_keep_the_filters(client, country):
    for n in range(30):
        OrganisationFactory(name=f"Peru Coop {n:02}", country=country("PE"))
    OrganisationFactory(name="Peru Coop 99 in France", country=country("FR"))

    first = client.get(f"{DIRECTORY}?region=americas")
    assert len(first.context["object_list"]) == 25
    html = first.content.decode()
    assert "30 organisations in 1 country" in html
    assert 'href="?region=americas&amp;page=2"' in html

    second = client.get(f"{DIRECTORY}?region=americas&page=2")
    assert names(second) == [f"Peru Coop {n:02}" for n in range(25, 30)]
    assert 'href="?region=americas&amp;page=1"' in second.content.decode()


@pytest.mark.parametrize("shallow", [0, 1000])
def test_pages_split_members_of_one_name_by_their_order(client, country, monkeypatch, shallow):
    # Deep pages' keys are sorted first, then their rows read: ties must fall the same way.
    monkeypatch.setattr(KeysFirstPaginator, "SHALLOW", shallow)
    created = [OrganisationFactory(name="Same Name", country=country("PE")) for _ in range(30)]
    shown = [
        organisation.pk
        for page in (1, 2)
        for organisation in client.get(f"{DIRECTORY}?page={page}").context["object_list"]
    ]
    assert shown == [organisation.pk for organisation in created]


def test_the_kept_filter_form_follows_the_selection_and_the_members(client, country):
    for n in range(30):
        OrganisationFactory(name=f"Peru Coop {n:02}", country=country("PE"))
    assert "Peru (30)</option>" in client.get(f"{DIRECTORY}?page=2").content.decode()
    selected = client.get(f"{DIRECTORY}?country=PE&page=2").content.decode()
    assert '<option value="PE" selected>Peru (30)</option>' in selected

    OrganisationFactory(name="Chilean Coop", country=country("CL"))
    html = client.get(f"{DIRECTORY}?page=2").content.decode()
    assert "Peru (30)</option>" in html and "Chile (1)</option>" in html
    assert " selected>Peru" not in html


def test_free_text_is_echoed_as_typed_each_time(client, members):
    # Pages with free text are not kept, nor is their filter form.
    assert 'value="Liga"' in client.get(f"{DIRECTORY}?q=Liga").content.decode()
    html = client.get(f"{DIRECTORY}?q=Vietnam").content.decode()
    assert 'value="Vietnam"' in html and 'value="Liga"' not in html


@pytest.mark.parametrize("page", ["-1", "0", "abc", "3", "99999999999999999999"])
def test_pages_that_do_not_exist_are_404(client, members, page):
    assert client.get(f"{DIRECTORY}?page={page}").status_code == 404


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("region=atlantis", "region"),
        ("country=ZZ", "country"),
        ("category=honorary", "category"),
        ("q=" + "x" * 5000, "q"),
        ("q=%00", "q"),
        ("q=coop%00erative", "q"),
        ("region=%00", "region"),
        ("country=B%00", "country"),
        ("region=americas%00", "region"),
    ],
)
def test_hostile_query_strings_are_form_errors(client, members, query, field):
    response = client.get(f"{DIRECTORY}?{query}")
    assert response.status_code == 400  # so that no cache keeps a page for each
    assert field in response.context["filter"].errors
    assert names(response) == []
    html = response.content.decode()
    assert "could not be read" in html
    assert "\x00" not in html


@pytest.mark.parametrize(
    "query",
    ["region=americas&region=europe", "q[]=1", "page=1&page=2", "%ff=%fe", "q=%ff%fe", "q=%"],
)
def test_odd_query_strings_never_fail(client, members, query):
    # A parameter the directory does not read is redirected away.
    assert client.get(f"{DIRECTORY}?{query}", follow=True).status_code in (200, 404)


def test_organisation_page_shows_everything_public(client, country):
    organisation = OrganisationFactory(
        name="Vietnam Cooperative Alliance",
        acronym="VCA",
        country=country("VN"),
        category="full",
        website="https://vca.example.org/",
        member_since=2016,
        ica_member_since=1961,
        cooperatives=18024,
        individual_members=7386572,
        figures_year=2015,
        description="A national organisation.\n\nSecond paragraph.",
    )
    response = client.get(organisation.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    for text in [
        "Vietnam Cooperative Alliance",
        "(VCA)",
        "Vietnam",
        "Asia-Pacific",
        "Full member",
        "https://vca.example.org/",
        "2016",
        "1961",
        "18,024",
        "7,386,572",
        "Key figures (2015)",
        "<p>Second paragraph.</p>",
    ]:
        assert text in html, text
    assert "Former member" not in html


@pytest.mark.parametrize("path", ["/members/?country=AR", "/fr/members/?country=DE"])
def test_a_country_without_current_members_shows_none_and_the_way_back(client, members, path):
    # Argentina: a former member's country, linked from its page's breadcrumb.
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert "could not be read" not in html and "pourraient" not in html
    assert not response.context["filter"].errors
    assert names(response) == []
    assert re.search(r'<option value="(AR|DE)" selected>(Argentina|Allemagne) \(0\)</option>', html)
    assert ("0 organisations" in html) or ("0 organisation" in html)
    assert re.search(r'href="(/fr)?/members/">(See every member|Voir tous les membres)</a>', html)


def test_a_former_member_s_breadcrumb_leads_to_its_country(client, members):
    page = client.get(members["former"].get_absolute_url()).content.decode()
    link = re.search(r'href="(/members/\?country=AR)"', page).group(1)
    assert client.get(link).status_code == 200


def test_a_former_member_keeps_its_page_marked_as_former(client, members):
    response = client.get(members["former"].get_absolute_url())
    assert response.status_code == 200
    assert "Former member: left CICOPA in 2010." in response.content.decode()


@pytest.mark.parametrize(
    "path",
    ["/members/no-such-member/", "/members/not%20a%20slug/", "/members/%00/", "/members/a/b/"],
)
def test_unknown_or_malformed_organisation_is_404(client, members, path):
    assert client.get(path).status_code == 404


def _directory_queries(client, query=""):
    start_afresh()
    with SiteQueries(connection) as queries:
        assert client.get(f"{DIRECTORY}?{query}").status_code == 200
    return len(queries)


@pytest.mark.parametrize("query", ["", "region=americas&category=full&q=coop"])
def test_directory_query_count_does_not_grow_with_members(client, country, query):
    OrganisationFactory.create_batch(5, country=country("BO"), category="full")
    few = _directory_queries(client, query)
    countries = [country(code) for code in ("AR", "BR", "CL", "MX", "PE")]
    for n in range(195):
        OrganisationFactory(country=countries[n % 5], category="full")
    assert Organisation.objects.count() == 200
    assert _directory_queries(client, query) == few
    assert few <= 5


@pytest.mark.parametrize("path", ["/members/", "/members/?q=cement", "/members/regions/americas/"])
def test_lists_of_members_leave_the_descriptions_in_the_database(client, members, path):
    with SiteQueries(connection) as queries:
        assert client.get(path).status_code == 200
    rows = [q["sql"] for q in queries if '"members_organisation"."slug"' in q["sql"]]
    assert rows and not [sql for sql in rows if "description_" in sql]
