"""The yearly figures round (#30, members/rounds.py), with mail received by a real SMTP server:
opened from the admin, answered by a representative, reminders to those who have not, once,
a week and a day before the closing date; the round's page shows who answered and the totals."""

import datetime
from unittest import mock

import pytest
from django.core.management import call_command
from django.utils import timezone

from members.models import FiguresRound, Proposal
from tests.factories import OrganisationFactory
from tests.members.test_representatives import represented

pytestmark = pytest.mark.django_db

YEAR = timezone.now().year


@pytest.fixture
def members(country, settings, mailbox):
    settings.SITE_URL = "https://www.cicopa.coop"
    andean = OrganisationFactory(name="Andean Union", country=country("BO"), cooperatives=40)
    liga = OrganisationFactory(name="Liga", country=country("PR"))
    OrganisationFactory(name="Unrepresented Union", country=country("KE"))
    former = OrganisationFactory(name="Former Federation", status="former", left_in=2015)
    return {
        "andean": represented(andean, "ana@andean.example", "fr"),
        "liga": represented(liga, "lia@liga.example"),
        "former": represented(former, "fo@former.example"),
        "andean_organisation": andean,
    }


def opened(staff_client, django_capture_on_commit_callbacks, closes_in_days=20):
    closes_on = timezone.localdate() + datetime.timedelta(days=closes_in_days)
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            "/admin/members/figuresround/add/", {"year": YEAR, "closes_on": closes_on}
        )
    assert response.status_code == 302
    return FiguresRound.objects.get()


def test_a_round_asks_current_members_representatives_each_in_their_language(
    staff_client, members, mailbox, django_capture_on_commit_callbacks
):
    opened(staff_client, django_capture_on_commit_callbacks)
    received = {message["To"]: message for message in mailbox.received}
    assert set(received) == {"ana@andean.example", "lia@liga.example"}  # not a former member
    assert received["lia@liga.example"]["Subject"] == f"CICOPA's figures {YEAR}: Liga"
    assert "Andean Union" in received["ana@andean.example"]["Subject"]
    body = received["ana@andean.example"].get_body(("plain",)).get_content()
    assert "https://www.cicopa.coop/fr/members/my/" in body and "CICOPA" in body
    html = received["ana@andean.example"].get_body(("html",)).get_content()  # the site's look
    assert '<a href="https://www.cicopa.coop/fr/members/my/"' in html and "#a3201c" in html
    assert '<html lang="fr">' in html
    assert "https://www.cicopa.coop/fr/privacy/" in body  # #31: every mail links the notice
    assert '<a href="https://www.cicopa.coop/fr/privacy/"' in html


def test_an_answer_is_a_proposal_and_the_round_shows_who_answered_and_the_totals(
    staff_client, members, mailbox, django_capture_on_commit_callbacks
):
    figures_round = opened(staff_client, django_capture_on_commit_callbacks)
    page = members["andean"].get("/members/my/").content.decode()
    assert "figures-cooperatives" in page and str(YEAR) in page
    answer = {"figures-cooperatives": "50", "figures-individual_members": "1200"}
    assert members["andean"].post("/members/my/figures/", answer).status_code == 302
    proposal = Proposal.objects.get()
    assert proposal.figures_round == figures_round
    assert proposal.changes == {
        "cooperatives": 50,
        "individual_members": 1200,
        "figures_year": YEAR,
    }
    members["andean_organisation"].refresh_from_db()
    assert members["andean_organisation"].cooperatives == 40  # until the secretariat approves
    assert "figures-cooperatives" not in members["andean"].get("/members/my/").content.decode()

    progress = staff_client.get(f"/admin/members/figuresround/{figures_round.pk}/change/")
    html = progress.content.decode()
    assert "Answered (1)" in html and "Andean Union" in html
    assert "Not yet answered (1)" in html and "Liga" in html
    assert "No representative to ask: follow up by hand (1)" in html
    assert "Unrepresented Union" in html
    assert "50 cooperatives, 1200 individual members" in html


def test_a_bad_figure_keeps_what_was_typed(
    staff_client, members, django_capture_on_commit_callbacks
):
    opened(staff_client, django_capture_on_commit_callbacks)
    answer = {"figures-cooperatives": "-3", "figures-individual_members": "1200"}
    refused = members["andean"].post("/members/my/figures/", answer)
    assert refused.status_code == 400 and 'value="1200"' in refused.content.decode()
    assert not Proposal.objects.exists()


def test_reminders_go_once_to_those_who_have_not_answered_a_week_and_a_day_before(
    staff_client, members, mailbox, django_capture_on_commit_callbacks
):
    figures_round = opened(staff_client, django_capture_on_commit_callbacks)
    members["andean"].post(
        "/members/my/figures/", {"figures-cooperatives": "40", "figures-individual_members": ""}
    )
    mailbox.clear()
    call_command("send_figures_reminders")  # too early
    assert not mailbox.received
    due = timezone.now() + (figures_round.reminders_due_on() - timezone.localdate())
    with mock.patch("django.utils.timezone.now", return_value=due):
        call_command("send_figures_reminders")
        call_command("send_figures_reminders")  # once
    assert [message["To"] for message in mailbox.received] == ["lia@liga.example"]
    assert "reminder" in mailbox.received[0].get_body(("plain",)).get_content()
