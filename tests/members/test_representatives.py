"""Member organisations' representatives (#30, in part): invited by the secretariat from the
organisation's admin page, they choose a password from the mail and sign in to their own
organisation's page; they never reach the admin, and the secretariat sees and revokes them."""

import re

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client
from reversion.models import Version

from members.models import Proposal, Representative
from tests.factories import OrganisationFactory
from tests.test_editing import opened
from tests.test_pictures import photo

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


@pytest.fixture
def ana(organisation):
    return represented(organisation, "ana@liga.example", "fr")


def represented(organisation, email, language="en"):
    """A client signed in as a new representative of `organisation`."""
    user = User.objects.create_user(email, email, PASSWORD)
    Representative.objects.create(user=user, organisation=organisation, language=language)
    client = Client()
    client.force_login(user)
    return client


def proposal_data(client, **changes):
    """The representative's form as shown, with `changes`."""
    form = client.get("/members/my/").context["form"]
    data = {name: form[name].value() or "" for name in form.fields if name != "logo"}
    return {**data, **changes}


def test_a_proposal_waits_and_the_secretariat_approves_it_field_by_field(
    ana, staff_client, client, organisation, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    data = proposal_data(
        ana,
        description_fr="Une ligue de coopératives de Porto Rico.",
        website="https://liga.example",
        logo=photo(600, 300, "logo.png", "PNG"),
    )
    sent = ana.post("/members/my/", data)
    assert sent.status_code == 302
    proposal = Proposal.objects.get()
    assert proposal.changes == {
        "description_fr": "Une ligue de coopératives de Porto Rico.",
        "website": "https://liga.example",
    }
    assert proposal.logo
    assert "liga.example" not in client.get(organisation.get_absolute_url()).content.decode()
    index = staff_client.get("/admin/").content.decode()
    assert "1 proposal from a representative" in index

    review = f"/admin/members/proposal/{proposal.pk}/change/"
    page = staff_client.get(review).content.decode()
    assert "Une ligue de coopératives" in page and proposal.logo.url in page
    refused = staff_client.post(
        review, {"approve_description_fr": "on", "approve_website": "on", "reason": ""}
    )
    assert refused.status_code == 200 and "Say why" in refused.content.decode()  # the logo
    with django_capture_on_commit_callbacks(execute=True):
        decided = staff_client.post(
            review,
            {
                "approve_description_fr": "on",
                "approve_website": "",
                "reason": "The logo is blurred; send a larger one.",
            },
        )
    assert decided.status_code == 302
    organisation.refresh_from_db()
    assert organisation.description_fr == "Une ligue de coopératives de Porto Rico."
    assert organisation.website == "" and not organisation.logo
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.PARTLY_APPROVED
    assert Version.objects.get_for_object(organisation).count() == 1  # in its History
    french = client.get(f"/fr{organisation.get_absolute_url()}").content.decode()
    assert "Une ligue de coopératives" in french
    (decision,) = mail.outbox
    assert decision.to == ["ana@liga.example"] and "The logo is blurred" in decision.body
    mine = ana.get("/members/my/").content.decode()
    assert "Partly approved" in mine and "The logo is blurred" in mine
    assert staff_client.get(review).status_code == 200  # kept, to read, no longer to decide


def test_a_refused_or_invalid_proposal_changes_nothing_and_keeps_what_was_typed(ana, organisation):
    typed = proposal_data(ana, website="not an address", description_en="Typed with care.")
    refused = ana.post("/members/my/", typed)
    assert refused.status_code == 400
    assert "Typed with care." in refused.content.decode()
    assert not Proposal.objects.exists()
    nothing = ana.post("/members/my/", proposal_data(ana))
    assert nothing.status_code == 302 and not Proposal.objects.exists()


def test_a_second_save_replaces_the_waiting_proposal(ana, organisation):
    ana.post("/members/my/", proposal_data(ana, acronym="LC"))
    ana.post("/members/my/", proposal_data(ana, acronym="LDC"))
    assert list(Proposal.objects.values_list("changes", flat=True)) == [{"acronym": "LDC"}]


def test_representatives_never_reach_the_proposals_in_the_admin(ana):
    proposal = Proposal.objects.create(organisation=Representative.objects.get().organisation)
    assert ana.get(f"/admin/members/proposal/{proposal.pk}/change/").status_code == 302


def test_a_representative_reaches_nothing_of_another_organisation(ana, organisation, country):
    """Every representative address answers for the signed-in representative's own
    organisation alone; every address that names an organisation is the admin's."""
    other = OrganisationFactory(name="Another Federation", country=country("BO"))
    theirs = Proposal.objects.create(organisation=other, changes={"acronym": "AF"})
    for path in [
        f"/admin/members/organisation/{other.pk}/change/",
        f"/admin/members/organisation/{other.pk}/invite/",
        f"/admin/members/proposal/{theirs.pk}/change/",
        "/admin/members/figuresround/add/",
    ]:
        response = ana.get(path)
        assert response.status_code == 302 and "/login/" in response["Location"], path
    # Her own page and its forms know her organisation only, whatever she sends.
    page = ana.get("/members/my/").content.decode()
    # The acronym as a word: a CSRF token may hold the letters "AF" by chance.
    assert "Another Federation" not in page and not re.search(r"\bAF\b", page)
    ana.post("/members/my/", proposal_data(ana, acronym="XX", organisation=other.pk))
    assert Proposal.objects.get(changes={"acronym": "XX"}).organisation == organisation
    assert Proposal.objects.get(pk=theirs.pk).changes == {"acronym": "AF"}


def test_a_representative_who_forgot_her_password_chooses_a_new_one(ana, organisation):
    reset = Client()
    assert "/members/my/password/" in reset.get("/members/my/login/").content.decode()
    sent = reset.post("/members/my/password/", {"email": "ana@liga.example"})
    assert sent.status_code == 302 and sent["Location"] == "/members/my/password/sent/"
    (message,) = mail.outbox
    assert message.alternatives and "/members/my/welcome/" in message.body
    done = welcomed(reset, message)
    assert done.status_code == 302 and reset.get("/members/my/").status_code == 200


@pytest.mark.parametrize("email", ["nobody@liga.example", "greta@cicopa.example"])
def test_a_forgotten_password_mails_only_representatives(organisation, email):
    User.objects.create_user("greta", "greta@cicopa.example", PASSWORD, is_staff=True)
    sent = Client().post("/members/my/password/", {"email": email})
    assert sent.status_code == 302  # the same answer, whoever asks
    assert not mail.outbox
