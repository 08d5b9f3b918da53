"""The read-only JSON API: the directory's filters, the public rules, its OpenAPI document,
rate limits, CORS and conditional GETs."""

import datetime
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.utils import timezone

from cicopa.api import api
from members.models import Correction
from tests.factories import NewsItemFactory, OrganisationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.both_databases]


@pytest.fixture
def data(country):
    liga = OrganisationFactory(
        name="Liga de Cooperativas de Puerto Rico",
        slug="liga",
        country=country("PR"),
        category="associate",
        member_since=2010,
        description="Federation.",
        description_es="Federación.",
    )
    OrganisationFactory(name="Belgian Federation", slug="belgian", country=country("BE"))
    OrganisationFactory(
        name="Gone", slug="gone", country=country("BO"), status="former", left_in=2015
    )
    Correction.objects.create(
        organisation=liga, what_is_wrong="x", proposed_text="y", email="secret@example.org"
    )
    public = NewsItemFactory(title="Public", slug="public", body="<p>Hi</p><script>x()</script>")
    public.organisations.add(liga)
    NewsItemFactory(title="Draft", slug="draft", status="draft")
    NewsItemFactory(
        title="Scheduled", slug="scheduled", published_at=timezone.now() + datetime.timedelta(1)
    )
    return liga


def test_organisations_with_the_directory_s_filters(client, data):
    body = client.get("/api/organisations").json()
    assert body["count"] == 2
    assert [item["slug"] for item in body["items"]] == ["belgian", "liga"]  # current only
    americas = client.get("/api/organisations?region=americas&category=associate").json()
    liga = americas["items"][0]
    assert americas["count"] == 1
    assert liga == {
        "slug": "liga",
        "name": "Liga de Cooperativas de Puerto Rico",
        "acronym": "",
        "country": "PR",
        "region": "americas",
        "category": "associate",
        "status": "current",
        "member_since": 2010,
        "ica_member_since": None,
        "left_in": None,
        "cooperatives": None,
        "individual_members": None,
        "figures_year": None,
        "website": "",
        "description": {"en": "Federation.", "fr": "", "es": "Federación."},
        "url": "http://testserver/members/liga/",
    }
    assert "secret@example.org" not in str(body) + str(americas)


@pytest.mark.parametrize("query", ["region=atlantis", "country=ZZ", "category=gold", "q=%00"])
def test_filters_it_cannot_read_are_a_400(client, data, query):
    response = client.get(f"/api/organisations?{query}")
    assert response.status_code == 400
    assert response.json()["detail"]


def test_pages_and_bad_pages(client, data):
    assert client.get("/api/organisations?page=2").json() == {"items": [], "count": 2}
    assert client.get("/api/organisations?page=0").status_code == 422
    assert client.get("/api/organisations?page=x").status_code == 422


def test_one_organisation_former_members_included(client, data):
    assert client.get("/api/organisations/gone").json()["status"] == "former"
    assert client.get("/api/organisations/nobody").status_code == 404


def test_countries_and_regions_in_every_language(client, data):
    countries = client.get("/api/countries").json()
    assert len(countries) == 249
    bolivia = next(country for country in countries if country["code"] == "BO")
    assert bolivia == {
        "code": "BO",
        "name": {"en": "Bolivia", "fr": "Bolivie", "es": "Bolivia"},
        "region": "americas",
    }
    regions = client.get("/api/regions").json()
    assert [region["slug"] for region in regions] == [
        "africa",
        "americas",
        "asia-pacific",
        "europe",
    ]


def test_news_published_only_bodies_cleaned(client, data):
    body = client.get("/api/news").json()
    assert [item["slug"] for item in body["items"]] == ["public"]
    item = body["items"][0]
    assert item["body"]["en"] == "<p>Hi</p>" and item["organisations"] == ["liga"]
    assert item["url"].startswith("http://testserver/news/")
    for hidden in ["draft", "scheduled"]:
        assert client.get(f"/api/news/{hidden}").status_code == 404
    assert client.get("/api/news/public").json()["title"]["en"] == "Public"


