"""The secretariat's admin screens, as staff see them in a browser."""

import pytest
from playwright.sync_api import expect

from members.models import Correction
from tests.factories import NewsItemFactory, OrganisationFactory

from .conftest import run_axe
from .test_journeys import log_in_as_secretariat

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_corrections_list_fits_1280_pixels_with_its_contact_column(
    page, live_server, initial_content
):
    organisation = OrganisationFactory(
        name="Confederación Intercooperativa de Autogestionarios Latinoamericanos"
    )
    for n in range(3):
        Correction.objects.create(
            organisation=organisation,
            what_is_wrong="The website address is out of date. " * 4,
            proposed_text="https://new.example.coop",
            email=f"someone.with.a.long.address.{n}@federacion-de-cooperativas.example.org",
        )
    page.set_viewport_size({"width": 1280, "height": 800})
    log_in_as_secretariat(page, live_server, "carmen", "/admin/members/correction/")
    # Nothing of the list runs past the edge of the box that holds it (which cuts it off).
    overflow = page.locator("#changelist .results").evaluate(
        "box => box.scrollWidth - box.clientWidth"
    )
    assert overflow <= 0, overflow
    email = page.locator("#result_list tbody td.field-email").first
    right = email.evaluate("cell => cell.getBoundingClientRect().right")
    edge = page.locator("#changelist .results").evaluate("box => box.getBoundingClientRect().right")
    assert right <= edge
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280


def test_what_waits_on_the_admin_index_passes_axe(audit_page, live_server, initial_content):
    NewsItemFactory(title="A draft to finish", status="draft")
    log_in_as_secretariat(audit_page, live_server, "dolores")
    expect(audit_page.locator("#what-waits")).to_contain_text("1 draft")
    violations = run_axe(audit_page)
    assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]


@pytest.mark.parametrize(
    "path",
    [
        "/admin/news/newsitem/import-feed/",
        "/admin/members/organisation/{pk}/history/",
        "/admin/news/picture/picker/",
    ],
)
def test_the_project_s_own_admin_pages_pass_axe(audit_page, live_server, initial_content, path):
    organisation = OrganisationFactory(name="Andean Union")
    log_in_as_secretariat(audit_page, live_server, "elena")
    audit_page.goto(f"{live_server.url}{path.format(pk=organisation.pk)}")
    violations = run_axe(audit_page)
    assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]
