"""Events (#32, first part): /events/ and each event's page, and the iCalendar feeds read by a
real parser (icalendar), across a change to summer time."""

import csv
import datetime
import io
import json
import re
import zoneinfo

import feedparser
import icalendar
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from members.models import Country
from news.models import Event
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")


def event(title="International School", days_from_now=30, **fields):
    start = timezone.localdate() + datetime.timedelta(days=days_from_now)
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    defaults = {
        "title_en": title,
        "slug": slug,
        "summary_en": f"About {title}.",
        "start_date": start,
        "city": "Brussels",
        "status": Event.Status.PUBLISHED,
    }
    defaults.update(fields)
    if "country" not in fields:
        defaults["country"] = Country.objects.get(code="BE")
    return Event.objects.create(**defaults)


def calendar(client, path="/events/calendar.ics"):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def vevents(parsed):
    return {str(component["summary"]): component for component in parsed.walk("VEVENT")}


def test_with_no_event_the_page_says_so_in_each_language(client):
    for prefix, words in [("", "No event is announced"), ("/fr", "Aucun"), ("/es", "Ningún")]:
        html = client.get(f"{prefix}/events/").content.decode()
        assert words in html, prefix
        assert f'href="{prefix}/events/calendar.ics"' in html


def test_upcoming_events_come_first_soonest_first_and_past_ones_by_year(client):
    event("Webinar on worker buyouts", days_from_now=40)
    event("International School", days_from_now=10)
    event("Draft meeting", days_from_now=5, status=Event.Status.DRAFT)
    past = event("General Assembly", start_date=datetime.date(2025, 11, 15))
    html = client.get("/events/").content.decode()
    upcoming = html.split("Coming up")[1]
    assert upcoming.index("International School") < upcoming.index("Webinar on worker buyouts")
    assert "Draft meeting" not in html and "General Assembly" not in upcoming
    assert 'href="/events/2025/"' in html
    year = client.get("/events/2025/").content.decode()
    assert past.get_absolute_url() in year
    assert client.get("/events/2019/").status_code == 404
    assert client.get(f"/events/{timezone.localdate().year + 1}/draft-meeting/").status_code == 404


def test_an_event_s_page_shows_its_time_in_its_own_zone_and_schema_org_data(client):
    assembly = event(
        "General Assembly",
        start_date=datetime.date(2030, 11, 15),
        start_time=datetime.time(9, 0),
        end_time=datetime.time(17, 30),
        time_zone="Asia/Kuala_Lumpur",
        city="Kuala Lumpur",
        country=Country.objects.get(code="MY"),
        registration_url="https://register.example.org/",
    )
    html = client.get(assembly.get_absolute_url()).content.decode()
    assert "15 November 2030, 09:00–17:30 (Asia/Kuala Lumpur)" in html
    assert "Kuala Lumpur, Malaysia" in html
    assert f'href="{assembly.get_absolute_url()}calendar.ics"' in html
    data = json.loads(
        re.search(
            r'<script type="application/ld\+json">(\{"@context[^<]*"Event"[^<]*)</script>', html
        )[1]
    )
    assert data["startDate"] == "2030-11-15T09:00:00+08:00"
    assert data["endDate"] == "2030-11-15T17:30:00+08:00"
    assert data["location"]["address"]["addressCountry"] == "MY"
    assert data["organizer"]["name"] == "CICOPA"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"


def test_the_calendar_carries_zones_that_hold_across_summer_time(client):
    """The night summer time starts in Brussels (28 March 2027, 02:00 → 03:00): an event from
    20:00 the evening before to 10:00 that morning lasts 13 hours, not 14."""
    event(
        "Night school",
        start_date=datetime.date(2027, 3, 27),
        start_time=datetime.time(20, 0),
        end_date=datetime.date(2027, 3, 28),
        end_time=datetime.time(10, 0),
        time_zone="Europe/Brussels",
    )
    event("Forum", start_date=datetime.date(2027, 6, 1), end_date=datetime.date(2027, 6, 3))
    parsed = calendar(client)
    assert parsed["version"] == "2.0" and "CICOPA" in str(parsed["prodid"])
    assert [str(tz["tzid"]) for tz in parsed.walk("VTIMEZONE")] == ["Europe/Brussels"]
    night, forum = vevents(parsed)["Night school"], vevents(parsed)["Forum"]
    start = night.decoded("dtstart").astimezone(datetime.UTC)
    end = night.decoded("dtend").astimezone(datetime.UTC)
    assert night["dtstart"].params["TZID"] == "Europe/Brussels"
    assert start == datetime.datetime(2027, 3, 27, 19, tzinfo=datetime.UTC)
    assert end == datetime.datetime(2027, 3, 28, 8, tzinfo=datetime.UTC)
    assert end - start == datetime.timedelta(hours=13)
    # A whole-days event: dates, the end the day after the last (RFC 5545 3.6.1).
    assert forum.decoded("dtstart") == datetime.date(2027, 6, 1)
    assert forum.decoded("dtend") == datetime.date(2027, 6, 4)
    for component in (night, forum):
        assert re.fullmatch(r"[0-9a-f-]{36}@cicopa\.coop", str(component["uid"]))
        assert component["url"].startswith("http://testserver/events/2027/")


