"""Two-factor sign-in for the admin (cicopa/secondfactor.py): enrolment by an authenticator
app, a code at each sign-in, single-use recovery codes, the lockout and the throttling."""

from base64 import b32decode

import pytest
from django.conf import settings
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from cicopa import enrolment
from tests.factories import secretariat_user

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
LOGIN = "/account/login/"


@pytest.fixture(autouse=True)
def required(settings):
    settings.TWO_FACTOR_REQUIRED = True


def code(key):
    return f"{TOTP(key).token():06d}"


def sign_in(client, username, token=None, backup=None, address="10.1.0.1"):
    response = client.post(
        LOGIN,
        {"login_view-current_step": "auth", "auth-username": username, "auth-password": PASSWORD},
        REMOTE_ADDR=address,
    )
    if token is not None:
        response = client.post(
            LOGIN, {"login_view-current_step": "token", "token-otp_token": token}
        )
    if backup is not None:
        response = client.post(
            LOGIN, {"login_view-current_step": "backup", "backup-otp_token": backup}
        )
    return response


def enrolled(username):
    user = secretariat_user(username=username)
    device = TOTPDevice.objects.create(user=user, name="default", confirmed=True)
    return user, device


def test_a_password_alone_never_opens_the_admin(client):
    user = secretariat_user(username="nadia")
    client.force_login(user)  # signed in, no second factor
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/account/two_factor/setup/")
    assert client.get("/admin/members/organisation/").status_code == 302


def test_staff_enrol_an_authenticator_app_then_sign_in_with_it():
    user = secretariat_user(username="omar")
    client = Client()
    link = enrolment.link(user).removeprefix(settings.SITE_URL)  # mailed by an administrator
    assert client.post(link, {"password": PASSWORD}).status_code == 302
    setup = "/account/two_factor/setup/"
    client.get(setup)
    methods = client.post(setup, {"setup_view-current_step": "welcome"}).content.decode()
    assert 'value="generator"' in methods and 'value="webauthn"' in methods  # app or passkey
    page = client.post(setup, {"setup_view-current_step": "method", "method-method": "generator"})
    assert 'src="/account/two_factor/qrcode/"' in page.content.decode()  # the QR code
    assert client.get("/account/two_factor/qrcode/")["Content-Type"].startswith("image/svg")
    key = b32decode(client.session["django_two_factor-qr_secret_key"])
    done = client.post(
        setup, {"setup_view-current_step": "generator", "generator-token": code(key)}
    )
    assert done.status_code == 302
    assert client.get("/admin/").status_code == 200  # this session is now verified

    again = Client()
    after_password = sign_in(again, "omar")
    assert "token-otp_token" in after_password.content.decode()  # asks for the code
    assert again.get("/admin/").status_code == 302
    device = TOTPDevice.objects.get(user=user)
    assert sign_in(again, "omar", token=code(device.bin_key)).status_code == 302
    assert again.get("/admin/").status_code == 200


def test_a_recovery_code_works_once():
    user, _device = enrolled("pilar")
    backup = StaticDevice.objects.create(user=user, name="backup")
    backup.token_set.create(token="abcd1234")
    first = Client()
    assert sign_in(first, "pilar", backup="abcd1234").status_code == 302
    assert first.get("/admin/").status_code == 200
    second = Client()
    sign_in(second, "pilar", backup="abcd1234")
    assert second.get("/admin/").status_code == 302


def test_a_wrong_code_slows_down_the_next_tries():
    _user, device = enrolled("quentin")
    client = Client()
    sign_in(client, "quentin", token="000000" if code(device.bin_key) != "000000" else "111111")
    # At once after a wrong code, even the right one is refused (django-otp's throttling).
    sign_in(client, "quentin", token=code(device.bin_key))
    assert client.get("/admin/").status_code == 302


def test_failed_passwords_still_lock_the_sign_in_out():
    enrolled("rosa")
    client = Client()
    for _ in range(5):
        client.post(
            LOGIN,
            {"login_view-current_step": "auth", "auth-username": "rosa", "auth-password": "x"},
            REMOTE_ADDR="10.1.0.9",
        )
    refused = sign_in(client, "rosa", address="10.1.0.9")
    assert refused.status_code == 429


def test_the_admin_login_leads_to_the_two_factor_sign_in(client):
    response = client.get("/admin/login/?next=/admin/members/")
    assert response.status_code == 302
    assert response["Location"] == "/account/login/?next=%2Fadmin%2Fmembers%2F"


def test_the_admin_links_to_the_second_factor_and_its_recovery_codes():
    user, device = enrolled("sara")
    client = Client()
    sign_in(client, "sara", token=code(device.bin_key))
    assert 'href="/account/two_factor/"' in client.get("/admin/").content.decode()
    assert client.get("/account/two_factor/").status_code == 200
    tokens = client.post("/account/two_factor/backup/tokens/")
    assert tokens.status_code == 302
    codes = StaticDevice.objects.get(user=user).token_set.count()
    assert codes == 10
