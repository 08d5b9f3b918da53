"""A request about personal data, as the secretariat answers it in a browser (#31): from the
admin's home, the address typed, what is held shown and downloaded, then erased."""

import json

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from news.models import Subscriber

from .conftest import run_axe
from .test_journeys import log_in_as_secretariat

pytestmark = pytest.mark.django_db(transaction=True)

ADDRESS = "maria.lopez@example.org"


def test_the_secretariat_finds_downloads_and_erases_what_is_held(
    audit_page, live_server, initial_content
):
    Subscriber.objects.create(
        email=ADDRESS, language="es", consented_at=timezone.now(), status="confirmed"
    )
    page = audit_page
    log_in_as_secretariat(page, live_server, "francesca")
    page.get_by_role("link", name="Find or erase what the site holds about an address").click()
    page.get_by_label("Email address").fill(ADDRESS)
    page.get_by_role("button", name="Find what is held").click()
    expect(page.locator("#held")).to_contain_text("Subscriptions to the news")
    assert run_axe(page) == []

    with page.expect_download() as download:
        page.get_by_role("button", name="Download all of it (JSON)").click()
    data = json.loads(open(download.value.path()).read())
    assert data["subscriptions"][0]["email"] == ADDRESS

    page.get_by_role("button", name="Erase all of it").click()  # not ticked: refused, kept
    expect(page.get_by_text("Tick this box to erase.")).to_be_visible()
    expect(page.get_by_label("Email address")).to_have_value(ADDRESS)
    page.get_by_label("Yes, erase everything listed").check()
    page.get_by_role("button", name="Erase all of it").click()
    expect(page.locator(".messagelist")).to_contain_text("Erased (Subscriptions to the news: 1)")
    assert not Subscriber.objects.exists()