def test_the_openapi_document_and_docs_from_the_site_s_own_files(client):
    document = client.get("/api/openapi.json").json()
    assert document["openapi"].startswith("3.")
    assert set(document["paths"]) == {
        "/api/organisations",
        "/api/organisations/{slug}",
        "/api/countries",
        "/api/regions",
        "/api/news",
        "/api/news/{slug}",
    }
    docs = client.get("/api/docs").content.decode()
    assert 'src="/static/ninja/swagger-ui-bundle.js"' in docs
    assert "cdn" not in docs.lower() and 'src="https://' not in docs


def test_etag_and_304(client, data):
    first = client.get("/api/organisations")
    assert first.has_header("ETag")
    again = client.get("/api/organisations", headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304


def test_cors_is_open_for_reading(client, data):
    response = client.get("/api/regions", headers={"origin": "https://research.example"})
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    preflight = client.options(
        "/api/regions",
        headers={
            "origin": "https://research.example",
            "access-control-request-method": "GET",
            "access-control-request-headers": "if-none-match",
        },
    )
    assert preflight.status_code == 200
    assert "GET" in preflight["Access-Control-Allow-Methods"]
    assert "if-none-match" in preflight["Access-Control-Allow-Headers"]
    # The site's own pages are not opened to other origins.
    page = client.get("/members/", headers={"origin": "https://research.example"})
    assert not page.has_header("Access-Control-Allow-Origin")


def test_too_many_requests_get_429_with_retry_after(client, data, monkeypatch):
    throttle = api.throttle[0]
    monkeypatch.setattr(throttle, "num_requests", 3)
    statuses = [client.get("/api/regions").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    limited = client.get("/api/regions")
    assert int(limited["Retry-After"]) > 0
    # Another address has its own allowance.
    assert client.get("/api/regions", REMOTE_ADDR="192.0.2.9").status_code == 200


def test_a_page_number_past_any_database_s_range_is_a_422(client, data):
    # Found by schemathesis: a 26-digit page number overflowed the OFFSET (a 500).
    for path in ["/api/news", "/api/organisations"]:
        assert client.get(f"{path}?page=38474663931043169318207488").status_code == 422


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("shared_cache", ["default", "redis"])
def test_the_rate_holds_when_requests_arrive_together(
    request, live_server, reference_data, monkeypatch, shared_cache
):
    if shared_cache == "redis":
        request.getfixturevalue("redis_cache")
    monkeypatch.setattr(api.throttle[0], "num_requests", 10)

    def answer(_):
        try:
            with urllib.request.urlopen(f"{live_server.url}/api/regions", timeout=20) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    with ThreadPoolExecutor(max_workers=20) as pool:
        statuses = list(pool.map(answer, range(40)))
    assert statuses.count(200) == 10 and statuses.count(429) == 30


@pytest.mark.parametrize(
    "path",
    ["/api/organisations/%00x", "/api/news/x%00", "/api/organisations/caf%C3%A9", "/api/news/%20"],
)
def test_what_no_slug_can_be_is_a_404_on_every_database(client, data, path):
    # PostgreSQL refuses a NUL byte in a query outright: that was a 500.
    response = client.get(path)
    assert response.status_code == 404
    assert response.json() == {"detail": "Not Found"}


@pytest.mark.parametrize(
    "path, target",
    [
        ("/api/", "/api/docs"),
        ("/fr/api/docs", "/api/docs"),
        ("/es/api/openapi.json", "/api/openapi.json"),
        ("/fr/api/organisations?region=americas", "/api/organisations?region=americas"),
    ],
)
def test_the_api_has_one_address_that_its_natural_ones_lead_to(client, path, target):
    response = client.get(path)
    assert response.status_code in (301, 302) and response["Location"] == target
    assert client.get(target).status_code == 200
