"""A passkey as the second factor (django-two-factor-auth's WebAuthn plugin), enrolled and
used in Chromium with a virtual authenticator standing in for the phone or security key."""

import pytest
from playwright.sync_api import expect

from cicopa import enrolment
from tests.factories import secretariat_user

from .test_journeys import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def test_staff_enrol_a_passkey_and_sign_in_with_it(page, live_server, initial_content, settings):
    settings.TWO_FACTOR_REQUIRED = True
    authenticator = page.context.new_cdp_session(page)
    authenticator.send("WebAuthn.enable")
    authenticator.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    settings.SITE_URL = live_server.url
    user = secretariat_user(username="hugo")
    base = live_server.url

    def password():
        page.get_by_label("Username").fill("hugo")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Next").click()

    page.goto(enrolment.link(user))  # as mailed by an administrator (tests/test_enrolment.py)
    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Next").click()  # the welcome step
    page.get_by_label("WebAuthn").check()
    page.get_by_role("button", name="Next").click()  # the browser asks the authenticator
    page.wait_for_url(f"{base}/admin/")  # enrolled: on to where the sign-in was going
    expect(page.get_by_role("heading", name="Members and news")).to_be_visible()

    page.context.clear_cookies()
    page.goto(f"{base}/admin/")
    password()  # then the passkey, asked for at once
    page.wait_for_url(f"{base}/admin/")
    expect(page.get_by_role("heading", name="Members and news")).to_be_visible()
