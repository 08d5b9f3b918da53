"""The directory as CSV and JSON: what the filters select, every page, stable columns."""

import csv
import io
import json

import pytest
from django.http import StreamingHttpResponse

from members import views
from members.exports import COLUMNS
from tests.factories import OrganisationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.both_databases]


@pytest.fixture
def members(country):
    OrganisationFactory.create_batch(30, country=country("BO"), category="full")
    OrganisationFactory(
        name="Liga de Cooperativas de Puerto Rico",
        slug="ligacoop",
        acronym="LIGACOOP",
        country=country("PR"),
        category="associate",
        member_since=2010,
        ica_member_since=1990,
        cooperatives=12,
        individual_members=3400,
        figures_year=2015,
        website="https://liga.coop",
    )
    OrganisationFactory(name="Belgian Federation", country=country("BE"))
    OrganisationFactory(name="Gone", country=country("BO"), status="former", left_in=2015)


def body(response):
    assert isinstance(response, StreamingHttpResponse)  # never the whole list in memory
    return b"".join(response.streaming_content).decode()


def read_csv(response):
    text = body(response)
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


def test_csv_holds_every_page_of_what_the_filters_select(client, members):
    # A page number means nothing to a download: its address drops it.
    redirect = client.get("/members/export.csv?region=americas&page=2")
    assert redirect.status_code == 301
    assert redirect["Location"] == "/members/export.csv?region=americas"
    response = client.get(redirect["Location"])
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="cicopa-members-')
    rows = read_csv(response)
    assert len(rows) == 31  # the directory shows 25 a page; the export, all of them
    # The documented columns, in their documented order (docs/open-data.md): stable.
    assert COLUMNS == [
        "slug",
        "name",
        "acronym",
        "country_code",
        "country",
        "region",
        "category",
        "status",
        "member_since",
        "ica_member_since",
        "left_in",
        "cooperatives",
        "individual_members",
        "figures_year",
        "website",
        "url",
        "country_name",
        "region_name",
    ]
    assert list(rows[0]) == COLUMNS
    liga = next(row for row in rows if row["slug"] == "ligacoop")
    assert liga == {
        "slug": "ligacoop",
        "name": "Liga de Cooperativas de Puerto Rico",
        "acronym": "LIGACOOP",
        "country_code": "PR",
        "country": "Puerto Rico",
        "region": "americas",
        "category": "associate",
        "status": "current",
        "member_since": "2010",
        "ica_member_since": "1990",
        "left_in": "",
        "cooperatives": "12",
        "individual_members": "3400",
        "figures_year": "2015",
        "website": "https://liga.coop",
        "url": "http://testserver/members/ligacoop/",
        "country_name": "Puerto Rico",
        "region_name": "Americas",
    }
    assert not any(row["name"] in ("Belgian Federation", "Gone") for row in rows)


def test_json_matches_the_csv_in_any_language(client, members):
    data = json.loads(body(client.get("/fr/members/export.json?category=associate")))
    assert data["columns"] == COLUMNS
    assert [row["slug"] for row in data["organisations"]] == ["ligacoop"]
    liga = data["organisations"][0]
    assert liga["country"] == "Puerto Rico" and liga["individual_members"] == 3400
    assert (liga["country_name"], liga["region_name"]) == ("Porto Rico", "Amériques")
    assert liga["left_in"] is None and liga["url"] == "http://testserver/members/ligacoop/"


def test_the_export_follows_the_text_search_too(client, members):
    rows = read_csv(client.get("/members/export.csv?q=liga"))
    assert [row["slug"] for row in rows] == ["ligacoop"]


@pytest.mark.parametrize("query", ["region=atlantis", "country=XX", "q=%00", "category=gold"])
def test_a_filter_it_cannot_read_is_a_400_not_everything(client, members, query):
    response = client.get(f"/members/export.csv?{query}")
    assert response.status_code == 400
    assert "could not be read" in response.content.decode()


def test_the_directory_links_its_downloads_with_its_filters(client, members):
    html = client.get("/members/?region=americas&page=2").content.decode()
    head = html.split("</head>")[0]
    assert '<link rel="alternate" type="text/csv"' in head
    assert 'href="/members/export.csv?region=americas"' in head
    assert 'href="/members/export.json?region=americas"' in head
    assert 'href="/members/export.csv?region=americas" type="text/csv" download>CSV</a>' in html


def test_the_unfiltered_directory_links_the_whole_export(client, members):
    html = client.get("/members/?page=1").content.decode()
    assert 'href="/members/export.csv" type="text/csv" download>' in html
    html = client.get("/members/?category=full&region=americas").content.decode()
    assert 'href="/members/export.json?category=full&amp;region=americas"' in html


@pytest.mark.parametrize(
    "name, acronym",
    [
        ('=HYPERLINK("http://evil.example","Click")', "+cmd|' /C calc'!A0"),
        ("-2+3", "@SUM(A1)"),
        ("\tTabbed Union", "\rCR"),
    ],
)
def test_csv_cells_never_start_a_formula_and_json_stays_exact(client, country, name, acronym):
    OrganisationFactory(name=name, acronym=acronym, country=country("BO"), slug="formula")
    (row,) = read_csv(client.get("/members/export.csv"))
    assert row["name"] == f"'{name}" and row["acronym"] == f"'{acronym}"
    (exact,) = json.loads(body(client.get("/members/export.json")))["organisations"]
    assert exact["name"] == name and exact["acronym"] == acronym


def test_downloads_are_kept_like_pages_and_limited_per_client(client, members, monkeypatch):
    monkeypatch.setattr(views, "EXPORTS_PER_HOUR", 3)
    first = client.get("/members/export.csv?region=americas")
    assert "public" in first["Cache-Control"] and first.has_header("ETag")
    # What a cache already has costs nothing and counts for nothing.
    for _ in range(5):
        again = client.get(
            "/members/export.csv?region=americas", headers={"if-none-match": first["ETag"]}
        )
        assert again.status_code == 304
    assert client.get("/members/export.json").status_code == 200
    assert client.get("/members/export.csv?q=liga").status_code == 200
    refused = client.get("/members/export.csv?q=coop")
    assert refused.status_code == 429 and 0 < int(refused["Retry-After"]) <= 3600
    assert client.get("/members/export.csv?q=coop", REMOTE_ADDR="192.0.2.8").status_code == 200


@pytest.mark.parametrize(
    "path, separator",
    [
        ("/members/export.csv", ","),
        ("/fr/members/export.csv", ";"),
        ("/es/members/export.csv", ";"),
        ("/fr/members/export.csv?delimiter=comma", ","),
        ("/members/export.csv?delimiter=semicolon", ";"),
    ],
)
def test_csv_is_separated_as_the_visitor_s_spreadsheet_expects(client, members, path, separator):
    text = body(client.get(path))
    header = text[1:].splitlines()[0]
    assert header.startswith(f"slug{separator}name{separator}acronym")
    rows = list(csv.DictReader(io.StringIO(text[1:]), delimiter=separator))
    assert {row["slug"] for row in rows} >= {"ligacoop"}
    local = "Puerto Rico" if "/fr/" not in path else "Porto Rico"
    liga = next(row for row in rows if row["slug"] == "ligacoop")
    assert liga["country"] == "Puerto Rico" and liga["country_name"] == local


def test_an_unknown_delimiter_is_a_400(client, members):
    response = client.get("/members/export.csv?delimiter=tab")
    assert response.status_code == 400 and "comma or semicolon" in response.content.decode()
