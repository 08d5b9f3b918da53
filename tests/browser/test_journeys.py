"""The three journeys a person takes, end to end in Chromium."""

import datetime
import re
from urllib.parse import urljoin

import feedparser
import pytest
from playwright.sync_api import expect

from members.models import Organisation
from tests.factories import secretariat_user

from .conftest import DESKTOP, PHONE, SCREENSHOTS

pytestmark = pytest.mark.django_db(transaction=True)

COBOCE = "Cooperativa Boliviana de Cemento, Industrias y Servicios"

PASSWORD = "correct horse battery staple"


def screenshot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for label, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(viewport)
        page.screenshot(path=SCREENSHOTS / f"{name}-{label}.png", full_page=True)
    page.set_viewport_size(DESKTOP)


def log_in_as_secretariat(page, live_server, username, next_page="/admin/"):
    secretariat_user(username=username)
    page.goto(f"{live_server.url}/admin/login/?next={next_page}")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def test_secretariat_adds_a_member_then_marks_it_former(page, live_server, initial_content):
    log_in_as_secretariat(page, live_server, "agnes")
    expect(page.get_by_role("heading", name="Members and news")).to_be_visible()

    page.goto(f"{live_server.url}/admin/members/organisation/")
    screenshot(page, "admin")

    page.goto(f"{live_server.url}/admin/members/organisation/add/")
    page.get_by_label("Name:").press_sequentially("Federación de Cooperativas del Uruguay")
    # The address is left empty: made from the name on saving.
    expect(page.locator("#id_slug")).to_have_value("")
    # The country comes from the autocomplete, as staff pick it.
    page.locator(".field-country .select2-selection").click()
    page.locator(".select2-search__field").fill("urug")
    page.locator(".select2-results__option", has_text="Uruguay").click()
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")

    page.goto(f"{live_server.url}/members/")
    expect(page.get_by_role("link", name="Federación de Cooperativas del Uruguay")).to_be_visible()
    expect(page.locator(".count")).to_have_text("4 organisations in 4 countries")

    organisation = Organisation.objects.get(slug="federacion-de-cooperativas-del-uruguay")
    page.goto(f"{live_server.url}/admin/members/organisation/{organisation.pk}/change/")
    page.get_by_label("Status:").select_option("former")
    page.get_by_label("Year it left:").fill(str(datetime.date.today().year))
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    page.goto(f"{live_server.url}/members/")
    expect(page.locator(".count")).to_have_text("3 organisations in 3 countries")
    expect(page.get_by_role("link", name="Federación de Cooperativas del Uruguay")).to_have_count(0)
    page.goto(f"{live_server.url}{organisation.get_absolute_url()}")
    expect(page.locator(".notice")).to_contain_text("Former member")


VISITOR = {
    "en": {
        "browse": "Browse the member directory",
        "directory": "Member directory",
        "region": "Region",
        "americas": "Americas (2)",
        "filter": "Filter",
        "two": "2 organisations in 2 countries",
        "country": "Country",
        "bolivia": "Bolivia (1)",
        "one": "1 organisation in 1 country",
    },
    "fr": {
        "browse": "Parcourir l’annuaire des membres",
        "directory": "Annuaire des membres",
        "region": "Région",
        "americas": "Amériques (2)",
        "filter": "Filtrer",
        "two": "2 organisations dans 2 pays",
        "country": "Pays",
        "bolivia": "Bolivie (1)",
        "one": "1 organisation dans 1 pays",
    },
}


@pytest.mark.parametrize("language", VISITOR)
def test_visitor_narrows_the_directory_and_reads_the_news(
    page, live_server, initial_content, language
):
    words = VISITOR[language]
    page.goto(live_server.url + ("/" if language == "en" else f"/{language}/"))
    expect(page.locator("html")).to_have_attribute("lang", language)
    if language == "en":
        screenshot(page, "home")
    page.get_by_role("link", name=words["browse"]).click()
    expect(page.get_by_role("heading", name=words["directory"])).to_be_visible()

    page.get_by_label(words["region"]).select_option(label=words["americas"])
    page.get_by_role("button", name=words["filter"]).click()
    expect(page).to_have_url(re.compile(r"region=americas"))
    expect(page.locator(".count")).to_have_text(words["two"])
    if language == "en":
        screenshot(page, "directory-filtered")

    page.get_by_label(words["country"], exact=True).select_option(label=words["bolivia"])
    page.get_by_role("button", name=words["filter"]).click()
    expect(page.locator(".count")).to_have_text(words["one"])
    page.get_by_role(
        "link", name="Cooperativa Boliviana de Cemento, Industrias y Servicios"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("COBOCE")

    page.get_by_role("link", name="The CICOPA network is growing!").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("The CICOPA network is growing!")
    expect(page.get_by_role("link", name="Liga de Cooperativas de Puerto Rico")).to_be_visible()


def test_visitor_switches_language_and_stays_on_the_same_page(page, live_server, initial_content):
    page.goto(f"{live_server.url}/members/?region=americas")
    page.get_by_role("navigation", name="Languages").get_by_role("link", name="Español").click()
    expect(page).to_have_url(f"{live_server.url}/es/members/?region=americas")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.locator(".count")).to_have_text("2 organizaciones en 2 países")
    page.get_by_role("navigation", name="Idiomas").get_by_role("link", name="Français").click()
    expect(page).to_have_url(f"{live_server.url}/fr/members/?region=americas")
    page.get_by_role("navigation", name="Langues").get_by_role("link", name="English").click()
    expect(page).to_have_url(f"{live_server.url}/members/?region=americas")


