"""Visitors suggest corrections: stored for the secretariat, who are told by email; guarded
against bots and floods; nothing of it reaches a public page."""

import pytest
from django.core import mail
from django.test import Client, override_settings

from members.models import Correction
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

GOOD = {
    "what_is_wrong": "The website address is out of date.",
    "proposed_text": "https://new.example.coop",
    "email": "member@example.org",
}


@pytest.fixture
def organisation(country):
    return OrganisationFactory(name="Liga de Cooperativas", slug="liga", country=country("PR"))


FORM = "/members/liga/correction/"


def post(client, data, **extra):
    return client.post(FORM, data, **extra)


def test_the_organisation_page_links_the_form(client, organisation):
    assert f'href="{FORM}"' in client.get("/members/liga/").content.decode()
    page = client.get(FORM)
    assert page.status_code == 200
    assert "csrfmiddlewaretoken" in page.content.decode()
    assert "no-cache" in page["Cache-Control"]  # its token is this visitor's own


@override_settings(SECRETARIAT_EMAIL="secretariat@example.org")
def test_a_suggestion_is_stored_and_the_secretariat_told(
    client, organisation, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, GOOD)
    assert response.status_code == 302
    assert response["Location"] == "/members/liga/correction/thanks/"
    correction = Correction.objects.get()
    assert (correction.organisation, correction.status) == (organisation, "new")
    assert correction.proposed_text == "https://new.example.coop"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["secretariat@example.org"]
    assert "Liga de Cooperativas" in mail.outbox[0].subject
    assert "out of date" in mail.outbox[0].body and "member@example.org" in mail.outbox[0].body
    assert "secretariat has your suggestion" in client.get(response["Location"]).content.decode()


@override_settings(SECRETARIAT_EMAIL="", ADMINS=[("IT", "it@example.org")])
def test_without_a_secretariat_address_the_admins_are_told(
    client, organisation, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post(client, GOOD)
    assert mail.outbox[0].to == ["it@example.org"]


def test_a_bot_filling_the_honeypot_is_thanked_and_ignored(
    client, organisation, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, {**GOOD, "homepage": "http://spam.example"})
    assert response.status_code == 302
    assert not Correction.objects.exists() and not mail.outbox


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"what_is_wrong": "x" * 2001}, "what_is_wrong"),
        ({"proposed_text": "y" * 4001}, "proposed_text"),
        ({"email": "not an address"}, "email"),
        ({"what_is_wrong": "nul\x00byte"}, "what_is_wrong"),
        ({"proposed_text": ""}, "proposed_text"),
    ],
)
def test_bad_input_is_refused_and_keeps_what_was_typed(client, organisation, change, field):
    response = post(client, {**GOOD, **change})
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Correction.objects.exists()
    if field != "what_is_wrong":
        assert "The website address is out of date." in response.content.decode()


HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)> {{ 7|add:1 }}'


def test_hostile_text_is_stored_as_typed_shown_escaped_and_never_public(
    client, staff_client, organisation
):
    post(client, {**GOOD, "what_is_wrong": HOSTILE, "proposed_text": HOSTILE})
    correction = Correction.objects.get()
    assert correction.what_is_wrong == HOSTILE  # plain text, as typed
    admin = staff_client.get(f"/admin/members/correction/{correction.pk}/change/")
    html = admin.content.decode()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert '<script>alert("x")' not in html and "<img src=x" not in html
    for page in ["/members/liga/", "/members/", "/fr/members/liga/"]:
        public = client.get(page).content.decode()
        assert "alert" not in public and "{{ 7" not in public


def test_a_flood_from_one_address_gets_429_and_others_still_get_through(client, organisation):
    statuses = [post(client, GOOD).status_code for _ in range(8)]
    assert statuses[:5] == [302] * 5
    assert statuses[5:] == [429] * 3
    limited = post(client, GOOD)
    assert 3590 < int(limited["Retry-After"]) <= 3600  # the rest of the hour
    assert "Too many suggestions" in limited.content.decode()
    assert Correction.objects.count() == 5
    assert post(client, GOOD, REMOTE_ADDR="192.0.2.7").status_code == 302


@override_settings(CONTACT_EMAIL="secretariat@cicopa.example")
def test_only_kept_suggestions_count_and_a_refused_one_keeps_its_text(client, organisation):
    for _ in range(6):  # refused for what they lack: not counted
        assert post(client, {**GOOD, "email": "not an address"}).status_code == 200
    for _ in range(5):
        assert post(client, GOOD).status_code == 302
    typed = {**GOOD, "proposed_text": "Ligacoop moved to a new address in 2024."}
    limited = post(client, typed)
    assert limited.status_code == 429
    html = limited.content.decode()
    assert "Ligacoop moved to a new address in 2024." in html  # kept, to send again
    assert 'href="mailto:secretariat@cicopa.example"' in html


def test_a_post_without_the_csrf_token_is_refused(organisation):
    client = Client(enforce_csrf_checks=True)
    assert post(client, GOOD).status_code == 403
    assert not Correction.objects.exists()


def test_the_form_in_french(client, organisation):
    html = client.get(f"/fr{FORM}").content.decode()
    assert "Proposer une correction" in html
    response = client.post(f"/fr{FORM}", GOOD)
    assert response["Location"] == "/fr/members/liga/correction/thanks/"


def test_the_secretariat_reviews_suggestions_in_the_admin(client, staff_client, organisation):
    post(client, GOOD)
    correction = Correction.objects.get()
    listing = staff_client.get("/admin/members/correction/").content.decode()
    assert "Liga de Cooperativas" in listing and "New" in listing
    assert staff_client.get("/admin/members/correction/add/").status_code == 403
    response = staff_client.post(
        f"/admin/members/correction/{correction.pk}/change/", {"status": "accepted"}
    )
    assert response.status_code == 302
    correction.refresh_from_db()
    assert correction.status == "accepted"
    assert correction.what_is_wrong == GOOD["what_is_wrong"]  # what was sent stays as sent


def test_an_unknown_organisation_has_no_form(client):
    assert client.get("/members/nobody/correction/").status_code == 404
    assert client.post("/members/nobody/correction/", GOOD).status_code == 404


def test_deleting_an_organisation_keeps_its_corrections(client, staff_client, organisation):
    post(client, GOOD)
    assert (
        staff_client.post(
            f"/admin/members/organisation/{organisation.pk}/delete/", {"post": "yes"}
        ).status_code
        == 302
    )
    correction = Correction.objects.get()
    assert correction.organisation is None
    assert correction.what_is_wrong == GOOD["what_is_wrong"]
    listing = staff_client.get("/admin/members/correction/").content.decode()
    assert "Liga de Cooperativas (deleted)" in listing
    page = staff_client.get(f"/admin/members/correction/{correction.pk}/change/")
    assert page.status_code == 200 and "Liga de Cooperativas (deleted)" in page.content.decode()


@override_settings(SECRETARIAT_EMAIL="secretariat@example.org")
def test_a_line_break_in_a_recorded_name_never_breaks_the_mail(
    client, country, django_capture_on_commit_callbacks
):
    # Recorded before names were kept to one line (or written around the forms).
    OrganisationFactory(name="Liga\r\nBcc: victim@example.org", slug="liga", country=country("PR"))
    with django_capture_on_commit_callbacks(execute=True):
        assert post(client, GOOD).status_code == 302
    (message,) = mail.outbox
    assert message.subject == "Suggested correction: Liga Bcc: victim@example.org"
    assert message.bcc == [] and message.to == ["secretariat@example.org"]
