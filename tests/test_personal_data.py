"""Personal data as the law asks (#31): each kind deleted after its period and kept before (the
clock moved, not waited for), by the command cron runs; and, in the admin, everything held
about an address found, downloaded and erased in one step."""

import datetime
import json
from io import StringIO

import pytest
import time_machine
from axes.models import AccessAttempt, AccessLog
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from django.utils.formats import date_format
from django_tasks_db.models import DBTaskResult
from reversion.models import Version

from members import representatives
from members.models import Correction, Proposal, Representative
from news import subscriptions
from news.models import Subscriber
from pages.models import Page
from pages.personal_data import Held
from tests.factories import UserFactory, secretariat_user
from tests.test_editing import opened, staff

pytestmark = pytest.mark.django_db

ADDRESS = "jane.doe@example.org"
PAGE = "/admin/pages/page/personal-data/"


def purged(days_later):
    """Run the command as cron does, the clock moved `days_later` days on; what it printed."""
    with time_machine.travel(timezone.now() + datetime.timedelta(days=days_later)):
        out = call_command_output("purge_personal_data")
    return out


def call_command_output(*args):
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def subscriber(email, status=Subscriber.Status.CONFIRMED):
    row = Subscriber.objects.create(email=email, language="en", consented_at=timezone.now())
    if status != Subscriber.Status.PENDING:
        subscriptions.confirm(row)
    if status == Subscriber.Status.UNSUBSCRIBED:
        subscriptions.unsubscribe(row)
    return row


def emails():
    return set(Subscriber.objects.values_list("email", flat=True))


# Retention, kind by kind --------------------------------------------------------------------


def test_a_request_never_confirmed_goes_after_its_period_and_a_subscription_stays(settings):
    settings.RETENTION_DAYS = {**settings.RETENTION_DAYS, "unconfirmed_subscriptions": 7}
    subscriber("pending@example.org", Subscriber.Status.PENDING)
    subscriber("reader@example.org")
    purged(6)
    assert emails() == {"pending@example.org", "reader@example.org"}
    purged(8)
    assert emails() == {"reader@example.org"}
    purged(400)
    assert emails() == {"reader@example.org"}  # a confirmed subscription has no end


def test_an_unsubscribed_address_goes_after_its_period(settings):
    settings.RETENTION_DAYS = {**settings.RETENTION_DAYS, "unsubscribed_addresses": 30}
    subscriber("gone@example.org", Subscriber.Status.UNSUBSCRIBED)
    subscriber("reader@example.org")
    purged(29)
    assert emails() == {"gone@example.org", "reader@example.org"}
    purged(31)
    assert emails() == {"reader@example.org"}


def test_a_correction_goes_after_its_period_once_decided_and_never_while_new(organisation):
    def correction(status):
        return Correction.objects.create(
            organisation=organisation,
            what_is_wrong="The address",
            proposed_text="Calle 1",
            email=f"{status}@example.org",
            status=status,
        )

    for status in ("new", "accepted", "rejected"):
        correction(status)
    purged(179)
    assert Correction.objects.count() == 3
    purged(181)
    assert list(Correction.objects.values_list("status", flat=True)) == ["new"]


def test_sign_in_and_lockout_records_go_after_their_period(organisation):
    user = UserFactory(username="ana@liga.example", email="ana@liga.example")
    Representative.objects.create(user=user, organisation=organisation, language="es")
    client = Client()

    def sign_in(password):
        client.post("/members/my/login/", {"username": user.username, "password": password})

    sign_in("wrong")
    assert AccessAttempt.objects.count() == 1  # what a lockout counts
    sign_in("correct horse battery staple")
    assert AccessLog.objects.count() == 1 and AccessAttempt.objects.count() == 0
    with time_machine.travel(timezone.now() + datetime.timedelta(days=60)):
        sign_in("a later guess")
    purged(89)
    assert AccessLog.objects.count() == 1 and AccessAttempt.objects.count() == 1
    purged(91)
    assert AccessLog.objects.count() == 0 and AccessAttempt.objects.count() == 1
    purged(151)
    assert AccessAttempt.objects.count() == 0


