"""The admin's index shows the secretariat what waits: new corrections, drafts, scheduled
items with their dates, members recently changed."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from members.models import Correction
from news.models import Event
from publications.models import Publication
from tests.factories import NewsItemFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_index_shows_what_waits(staff_client, country):
    organisation = OrganisationFactory(name="Liga de Cooperativas", country=country("PR"))
    Correction.objects.create(
        organisation=organisation, what_is_wrong="x", proposed_text="y", email="a@example.org"
    )
    Correction.objects.create(
        organisation=organisation,
        what_is_wrong="x",
        proposed_text="y",
        email="b@example.org",
        status=Correction.Status.ACCEPTED,
    )
    NewsItemFactory(title="A draft to finish", status="draft")
    due = timezone.now() + datetime.timedelta(days=3)
    scheduled = NewsItemFactory(title="Assembly announced", published_at=due)
    NewsItemFactory(title="Already out")

    html = staff_client.get("/admin/").content.decode()
    waits = html.split('id="what-waits"')[1].split('id="content-main"')[0]
    assert "1 new suggested correction" in waits and "Liga de Cooperativas" in waits
    assert "1 draft" in waits and "A draft to finish" in waits
    assert "1 item scheduled" in waits and "Assembly announced" in waits
    assert scheduled.state.startswith("Scheduled for ") and scheduled.state in waits
    assert str(timezone.localtime(due).day) in scheduled.state
    assert "Already out" not in waits
    assert "Members recently changed" in waits


def test_the_index_lists_the_events_still_drafts(staff_client):
    for title, status in [("Webinar to finish", "draft"), ("School announced", "published")]:
        Event.objects.create(
            title_en=title,
            slug=title.lower().replace(" ", "-"),
            summary_en="A meeting.",
            start_date=datetime.date(2031, 5, 1),
            online_url="https://meet.example.org/",
            status=status,
        )
    html = staff_client.get("/admin/").content.decode()
    waits = html.split('id="what-waits"')[1].split('id="content-main"')[0]
    assert "1 event still a draft" in waits and "Webinar to finish" in waits
    assert "School announced" not in waits


def test_the_index_lists_the_publications_still_drafts(staff_client):
    for title, status in [("Report to finish", "draft"), ("Declaration", "published")]:
        Publication.objects.create(
            title_en=title,
            slug=title.lower().replace(" ", "-"),
            summary_en="x",
            year=2017,
            status=status,
        )
    html = staff_client.get("/admin/").content.decode()
    waits = html.split('id="what-waits"')[1].split('id="content-main"')[0]
    assert "1 publication still a draft" in waits and "Report to finish" in waits
    assert "Declaration" not in waits


def test_a_scheduled_item_is_listed_as_scheduled_not_published(staff_client):
    due = timezone.now() + datetime.timedelta(days=3)
    NewsItemFactory(title="Assembly announced", published_at=due)
    NewsItemFactory(title="Already out")
    rows = staff_client.get("/admin/news/newsitem/").content.decode().split("<tr")
    (assembly,) = [row for row in rows if "Assembly announced" in row]
    (out,) = [row for row in rows if "Already out" in row]
    assert "Scheduled for" in assembly and "Published" not in assembly
    assert "Published" in out


def test_staff_without_the_records_see_nothing_waiting():
    client = Client()
    client.force_login(UserFactory(is_staff=True))
    assert 'id="what-waits"' not in client.get("/admin/").content.decode()
