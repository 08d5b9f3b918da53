"""A member organisation keeps its own entry, in a browser (#30): the secretariat invites a
representative; from the mail she chooses a password, proposes a French description and a
new logo; the public page is unchanged until a Secretariat member approves the description
and refuses the logo with a reason; the public page then shows the description, and she
sees the refusal."""

import re

import pytest
from django.core import mail
from PIL import Image
from playwright.sync_api import expect

from members.models import Organisation

from .test_journeys import log_in_as_secretariat, screenshot

pytestmark = pytest.mark.django_db(transaction=True)

PASSPHRASE = "a long private passphrase for ana"


def test_a_representative_proposes_and_the_secretariat_decides(
    browser, page, live_server, initial_content, settings, tmp_path
):
    settings.SITE_URL = live_server.url
    settings.MEDIA_ROOT = tmp_path / "media"
    base = live_server.url
    organisation = Organisation.objects.get(acronym="VCA")
    public = f"{base}/fr{organisation.get_absolute_url()}"

    # The secretariat invites Ana, in French.
    log_in_as_secretariat(page, live_server, "greta")
    page.goto(f"{base}/admin/members/organisation/{organisation.pk}/change/")
    page.get_by_role("link", name="Invite a representative").click()
    page.get_by_label("Email address").fill("ana@vca.example")
    page.get_by_label("Language of the mails").select_option("fr")
    page.get_by_role("button", name="Send the invitation").click()
    expect(page.locator(".messagelist")).to_contain_text("ana@vca.example")

    # From the mail, she chooses her password and proposes changes.
    (invitation,) = mail.outbox
    link = re.search(r"(http://\S+/welcome/\S+/)", invitation.body).group(1)
    ana = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    ana.goto(link)
    ana.get_by_label("Nouveau mot de passe", exact=True).fill(PASSPHRASE)
    ana.get_by_label("Confirmation du nouveau mot de passe").fill(PASSPHRASE)
    ana.get_by_role("button", name="Enregistrer et se connecter").click()
    expect(ana.get_by_role("heading", level=1)).to_have_text(organisation.name)
    ana.get_by_label("Description en français").fill("L’alliance des coopératives du Viet Nam.")
    logo = tmp_path / "logo.png"
    Image.new("RGB", (400, 200), (163, 32, 28)).save(logo)
    ana.get_by_label("Un nouveau logo").set_input_files(logo)
    ana.get_by_role("button", name="Envoyer au secrétariat").click()
    expect(ana.locator(".notice")).to_contain_text("Votre proposition est envoyée")
    screenshot(ana, "representative")

    page.goto(public)
    expect(page.locator("main")).not_to_contain_text("L’alliance des coopératives du Viet Nam.")

    # The secretariat approves the description and refuses the logo, saying why.
    page.goto(f"{base}/admin/")
    page.get_by_role("link", name="1 proposal from a representative").click()
    page.get_by_role("link", name=organisation.name).click()
    expect(page.locator("table.proposal")).to_contain_text("L’alliance des coopératives")
    page.get_by_label("Approve: A new logo").uncheck()
    page.get_by_label("Reason for what is refused").fill("The logo is too small; send 800 px.")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    page.goto(public)
    expect(page.locator("main")).to_contain_text("L’alliance des coopératives du Viet Nam.")
    expect(page.locator("img.logo")).to_have_count(0)
    ana.reload()
    expect(ana.locator(".proposals")).to_contain_text("Approuvée en partie")
    expect(ana.locator(".proposals")).to_contain_text("The logo is too small")
    assert "The logo is too small" in mail.outbox[-1].body
