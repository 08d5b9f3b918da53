"""The secretariat's side of the news by email: who subscribes, counted, exported, deleted on
request, and a digest sent now."""

import csv
import io

import pytest
from django.contrib.admin.models import LogEntry
from django.utils import timezone

from members.models import Region
from news.models import Digest, Subscriber
from tests.factories import NewsItemFactory, UserFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/news/subscriber/"


def subscriber(email, status="confirmed", language="en", regions=()):
    now = timezone.now()
    made = Subscriber.objects.create(
        email=email,
        status=status,
        language=language,
        consented_at=now,
        confirmed_at=now if status == "confirmed" else None,
    )
    made.regions.set(regions)
    return made


@pytest.fixture
def subscribers():
    africa = Region.objects.get(slug="africa")
    return [
        subscriber("a@example.org", regions=[africa]),
        subscriber("b@example.org", language="fr", regions=[africa]),
        subscriber("c@example.org", language="fr"),
        subscriber("d@example.org", status="pending", language="es"),
        subscriber("=cmd@example.org", status="unsubscribed"),
    ]


def test_the_secretariat_sees_subscribers_counted_by_status_language_and_region(
    staff_client, subscribers
):
    response = staff_client.get(CHANGELIST)
    assert response.status_code == 200
    html = response.content.decode()
    for count in ("Confirmed (3)", "Waiting for confirmation (1)", "Unsubscribed (1)"):
        assert count in html
    assert "Français (2)" in html and "Español (1)" in html
    assert "Africa (2)" in html
    assert "Send a digest now" in html
    assert [s.email for s in staff_client.get(CHANGELIST, {"language": "fr"}).context["cl"]
            .result_list] == ["c@example.org", "b@example.org"]  # fmt: skip


def test_subscribers_are_made_by_themselves_only(staff_client, subscribers):
    assert staff_client.get(f"{CHANGELIST}add/").status_code == 403
    page = staff_client.get(f"{CHANGELIST}{subscribers[0].pk}/change/")
    assert page.status_code == 200 and page.context["has_change_permission"] is False
    assert staff_client.get("/admin/auth/user/").status_code == 403  # nor accounts


def test_the_secretariat_exports_subscribers_as_csv(staff_client, subscribers):
    response = staff_client.post(
        f"{CHANGELIST}export/",
        {
            "format": "0",
            **{
                f"subscriberresource_{name}": "on"
                for name in ("email", "language", "regions", "status", "consented_at")
            },
        },
    )
    assert response.status_code == 200, response.content[:2000]
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    by_address = {row["email"]: row for row in rows}
    assert set(by_address) == {s.email for s in subscribers[:4]} | {"'=cmd@example.org"}
    assert by_address["a@example.org"]["regions"] == "Africa"
    assert by_address["b@example.org"]["language"] == "fr"


def test_deleting_a_subscriber_on_request_leaves_no_trace_of_the_address(staff_client, subscribers):
    gone = subscribers[0]
    LogEntry.objects.log_actions(
        UserFactory().pk, [gone], 2, change_message="an earlier entry", single_object=True
    )
    url = f"{CHANGELIST}{gone.pk}/delete/"
    assert staff_client.post(url, {"post": "yes"}).status_code == 302
    assert not Subscriber.objects.filter(pk=gone.pk).exists()
    assert not LogEntry.objects.filter(object_repr__contains=gone.email).exists()
    assert not LogEntry.objects.filter(object_id=str(gone.pk), content_type__model="subscriber")

    rest = [s.pk for s in subscribers[1:3]]
    staff_client.post(
        CHANGELIST, {"action": "delete_selected", "_selected_action": rest, "post": "yes"}
    )
    assert not Subscriber.objects.filter(pk__in=rest).exists()
    assert not LogEntry.objects.filter(object_repr__contains="@example.org").exists()


def test_the_secretariat_sends_a_digest_now(staff_client, subscribers, mailoutbox, settings):
    settings.SITE_URL = "https://www.cicopa.coop"
    NewsItemFactory(title="Today's news", published_at=timezone.now())
    response = staff_client.post(f"{CHANGELIST}send-digest/", follow=True)
    assert response.status_code == 200
    assert "on its way" in response.content.decode()
    assert sorted(m.to[0] for m in mailoutbox) == [
        "a@example.org",
        "b@example.org",
        "c@example.org",
    ]
    assert Digest.objects.get().mails == 3
    assert staff_client.get(f"{CHANGELIST}send-digest/").status_code == 405


def test_only_those_allowed_send_a_digest(client, subscribers):
    client.force_login(UserFactory(is_staff=True))
    assert client.post(f"{CHANGELIST}send-digest/").status_code == 403
    assert not Digest.objects.exists()


def test_the_schedule_is_one_setting(staff_client):
    response = staff_client.get("/admin/news/digestschedule/")
    assert response.status_code == 302 and response["Location"].endswith("/1/change/")
    staff_client.post("/admin/news/digestschedule/1/change/", {"every": "30"})
    assert staff_client.get(CHANGELIST).context["schedule"].every == 30
