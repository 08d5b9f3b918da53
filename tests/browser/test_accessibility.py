"""axe-core in Chromium on every public page type; keyboard use; small screens."""

import pytest
from django.contrib.auth.models import User
from django.contrib.auth.tokens import default_token_generator
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from playwright.sync_api import expect

from members.models import FiguresRound, Organisation, Proposal, Representative

from .conftest import run_axe

pytestmark = pytest.mark.django_db(transaction=True)

PAGES = [
    "/",
    "/members/",
    "/members/?region=americas&category=full",
    "/members/?region=atlantis",  # with a form error showing
    "/members/vietnam-cooperative-alliance/",
    "/news/",
    "/news/2017/",
    "/news/2017/the-cicopa-network-is-growing/",
    "/no-such-page/",
    # French and Spanish, where words run longer and English content shows through.
    "/fr/",
    "/es/members/?region=americas",
    "/fr/members/vietnam-cooperative-alliance/",
    "/es/news/2017/the-cicopa-network-is-growing/",
    # The network at a glance.
    "/members/regions/americas/",
    "/members/map/",
    "/members/figures/",
    "/fr/members/map/",
    "/es/members/figures/",
    "/members/vietnam-cooperative-alliance/correction/",
    "/news/subscribe/",
    "/es/news/subscribe/?email=not-an-address",
    "/news/subscribe/sent/",
    "/news/subscription/not-a-link/",
    "/about/",
    "/fr/contact/",
    "/es/become-a-member/",
    "/privacy/",
    "/events/",  # in French, and an event's page: tests/browser/test_event_journey.py
    "/publications/",
    "/es/publications/?year=1900",
    "/search/?q=cooperative",
    "/fr/search/?q=alliance",
    "/members/my/login/",
    "/es/members/my/login/",
    "/fr/members/my/password/",
    "/members/my/password/sent/",
]


@pytest.mark.parametrize("path", PAGES)
def test_no_axe_violations(audit_page, live_server, initial_content, path):
    audit_page.goto(f"{live_server.url}{path}")
    violations = run_axe(audit_page)
    assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]


@pytest.mark.parametrize("path", PAGES)
def test_no_horizontal_scrolling_at_320_pixels(page, live_server, initial_content, path):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(f"{live_server.url}{path}")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_keyboard_reaches_the_content_by_the_skip_link(page, live_server, initial_content):
    page.goto(f"{live_server.url}/members/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()  # shown when focused
    outline = skip.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server.url}/members/#main")
    # The next Tab lands inside the main content: the directory's search field.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null")


def test_the_filter_form_works_by_keyboard_alone(page, live_server, initial_content):
    page.goto(f"{live_server.url}/members/")
    page.get_by_label("Name or acronym").focus()
    page.keyboard.type("liga")
    page.keyboard.press("Enter")
    expect(page.locator(".count")).to_have_text("1 organisation in 1 country")


def test_on_a_phone_the_filters_fold_away_until_used(page, live_server, initial_content):
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(f"{live_server.url}/members/")
    panel = page.locator("details.filter-panel")
    expect(panel).not_to_have_attribute("open", "")
    page.get_by_text("Filter the directory").click()
    page.get_by_label("Region").select_option("americas")
    page.get_by_role("button", name="Filter").click()
    expect(page.locator(".count")).to_have_text("2 organisations in 2 countries")
    expect(panel).to_have_attribute("open", "")


LONG_NAMES = {
    "vietnam-cooperative-alliance": "Bundesverband der Produktivgenossenschaften",
    "bolivian-cooperative-of-cement-industry-and-services": (
        "Confederación Intercooperativa de Autogestionarios Latinoamericanos"
    ),
    "liga-de-cooperativas-de-puerto-rico": (
        "Fédération Intercommunautaire des Coopératives Transfrontalières"
    ),
}


def test_long_names_and_addresses_wrap_at_320_pixels_in_every_language(
    page, live_server, initial_content
):
    for slug, name in LONG_NAMES.items():
        organisation = Organisation.objects.get(slug=slug)
        organisation.name = name
        organisation.website = f"https://www.{slug}-internationale-zusammenarbeit.example.org/"
        organisation.save()
    page.set_viewport_size({"width": 320, "height": 640})
    for prefix in ("", "/fr", "/es"):
        for path in [
            *(f"/members/{slug}/" for slug in LONG_NAMES),
            "/members/",
            "/members/regions/americas/",
            "/news/2017/the-cicopa-network-is-growing/",
            "/members/map/",
        ]:
            page.goto(f"{live_server.url}{prefix}{path}")
            assert page.evaluate("document.documentElement.scrollWidth") <= 320, prefix + path


def test_a_website_address_takes_the_width_of_a_phone(page, live_server, initial_content):
    organisation = Organisation.objects.get(slug="vietnam-cooperative-alliance")
    organisation.website = "https://www.vietnam-cooperative-alliance.example.org/en/about"
    organisation.save()
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(f"{live_server.url}/members/vietnam-cooperative-alliance/")
    link = page.locator(".facts a[rel=external]")
    lines = link.evaluate(
        "a => a.getClientRects().length"  # one rectangle per line the address is set on
    )
    assert lines <= 2, lines


def test_the_chart_s_labels_are_legible_on_a_phone(page, live_server, initial_content):
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(f"{live_server.url}/members/figures/")
    heights = page.eval_on_selector_all(
        ".bar-chart text", "texts => texts.map(t => t.getBoundingClientRect().height)"
    )
    assert heights and min(heights) >= 9, heights


def test_a_representative_s_pages_pass_axe_and_fit_320_pixels(
    audit_page, live_server, initial_content
):
    """#30: the invitation's password page, and the organisation's page with a proposal and
    the open figures round's form."""
    organisation = Organisation.objects.get(acronym="VCA")
    user = User.objects.create_user("ana@vca.example", "ana@vca.example")
    Representative.objects.create(user=user, organisation=organisation, language="en")
    Proposal.objects.create(organisation=organisation, changes={"acronym": "VCA!"})
    FiguresRound.objects.create(year=2025, closes_on=timezone.localdate())
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)

    def audited(width):
        audit_page.set_viewport_size({"width": width, "height": 800})
        audit_page.reload()
        violations = run_axe(audit_page)
        assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]
        assert audit_page.evaluate("document.documentElement.scrollWidth") <= width

    audit_page.goto(f"{live_server.url}/members/my/welcome/{uid}/{token}/")
    for width in (1280, 320):
        audited(width)  # the password form
    audit_page.set_viewport_size({"width": 1280, "height": 800})
    audit_page.get_by_label("New password", exact=True).fill("a long private passphrase")
    audit_page.get_by_label("New password confirmation").fill("a long private passphrase")
    audit_page.get_by_role("button", name="Save and sign in").click()
    audit_page.wait_for_url(f"{live_server.url}/members/my/")
    for width in (1280, 320):
        audited(width)  # the organisation's page
