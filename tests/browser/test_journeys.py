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
    expect(page.locator("#id_slug")).to_have_value("federacion-de-cooperativas-del-uruguay")
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


def test_visitor_narrows_the_directory_and_reads_the_news(page, live_server, initial_content):
    page.goto(live_server.url)
    screenshot(page, "home")
    page.get_by_role("link", name="Browse the member directory").click()
    expect(page.get_by_role("heading", name="Member directory")).to_be_visible()

    page.get_by_label("Region").select_option(label="Americas (2)")
    page.get_by_role("button", name="Filter").click()
    expect(page).to_have_url(re.compile(r"region=americas"))
    expect(page.locator(".count")).to_have_text("2 organisations in 2 countries")
    screenshot(page, "directory-filtered")

    page.get_by_label("Country").select_option(label="Bolivia (1)")
    page.get_by_role("button", name="Filter").click()
    expect(page.locator(".count")).to_have_text("1 organisation in 1 country")
    page.get_by_role("link", name="Bolivian Cooperative of Cement, Industry and Services").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("COBOCE")

    page.get_by_role("link", name="The CICOPA network is growing!").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("The CICOPA network is growing!")
    expect(page.get_by_role("link", name="Liga de Cooperativas de Puerto Rico")).to_be_visible()


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
    page.get_by_label("Title:").press_sequentially("Worker cooperatives meet in Brussels")
    page.get_by_label("Summary:").fill("The general assembly met.")
    editor = page.locator(".ProseMirror[contenteditable=true]")
    expect(editor).to_be_visible()  # the editor's scripts ran
    editor.click()
    page.keyboard.type("Delegates from thirty countries attended.")
    page.get_by_label("Status:").select_option("published")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")

    page.goto(f"{live_server.url}/news/")
    page.get_by_role("link", name="Worker cooperatives meet in Brussels").click()
    expect(page.locator(".body")).to_contain_text("Delegates from thirty countries attended.")