def test_a_change_of_time_or_a_cancellation_keeps_the_uid_and_raises_the_sequence(client):
    school = event("International School", start_time=datetime.time(10))
    first = vevents(calendar(client))["International School"]
    assert first["sequence"] == 0 and first["status"] == "CONFIRMED"
    school.title_en = "International School"  # a save that changes no time nor place
    school.summary_en = "Now with the programme."
    school.save()
    assert vevents(calendar(client))["International School"]["sequence"] == 0
    school.start_time = datetime.time(11)
    school.save()
    moved = vevents(calendar(client))["International School"]
    assert moved["uid"] == first["uid"] and moved["sequence"] == 1
    school.cancelled = True
    school.save()
    cancelled = vevents(calendar(client))["International School"]
    assert cancelled["uid"] == first["uid"] and cancelled["sequence"] == 2
    assert cancelled["status"] == "CANCELLED"
    assert "cancelled" in client.get(school.get_absolute_url()).content.decode()


def test_add_to_calendar_and_a_region_s_calendar(client, country):
    andean = OrganisationFactory(name="Andean Union", country=country("PE"))
    event(
        "Americas webinar",
        organisation=andean,
        online_url="https://meet.example.org/x",
        city="",
        country=None,
    )
    event("Brussels forum")
    americas = vevents(calendar(client, "/members/regions/americas/events.ics"))
    assert set(americas) == {"Americas webinar"}
    single = Event.objects.get(slug="americas-webinar")
    one = vevents(calendar(client, f"{single.get_absolute_url()}calendar.ics"))
    assert set(one) == {"Americas webinar"}
    assert client.get("/members/regions/nowhere/events.ics").status_code == 404


