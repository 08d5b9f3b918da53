"""Events in a browser (#32): the secretariat announces one in the admin; a visitor goes from
the home page's next event to its page, its time in its own zone, and "Add to calendar" giving
a file a calendar reads; the past by year."""

import datetime

import icalendar
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from news.models import Event

from .conftest import run_axe
from .test_journeys import log_in_as_secretariat

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_secretariat_announces_an_event_and_a_visitor_adds_it_to_their_calendar(
    audit_page, live_server, initial_content
):
    start = timezone.localdate() + datetime.timedelta(days=20)
    Event.objects.create(
        title_en="Forum of last year",
        slug="forum-of-last-year",
        summary_en="Members met.",
        start_date=start.replace(year=start.year - 1),
        online_url="https://meet.example.org/forum",
        status="published",
    )
    page = audit_page
    log_in_as_secretariat(page, live_server, "hana", "/admin/news/event/add/")
    page.get_by_label("Title [en]:").fill("International School")
    page.get_by_label("Summary [en]:").fill("A week on managing worker cooperatives.")
    page.get_by_label("First day:").fill(start.isoformat())
    page.get_by_label("Starts at:").fill("09:30")
    page.get_by_label("Ends at:").fill("17:00")
    page.get_by_label("Time zone:").fill("America/Bogota")
    page.get_by_label("City:").fill("Bogotá")
    page.locator(".field-country .select2-selection").click()
    page.locator(".select2-search__field").fill("colom")
    page.locator(".select2-results__option", has_text="Colombia").click()
    page.get_by_label("Registration:").fill("https://register.example.org/school")
    page.get_by_label("Status:").select_option("published")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    assert Event.objects.get(slug="international-school").country.code == "CO"

    page.goto(f"{live_server.url}/")
    page.locator(".next-event").get_by_role("link", name="International School").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("International School")
    expect(page.locator("dl.facts")).to_contain_text("09:30–17:00 (America/Bogota)")
    expect(page.locator("dl.facts")).to_contain_text("Bogotá, Colombia")
    assert run_axe(page) == []

    with page.expect_download() as download:
        page.get_by_role("link", name="Add to calendar").click()
    parsed = icalendar.Calendar.from_ical(open(download.value.path(), "rb").read())
    (event,) = parsed.walk("VEVENT")
    assert str(event["summary"]) == "International School"
    starts = event.decoded("dtstart").astimezone(datetime.UTC)
    assert starts.hour == 14 and starts.minute == 30  # 09:30 in Bogotá, UTC-5

    page.goto(f"{live_server.url}/fr/events/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Événements")
    assert run_axe(page) == []
    page.get_by_role("link", name=str(start.year - 1)).click()  # the past, by year
    expect(page.get_by_role("link", name="Forum of last year")).to_be_visible()
    assert run_axe(page) == []
