"""Member organisations' representatives (#30, in part): invited by the secretariat from the
organisation's admin page, they choose a password from the mail and sign in to their own
organisation's page; they never reach the admin, and the secretariat sees and revokes them."""

import re

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client

from members.models import Representative
from tests.factories import OrganisationFactory
from tests.test_editing import opened

pytestmark = pytest.mark.django_db

PASSWORD = "a long and private passphrase"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = "http://testserver"


@pytest.fixture
def organisation(country):
    return OrganisationFactory(name="Liga de Cooperativas", country=country("PR"), cooperatives=42)


def invite(staff_client, organisation, email="ana@liga.example", language="es"):
    page = f"/admin/members/organisation/{organisation.pk}/invite/"
    return staff_client.post(page, {"email": email, "language": language})


def welcomed(client, message):
    """Follow the invitation's link and choose a password, as the representative does."""
    link = re.search(r"http://testserver(/\S+/welcome/\S+/)", message.body).group(1)
    form = client.get(link, follow=True)
    assert form.status_code == 200 and "new_password1" in form.content.decode()
    return client.post(
        form.redirect_chain[-1][0], {"new_password1": PASSWORD, "new_password2": PASSWORD}
    )


def test_an_invited_representative_chooses_a_password_and_sees_their_organisation(
    staff_client, organisation, django_capture_on_commit_callbacks
):
    change = f"/admin/members/organisation/{organisation.pk}/change/"
    assert "Invite a representative" in staff_client.get(change).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert invite(staff_client, organisation).status_code == 302
    (message,) = mail.outbox
    assert message.to == ["ana@liga.example"] and "Liga de Cooperativas" in message.subject
    assert "/es/members/my/welcome/" in message.body  # in the language chosen for her

    representative = Client()
    done = welcomed(representative, message)
    assert done.status_code == 302 and done["Location"] == "/es/members/my/"
    page = representative.get("/members/my/")
    assert page.status_code == 200 and "Liga de Cooperativas" in page.content.decode()
    assert "private" in page["Cache-Control"] and "no-store" in page["Cache-Control"]

    user = User.objects.get(username="ana@liga.example")
    assert not user.is_staff and not user.is_superuser
    assert representative.get("/admin/").status_code == 302  # to the staff's sign-in
    listed = staff_client.get(change).content.decode()
    assert "ana@liga.example" in listed and "not yet" not in listed  # she has signed in


def test_the_link_works_once_and_the_sign_in_is_for_representatives_only(
    staff_client, organisation, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invite(staff_client, organisation)
    (message,) = mail.outbox
    welcomed(Client(), message)
    link = re.search(r"http://testserver(/\S+/welcome/\S+/)", message.body).group(1)
    again = Client().get(link, follow=True).content.decode()
    assert "new_password1" not in again and "Este enlace no funciona" in again

    login = "/members/my/login/"
    ana = Client()
    credentials = {"username": "ana@liga.example", "password": PASSWORD}
    assert ana.post(login, credentials).status_code == 302
    assert ana.get("/members/my/").status_code == 200
    # Staff are not representatives: this sign-in refuses them as a wrong password.
    staff = User.objects.create_user("greta", "greta@cicopa.example", PASSWORD, is_staff=True)
    refused = Client()
    answer = refused.post(login, {"username": staff.username, "password": PASSWORD})
    assert answer.status_code == 200 and refused.get("/members/my/").status_code == 302


def test_my_organisation_is_for_a_signed_in_representative_alone(staff_client, organisation):
    anonymous = Client().get("/members/my/")
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/members/my/login/")
    assert staff_client.get("/members/my/").status_code == 404  # staff represent nobody
    other = OrganisationFactory(name="Another Federation")
    user = User.objects.create_user("bo@other.example", "bo@other.example", PASSWORD)
    Representative.objects.create(user=user, organisation=other, language="en")
    bo = Client()
    bo.force_login(user)
    page = bo.get("/members/my/").content.decode()
    assert "Another Federation" in page and "Liga de Cooperativas" not in page


def test_the_secretariat_revokes_a_representative(
    staff_client, organisation, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invite(staff_client, organisation)
    welcomed(Client(), mail.outbox[0])
    change = f"/admin/members/organisation/{organisation.pk}/change/"
    data = opened(staff_client, change)
    data.update(
        {
            "representatives-TOTAL_FORMS": "1",
            "representatives-INITIAL_FORMS": "1",
            "representatives-0-id": str(Representative.objects.get().pk),
            "representatives-0-organisation": str(organisation.pk),
            "representatives-0-DELETE": "on",
        }
    )
    assert staff_client.post(change, data).status_code == 302
    assert (
        not Representative.objects.exists()
        and not User.objects.filter(username="ana@liga.example").exists()
    )
    login = {"username": "ana@liga.example", "password": PASSWORD}
    assert Client().post("/members/my/login/", login).status_code == 200  # refused


def test_an_address_with_an_account_is_not_invited_twice(staff_client, organisation):
    User.objects.create_user("ana@liga.example", "ana@liga.example")
    refused = invite(staff_client, organisation, email="Ana@Liga.example")
    assert refused.status_code == 200 and "already has an account" in refused.content.decode()
    assert not mail.outbox and not Representative.objects.exists()