def test_the_admin_refuses_an_event_with_no_place_or_ending_first_keeping_what_was_typed(
    staff_client,
):
    data = {
        "title_en": "Webinar",
        "slug": "webinar",
        "summary_en": "One hour on statistics.",
        "start_date": "2031-05-10",
        "end_date": "2031-05-09",
        "time_zone": "Europe/Brussels",
        "status": "published",
    }
    response = staff_client.post("/admin/news/event/add/", data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "end_date" in errors and "city" in errors
    assert "One hour on statistics." in response.content.decode()  # what was typed is kept
    data.update(end_date="", online_url="https://meet.example.org/stats", time_zone="Mars/Base")
    response = staff_client.post("/admin/news/event/add/", data)
    assert "time_zone" in response.context["adminform"].form.errors
    data["time_zone"] = "America/Bogota"
    assert staff_client.post("/admin/news/event/add/", data).status_code == 302
    assert Event.objects.get().end_date == datetime.date(2031, 5, 10)


def test_the_list_keeps_its_query_budget_with_1000_events(client, django_assert_max_num_queries):
    start = timezone.localdate()
    Event.objects.bulk_create(
        Event(
            title_en=f"Event {n}",
            slug=f"event-{n}",
            summary_en="A meeting.",
            start_date=start + datetime.timedelta(days=n % 400 - 200),
            end_date=start + datetime.timedelta(days=n % 400 - 200),
            online_url="https://meet.example.org/",
            status=Event.Status.PUBLISHED,
        )
        for n in range(1000)
    )
    with django_assert_max_num_queries(4):
        assert client.get("/events/").status_code == 200
    with django_assert_max_num_queries(4):
        # A year with past events (they run back 200 days from today).
        past_year = (start - datetime.timedelta(days=100)).year
        assert client.get(f"/events/{past_year}/").status_code == 200
    with django_assert_max_num_queries(3):
        assert len(calendar(client).walk("VEVENT")) > 100


def test_events_reach_feed_readers_with_a_stable_guid(client):
    school = event("International School", start_time=datetime.time(10))
    event("Draft meeting", status=Event.Status.DRAFT)
    rss = client.get("/events/feed/")
    atom = client.get("/events/feed/atom/")
    assert rss.status_code == atom.status_code == 200
    for response, version in [(rss, "rss20"), (atom, "atom10")]:
        feed = feedparser.parse(response.content)
        assert not feed.bozo and feed.version == version
    parsed = feedparser.parse(rss.content)
    assert [entry.title for entry in parsed.entries] == ["International School"]
    guid = parsed.entries[0].id
    assert guid == f"tag:cicopa.coop,2026:events/{school.uid}"
    assert "Brussels, Belgium" in parsed.entries[0].summary
    school.cancelled = True
    school.save()
    again = feedparser.parse(client.get("/events/feed/atom/").content).entries[0]
    assert again.id == guid and again.title == "Cancelled: International School"


def test_an_event_shows_on_its_organiser_s_and_its_region_s_pages(client, country):
    andean = OrganisationFactory(name="Andean Union", slug="andean-union", country=country("PE"))
    event(
        "Americas webinar",
        organisation=andean,
        online_url="https://meet.example.org/x",
        city="",
        country=None,
    )
    event("Brussels forum")
    member = client.get("/members/andean-union/").content.decode()
    assert "Events by Andean Union" in member and "Americas webinar" in member
    region = client.get("/members/regions/americas/").content.decode()
    assert "Americas webinar" in region and "Brussels forum" not in region
    assert 'href="/members/regions/americas/events.ics"' in region
    europe = client.get("/members/regions/europe/").content.decode()
    assert "Brussels forum" in europe and "Americas webinar" not in europe


def test_the_home_page_shows_the_next_event_after_the_news(client):
    assert "Next event" not in client.get("/").content.decode()
    event("Webinar on worker buyouts", days_from_now=40)
    event("International School", days_from_now=10)
    html = client.get("/").content.decode()
    next_event = html.split("Next event")[1]
    assert "International School" in next_event and "Webinar" not in next_event
    assert html.index("reach-heading") < html.index("latest-heading") < html.index("Next event")


def test_events_are_found_by_search_and_listed_in_the_sitemap(client):
    school = event("International School of cooperative management")
    event("Hidden draft school", status=Event.Status.DRAFT)
    html = client.get("/search/?q=school").content.decode()
    assert school.get_absolute_url() in html and "Hidden draft" not in html
    sitemap = client.get("/sitemap-events.xml").content.decode()
    assert f"http://testserver{school.get_absolute_url()}" in sitemap
    assert "hidden-draft-school" not in sitemap


def test_events_come_from_a_spreadsheet_previewed_then_written_each_checked(staff_client):
    """An archive of past meetings at once: new rows and a change to one by its slug; a row
    the form would refuse refuses the file, saying which column and why."""
    school = event("International School", start_date=datetime.date(2030, 6, 1))
    header = ["slug", "title_en", "summary_en", "start_date", "end_date", "start_time"]
    header += ["time_zone", "city", "country", "online_url", "status"]

    def upload(rows):
        out = io.StringIO()
        csv.writer(out).writerows([header, *rows])
        file = SimpleUploadedFile("events.csv", out.getvalue().encode())
        return staff_client.post(
            "/admin/news/event/import/", {"format": "0", "resource": "0", "import_file": file}
        )

    assembly = ["general-assembly-2017", "General Assembly", "The members met.", "2017-11-15"]
    assembly += ["", "09:00", "Asia/Kuala_Lumpur", "Kuala Lumpur", "MY", "", "published"]
    moved = ["international-school", "International School", "About International School."]
    moved += ["2030-06-02", "", "", "Europe/Brussels", "Brussels", "BE", "", "published"]
    nowhere = ["webinar", "Webinar", "An hour.", "2031-01-10", "2031-01-09", "", "UTC", "", ""]
    nowhere += ["", "published"]

    refused = upload([assembly, nowhere])
    html = refused.content.decode()
    assert "Row 2" in html and "The last day comes before the first." in html
    assert not Event.objects.filter(slug="general-assembly-2017").exists()

    shown = upload([assembly, moved])
    html = shown.content.decode()
    assert "New event" in html and "Kuala Lumpur" in html
    assert "<del>2030-06-01</del> → <ins>2030-06-02</ins>" in html
    form = html.split('action="/admin/news/event/process_import/"')[1].split("</form>")[0]
    data = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form))
    assert staff_client.post("/admin/news/event/process_import/", data).status_code == 302
    assembly_event = Event.objects.get(slug="general-assembly-2017")
    assert assembly_event.country.code == "MY"
    assert assembly_event.starts_at.isoformat() == "2017-11-15T09:00:00+08:00"
    school.refresh_from_db()
    assert school.start_date == datetime.date(2030, 6, 2) and school.sequence == 1
