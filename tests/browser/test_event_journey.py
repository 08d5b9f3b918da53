"""Events as a visitor meets them in a browser (#32): from the home page's next event to its
page, its time in its own zone, and "Add to calendar" giving a file a calendar reads."""

import datetime

import icalendar
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from members.models import Country
from news.models import Event

from .conftest import run_axe

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_visitor_finds_the_next_event_and_adds_it_to_their_calendar(
    audit_page, live_server, initial_content
):
    start = timezone.localdate() + datetime.timedelta(days=20)
    Event.objects.create(
        title_en="International School",
        slug="international-school",
        summary_en="A week on managing worker cooperatives.",
        body_en="<p>The programme follows.</p>",
        start_date=start,
        start_time=datetime.time(9, 30),
        end_time=datetime.time(17),
        time_zone="America/Bogota",
        city="Bogotá",
        country=Country.objects.get(code="CO"),
        registration_url="https://register.example.org/school",
        status="published",
    )
    page = audit_page
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
