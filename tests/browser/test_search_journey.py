"""A visitor on a phone searches from the header (#22): the box is there at 375 px, the
results come ranked with the words marked, and one leads to its page."""

import pytest
from playwright.sync_api import expect

from .conftest import PHONE, run_axe

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_visitor_searches_from_the_header_on_a_phone(
    page, audit_page, live_server, initial_content
):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/es/")
    box = page.locator("header .site-search")
    box.get_by_label("Buscar en las noticias y los miembros").fill("cemento")
    box.get_by_role("button", name="Buscar").click()
    expect(page).to_have_url(f"{live_server.url}/es/search/?q=cemento")
    first = page.locator(".search-result").first
    expect(first.locator("mark").first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    first.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("COBOCE")
    audit_page.goto(f"{live_server.url}/es/search/?q=cemento")
    assert run_axe(audit_page) == []