@pytest.mark.parametrize("kind", ["application/rss+xml", "application/atom+xml"])
def test_visitor_subscribes_from_the_home_page(page, live_server, initial_content, kind):
    page.goto(live_server.url)
    href = page.locator(f'head link[rel="alternate"][type="{kind}"]').get_attribute("href")
    feed = feedparser.parse(urljoin(live_server.url, href))  # a real reader fetching over HTTP
    assert not feed.bozo, feed.get("bozo_exception")
    assert [entry.title for entry in feed.entries] == ["The CICOPA network is growing!"]
    for entry in feed.entries:
        response = page.goto(entry.link)
        assert response.status == 200
        expect(page.get_by_role("heading", level=1)).to_have_text(entry.title)


def test_secretariat_writes_news_in_the_editor_under_the_csp(page, live_server, initial_content):
    log_in_as_secretariat(page, live_server, "bruno", next_page="/admin/news/newsitem/add/")
    page.get_by_label("Title [en]:").press_sequentially("Worker cooperatives meet in Brussels")
    page.get_by_label("Summary [en]:").fill("The general assembly met.")
    editor = page.locator(".field-body_en .ProseMirror[contenteditable=true]")
    expect(editor).to_be_visible()  # the editor's scripts ran
    editor.click()
    page.keyboard.type("Delegates from thirty countries attended.")
    # The French text, in its own folded group; Spanish is left for later.
    page.locator("summary", has_text="Français").click()
    page.get_by_label("Title [fr]:").fill("Les coopératives de travail se réunissent à Bruxelles")
    page.get_by_label("Summary [fr]:").fill("L’assemblée générale s’est réunie.")
    page.locator(".field-body_fr .ProseMirror[contenteditable=true]").click()
    page.keyboard.type("Des délégués de trente pays étaient présents.")
    page.get_by_label("Status:").select_option("published")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")

    page.goto(f"{live_server.url}/news/")
    page.get_by_role("link", name="Worker cooperatives meet in Brussels").click()
    expect(page.locator(".body")).to_contain_text("Delegates from thirty countries attended.")
    page.goto(f"{live_server.url}/fr/news/")
    page.get_by_role("link", name="Les coopératives de travail se réunissent à Bruxelles").click()
    expect(page.locator(".body")).to_contain_text("Des délégués de trente pays étaient présents.")
    page.goto(f"{live_server.url}/es/news/")
    page.get_by_role("link", name="Worker cooperatives meet in Brussels").click()
    expect(page.locator(".notice")).to_contain_text("aún no se ha traducido al español")


def test_visitor_finds_members_on_the_map_and_follows_a_region(page, live_server, initial_content):
    page.goto(live_server.url)
    page.get_by_role("link", name="Bolivia: 1 member").click()
    expect(page).to_have_url(f"{live_server.url}/members/?country=BO")
    expect(page.locator(".count")).to_have_text("1 organisation in 1 country")
    page.get_by_role(
        "link", name="Cooperativa Boliviana de Cemento, Industrias y Servicios"
    ).click()
    page.locator(".breadcrumb").get_by_role("link", name="Americas").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Americas")
    screenshot(page, "region")

    feed_link = page.locator('head link[type="application/atom+xml"][title*="news about members"]')
    feed = feedparser.parse(urljoin(live_server.url, feed_link.get_attribute("href")))
    assert not feed.bozo, feed.get("bozo_exception")
    assert [entry.title for entry in feed.entries] == ["The CICOPA network is growing!"]

    page.goto(f"{live_server.url}/fr/members/map/")
    screenshot(page, "map-fr")
    # By keyboard: the centre of Viet Nam's outline is in Laos.
    page.get_by_role("link", name="Viêt Nam\u00a0: 1 membre").focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server.url}/fr/members/?country=VN")
    expect(page.locator(".count")).to_have_text("1 organisation dans 1 pays")


def test_member_suggests_a_correction_and_the_secretariat_reviews_it(
    page, live_server, initial_content
):
    page.goto(f"{live_server.url}/members/vietnam-cooperative-alliance/")
    page.get_by_role("link", name="Suggest a correction to this entry").click()
    page.get_by_label("What is wrong").fill("The ICA joining year is 1961, not 1962.")
    page.get_by_label("Proposed text").fill("Member of the ICA since 1961.")
    page.get_by_label("Contact email").fill("vca@example.org")
    page.get_by_role("button", name="Send to the secretariat").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you")

    log_in_as_secretariat(page, live_server, "carla", next_page="/admin/members/correction/")
    page.get_by_role("link", name="Vietnam Cooperative Alliance (VCA)").click()
    expect(page.locator(".field-what_is_wrong")).to_contain_text("1961, not 1962")
    page.get_by_label("Status:").select_option("accepted")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")


def test_researcher_browses_the_api_docs_served_by_the_site(page, live_server, initial_content):
    # Swagger UI from the site's own static files, under the site's CSP (the page fixture
    # fails on any CSP report or console error).
    page.goto(f"{live_server.url}/api/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("CICOPA network API")
    page.locator(".opblock-summary-path", has_text="/api/regions").click()
    page.get_by_role("button", name="Try it out").click()
    page.get_by_role("button", name="Execute").click()
    expect(page.locator(".response .microlight").first).to_contain_text("asia-pacific")