def finished_task(**fields):
    now = timezone.now()
    defaults = {
        "status": "SUCCESSFUL",
        "args_kwargs": {"args": [], "kwargs": {}},
        "task_path": "news.tasks.send_digest_now",
        "backend_name": "default",
        "queue_name": "default",
        "run_after": now,
        "started_at": now,
        "finished_at": now,
        "exception_class_path": "",
        "traceback": "",
    }
    return DBTaskResult.objects.create(**{**defaults, **fields})


def test_finished_tasks_go_after_their_period_and_waiting_ones_stay():
    finished_task()
    finished_task(status="FAILED")
    waiting = finished_task(status="READY", started_at=None, finished_at=None)
    purged(13)
    assert DBTaskResult.objects.count() == 3
    purged(15)
    assert list(DBTaskResult.objects.all()) == [waiting]


def test_a_session_goes_once_it_has_expired(settings):
    Client().force_login(UserFactory())
    purged(settings.SESSION_COOKIE_AGE // 86400 - 1)
    assert Session.objects.count() == 1
    purged(settings.SESSION_COOKIE_AGE // 86400 + 1)
    assert Session.objects.count() == 0


def test_the_command_says_what_it_deleted_and_a_second_run_deletes_nothing(organisation):
    subscriber("pending@example.org", Subscriber.Status.PENDING)
    subscriber("gone@example.org", Subscriber.Status.UNSUBSCRIBED)
    first = purged(60)
    assert "Requests to subscribe never confirmed: 1 deleted" in first
    assert "Unsubscribed addresses: 1 deleted" in first
    second = purged(60)
    assert second.count(": 0 deleted") == 6, second


def test_the_privacy_notice_states_the_periods_the_site_enforces(client, settings):
    settings.RETENTION_DAYS = {**settings.RETENTION_DAYS, "decided_corrections": 45}
    html = client.get("/privacy/").content.decode()
    assert "<td>Suggested corrections, once decided</td><td>45 days</td>" in html
    assert "<td>Requests to subscribe never confirmed</td><td>7 days</td>" in html
    changed = date_format(timezone.localtime(Page.notice_version()), "DATETIME_FORMAT")
    assert f"This notice was last changed on {changed}." in html


# Access and erasure -------------------------------------------------------------------------


@pytest.fixture
def everywhere(organisation, settings):
    """ADDRESS in each place the site can hold it: a subscription, a correction, a staff
    account that edited a record, a representative's account (named in the organisation's
    history and in the admin's log), its sign-in records, and a task's arguments."""
    subscriber(ADDRESS)
    Correction.objects.create(
        organisation=organisation, what_is_wrong="x", proposed_text="y", email=ADDRESS
    )
    jane = secretariat_user(username="jane", email=ADDRESS, first_name="Jane", last_name="Doe")
    jane_client = Client()
    jane_client.force_login(jane)
    representative = representatives.invite(organisation, ADDRESS.upper(), "en")
    Proposal.objects.create(
        organisation=organisation, representative=representative, changes={"acronym": "LC"}
    )
    change = f"/admin/members/organisation/{organisation.pk}/change/"
    data = opened(jane_client, change)
    data["description_en"] = "<p>Edited by Jane.</p>"
    assert jane_client.post(change, data).status_code == 302
    LogEntry.objects.create(
        user=jane,
        content_type=ContentType.objects.get_for_model(User),
        object_id=str(representative.user.pk),
        object_repr=representative.user.username,
        action_flag=ADDITION,
    )
    Client().post("/members/my/login/", {"username": ADDRESS, "password": "a guess"})
    finished_task(args_kwargs={"args": [ADDRESS], "kwargs": {}})
    return jane


def test_everything_held_about_an_address_is_found_and_downloaded(everywhere, staff_client):
    response = staff_client.post(PAGE, {"email": ADDRESS, "action": "find"})
    assert response.status_code == 200
    counts = dict(response.context["places"])
    assert all(counts.values()), counts  # found in every place
    download = staff_client.post(PAGE, {"email": ADDRESS, "action": "download"})
    assert download["Content-Type"].startswith("application/json")
    assert "attachment" in download["Content-Disposition"]
    data = json.loads(download.content)
    assert data["subscriptions"][0]["email"] == ADDRESS
    assert data["subscriptions"][0]["confirmed_how"]
    assert data["corrections"][0]["proposed_text"] == "y"
    assert {a["username"] for a in data["accounts"]} == {"jane", ADDRESS}
    assert data["accounts"][0]["first_name"] in {"Jane", ""}
    assert data["proposals"][0]["changes"] == {"acronym": "LC"}
    assert data["sign_ins"][0]["username"] == ADDRESS
    assert any(entry["object"].lower() == ADDRESS for entry in data["history"])
    assert data["admin_log"][0]["record"] == ADDRESS
    assert data["tasks"][0]["arguments"]["args"] == [ADDRESS]
    assert not any(
        ADDRESS in entry.object_repr for entry in LogEntry.objects.filter(content_type=None)
    )  # the download is logged, without the address


def test_erasure_leaves_nothing_and_keeps_the_staff_member_s_edits_without_their_name(
    everywhere, staff_client
):
    refused = staff_client.post(PAGE, {"email": ADDRESS, "action": "erase"})
    assert refused.status_code == 400 and "Tick this box" in refused.content.decode()
    assert f'value="{ADDRESS}"' in refused.content.decode()  # what was typed is kept
    assert Held(ADDRESS)  # and nothing erased

    done = staff_client.post(
        PAGE, {"email": ADDRESS, "action": "erase", "confirm_erasure": "on"}, follow=True
    )
    assert "Erased" in done.content.decode()
    assert not Held(ADDRESS), Held(ADDRESS).counts()
    for model in (Subscriber, Correction, AccessAttempt, Representative):
        assert not model.objects.exists(), model
    assert not DBTaskResult.objects.exists()
    jane = User.objects.get(pk=everywhere.pk)
    assert (jane.username, jane.email, jane.first_name, jane.is_active) == (
        f"erased-{jane.pk}",
        "",
        "",
        False,
    )
    assert not jane.has_usable_password()
    organisation_versions = Version.objects.filter(content_type__model="organisation")
    assert organisation_versions.get().revision.user == jane  # kept, under the new name
    assert not Version.objects.filter(serialized_data__icontains=ADDRESS).exists()
    assert not Version.objects.filter(object_repr__icontains=ADDRESS).exists()
    assert not LogEntry.objects.filter(object_repr__icontains=ADDRESS).exists()
    assert not LogEntry.objects.filter(change_message__icontains=ADDRESS).exists()
    logged = LogEntry.objects.get(object_repr="Personal data erased on request")
    assert "subscriptions: 1" in logged.change_message
    assert ADDRESS not in logged.change_message


def test_only_an_address_of_its_own_is_erased():
    subscriber("bob@example.org")
    subscriber("jimbob@example.org")
    held = Held("bob@example.org")
    assert held.counts()["subscriptions"] == 1
    held.erase(by=secretariat_user(username="sec"))
    assert emails() == {"jimbob@example.org"}


def test_the_page_needs_the_permission_and_a_real_address(client, staff_client):
    assert staff_client.get("/admin/").content.decode().count(PAGE) == 1  # linked from home
    bad = staff_client.post(PAGE, {"email": "not an address", "action": "find"})
    assert bad.status_code == 400 and 'value="not an address"' in bad.content.decode()
    outsider = User.objects.create_user("helper", "helper@example.org", is_staff=True)
    client.force_login(outsider)
    assert client.get(PAGE).status_code == 403
    assert staff("sec2").get(PAGE).status_code == 200
