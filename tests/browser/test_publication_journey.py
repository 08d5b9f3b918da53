"""Publications in a browser (#32): the secretariat adds a report with its PDF in the admin and
sees what the file says of itself; a visitor narrows the list, opens it and reads the PDF."""

import pytest
from playwright.sync_api import expect

from publications.models import Publication
from tests.test_publications import pdf

from .conftest import run_axe
from .test_journeys import log_in_as_secretariat

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_report_is_added_with_its_pdf_then_found_and_read(
    audit_page, live_server, initial_content, tmp_path
):
    page = audit_page
    (tmp_path / "report.pdf").write_bytes(pdf("Cooperatives and Employment", "Jane Doe", 3))
    log_in_as_secretariat(page, live_server, "gloria", "/admin/publications/publication/add/")
    page.get_by_label("Title [en]:").fill("Cooperatives and Employment: a Global Report")
    page.get_by_label("Summary [en]:").fill("How many people cooperatives employ.")
    page.get_by_label("Kind:").select_option("report")
    page.get_by_label("Year:").fill("2017")
    page.get_by_label("Status:").select_option("draft")
    page.locator("#id_files-0-language").select_option("en")
    page.locator("#id_files-0-file").set_input_files(tmp_path / "report.pdf")
    page.locator("input[name=_continue]").click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    expect(page.locator(".field-what_it_says").first).to_contain_text("Author: Jane Doe")
    page.get_by_label("Status:").select_option("published")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    assert Publication.objects.get().status == "published"

    page.goto(f"{live_server.url}/publications/")
    page.get_by_label("Language", exact=True).select_option("en")
    page.get_by_role("button", name="Filter").click()
    page.get_by_role("link", name="Cooperatives and Employment: a Global Report").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("a Global Report")
    expect(page.locator("ul.files")).to_contain_text("3 pages")
    assert run_axe(page) == []
    link = page.locator("ul.files a").first
    response = page.request.get(f"{live_server.url}{link.get_attribute('href')}")
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF-")
