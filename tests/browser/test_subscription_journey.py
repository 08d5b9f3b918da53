"""A visitor subscribes to the news by email in a browser (#21): from the short form on the
home page, through the confirmation link in the mail a real SMTP server received, to the
digest, and out again by the link in that digest."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from news import digests
from news.models import Subscriber
from tests.factories import NewsItemFactory

from .conftest import run_axe

pytestmark = pytest.mark.django_db(transaction=True)


def link_in(message, word):
    text = message.get_body(preferencelist=("plain",)).get_content()
    return re.search(rf"(http://\S*/{word}/\S+/)", text).group(1)


def test_a_visitor_subscribes_confirms_reads_and_unsubscribes(
    page, audit_page, live_server, initial_content, mailbox, settings
):
    settings.SITE_URL = live_server.url
    page.goto(f"{live_server.url}/fr/")
    box = page.locator(".subscribe-box")
    box.get_by_label("Adresse électronique").fill("lectrice@example.org")
    box.get_by_role("button", name="S’abonner").click()

    expect(page.get_by_label("Adresse électronique")).to_have_value("lectrice@example.org")
    expect(page.get_by_label("Langue des courriels")).to_have_value("fr")
    page.get_by_label("Europe").check()
    page.locator("main form").get_by_role("button", name="S’abonner").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Consultez votre messagerie")

    (confirmation,) = mailbox.received
    assert confirmation["To"] == "lectrice@example.org"
    confirm = link_in(confirmation, "confirm")
    page.goto(confirm)
    audit_page.goto(confirm)
    assert run_axe(audit_page) == []
    page.get_by_role("button", name="Confirmer mon abonnement").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Votre abonnement est confirmé")
    assert Subscriber.objects.get().status == "confirmed"

    NewsItemFactory(title="Europe's cooperatives meet", published_at=timezone.now())
    digests.send_digests()
    digest = mailbox.received[1]
    assert "Europe's cooperatives meet" in digest.get_body(("plain",)).get_content()
    manage = link_in(digest, "subscription")
    audit_page.goto(manage)
    assert run_axe(audit_page) == []
    page.goto(manage)
    expect(page.get_by_label("Europe")).to_be_checked()
    page.get_by_role("button", name="Se désabonner").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vous êtes désabonné")

    NewsItemFactory(title="More news", published_at=timezone.now())
    digests.send_digests(now_regardless_of_schedule=True)
    assert len(mailbox.received) == 2
