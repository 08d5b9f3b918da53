"""What search engines and social networks read of every page type, in three languages,
extracted with a kept parser (extruct) as they would: a description, a canonical address,
Open Graph and Twitter cards with their locale, and schema.org data (the organisation, news
articles, breadcrumbs)."""

import re
from html import unescape

import extruct
import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db

ORIGIN = "http://testserver"
PAGE_TYPES = {
    "home": "/",
    "directory": "/members/?region=americas&page=1",
    "organisation": "/members/vietnam-cooperative-alliance/",
    "region": "/members/regions/americas/",
    "regions": "/members/regions/",
    "map": "/members/map/",
    "figures": "/members/figures/",
    "news list": "/news/",
    "news year": "/news/2017/",
    "news item": "/news/2017/the-cicopa-network-is-growing/",
    "subscribe": "/news/subscribe/",
    "about": "/about/",
    "contact": "/contact/",
    "become a member": "/become-a-member/",
}
LOCALES = {"": "en_GB", "/fr": "fr_FR", "/es": "es_ES"}


@pytest.fixture
def seeded():
    call_command("load_initial_content", verbosity=0)


def metadata(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    html = response.content.decode()
    data = extruct.extract(html, base_url=ORIGIN + path, syntaxes=["json-ld", "opengraph"])
    og = dict(data["opengraph"][0]["properties"]) if data["opengraph"] else {}
    alternates = [v for k, v in data["opengraph"][0]["properties"] if k == "og:locale:alternate"]
    return html, og, alternates, data["json-ld"]


def meta(html, name):
    found = re.search(rf'<meta name="{name}" content="([^"]*)"', html)
    return unescape(found.group(1)) if found else None


def canonical(html):
    found = re.search(r'<link rel="canonical" href="([^"]+)"', html)
    return unescape(found.group(1)) if found else None


@pytest.mark.parametrize("prefix", LOCALES)
@pytest.mark.parametrize("name", PAGE_TYPES)
def test_every_page_type_says_what_it_is_to_search_engines_and_sharers(
    client, seeded, name, prefix
):
    path = prefix + PAGE_TYPES[name]
    html, og, alternates, _ = metadata(client, path)
    assert len(meta(html, "description")) > 20
    assert canonical(html) == ORIGIN + path.removesuffix("&page=1")
    assert og["og:url"] == canonical(html)
    assert og["og:title"] and og["og:title"] in html.split("<title>")[1]
    assert og["og:description"] == meta(html, "description")
    assert og["og:image"].startswith(ORIGIN + "/static/") and og["og:image"].endswith(".png")
    assert og["og:locale"] == LOCALES[prefix]
    assert sorted(alternates) == sorted(set(LOCALES.values()) - {LOCALES[prefix]})
    assert meta(html, "twitter:card") == "summary_large_image"
    assert meta(html, "twitter:image") == og["og:image"]
    assert og["og:type"] == ("article" if name == "news item" else "website")


def test_the_canonical_address_keeps_only_what_the_page_reads(client, seeded):
    html = client.get("/news/subscribe/?email=someone@example.org").content.decode()
    assert canonical(html) == f"{ORIGIN}/news/subscribe/"
    html = client.get("/members/?region=americas&q=cement").content.decode()
    assert canonical(html) == f"{ORIGIN}/members/?region=americas"
    assert canonical(client.get("/no-such-page/").content.decode()) is None


@pytest.mark.parametrize("prefix", LOCALES)
def test_the_home_page_describes_the_organisation(client, seeded, prefix, settings):
    settings.CONTACT_EMAIL = "secretariat@example.org"
    *_, data = metadata(client, f"{prefix}/")
    (organisation,) = [d for d in data if d["@type"] == "Organization"]
    assert organisation["name"] == "CICOPA"
    assert organisation["url"] == f"{ORIGIN}{prefix}/"
    assert organisation["logo"].endswith(".png")
    assert organisation["address"]["streetAddress"].endswith("avenue Milcamps 105")
    assert organisation["address"]["postalCode"] == "1030"
    assert organisation["address"]["addressCountry"] == "BE"
    assert organisation["telephone"] == "+32 2 543 1033"
    assert organisation["email"] == "secretariat@example.org"
    alternate = {"": "Industrial", "/fr": "industrielles", "/es": "Industriales"}[prefix]
    assert alternate in organisation["alternateName"]


@pytest.mark.parametrize("prefix", LOCALES)
def test_a_news_item_is_a_news_article_with_its_breadcrumb(client, seeded, prefix):
    path = f"{prefix}/news/2017/the-cicopa-network-is-growing/"
    *_, data = metadata(client, path)
    (article,) = [d for d in data if d["@type"] == "NewsArticle"]
    assert article["headline"] == "The CICOPA network is growing!"
    assert article["datePublished"].startswith("2017-01-13")
    assert article["inLanguage"] == "en"  # the article exists in English only
    assert article["url"] == ORIGIN + path
    assert article["publisher"]["name"] == "CICOPA"
    (trail,) = [d for d in data if d["@type"] == "BreadcrumbList"]
    assert [step["item"] for step in trail["itemListElement"]] == [
        f"{ORIGIN}{prefix}/",
        f"{ORIGIN}{prefix}/news/",
        f"{ORIGIN}{prefix}/news/2017/",
    ]


def test_an_organisation_s_breadcrumb_leads_through_its_region_and_country(client, seeded):
    html, _, _, data = metadata(client, "/es/members/vietnam-cooperative-alliance/")
    (trail,) = [d for d in data if d["@type"] == "BreadcrumbList"]
    names = [step["name"] for step in trail["itemListElement"]]
    assert names == ["CICOPA", "Directorio de miembros", "Asia-Pacífico", "Vietnam"]
    assert 'class="breadcrumb"' in html and "Asia-Pacífico</a>" in html


def test_the_site_can_be_added_to_a_home_screen(client):
    html = client.get("/").content.decode()
    assert 'rel="apple-touch-icon"' in html and 'rel="manifest"' in html
    manifest = client.get("/manifest.webmanifest")
    assert manifest["Content-Type"] == "application/manifest+json"
    data = manifest.json()
    assert data["name"] == "CICOPA" and data["start_url"] == "/"
    for icon in data["icons"]:
        assert client.get(icon["src"]).status_code == 200
