"""The second factor guards everything staff can see (#33): draft previews ask what the admin
asks, and the first enrolment needs the link mailed to the account (cicopa/enrolment.py)."""

import datetime
import time
from unittest import mock

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from cicopa import enrolment
from tests.factories import NewsItemFactory, UserFactory, secretariat_user
from tests.test_second_factor import PASSWORD, code, enrolled, sign_in

pytestmark = pytest.mark.django_db

SETUP = "/account/two_factor/setup/"


@pytest.fixture(autouse=True)
def required(settings):
    settings.TWO_FACTOR_REQUIRED = True
    settings.SITE_URL = "http://testserver"


@pytest.fixture
def unpublished():
    return [
        NewsItemFactory(title="A draft", status="draft"),
        NewsItemFactory(
            title="Scheduled", published_at=timezone.now() + datetime.timedelta(days=30)
        ),
    ]


def path_of(link):
    return link.removeprefix(settings.SITE_URL)


def test_a_password_alone_previews_nothing(unpublished):
    user, _device = enrolled("nadia")  # a secretariat member, second factor not given
    client = Client()
    assert sign_in(client, "nadia").status_code == 200  # asked for the code next
    client.force_login(user)
    for item in unpublished:
        assert client.get(item.get_absolute_url()).status_code == 404


def test_staff_without_the_view_permission_preview_nothing(unpublished):
    user = UserFactory(is_staff=True, username="viewer")
    device = TOTPDevice.objects.create(user=user, name="default", confirmed=True)
    client = Client()
    assert sign_in(client, "viewer", token=code(device.bin_key)).status_code == 302
    for item in unpublished:
        assert client.get(item.get_absolute_url()).status_code == 404
    user.user_permissions.add(Permission.objects.get(codename="view_newsitem"))
    for item in unpublished:  # the same session, now allowed
        assert client.get(item.get_absolute_url()).status_code == 200


def test_a_verified_secretariat_member_previews_and_no_cache_keeps_it(unpublished):
    _user, device = enrolled("olga")
    client = Client()
    sign_in(client, "olga", token=code(device.bin_key))
    for item in unpublished:
        response = client.get(item.get_absolute_url())
        assert response.status_code == 200 and item.title in response.content.decode()
        assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert Client().get(unpublished[0].get_absolute_url()).status_code == 404


def test_the_password_alone_never_reaches_enrolment():
    secretariat_user(username="pablo")
    client = Client()
    sign_in(client, "pablo")  # no device: signed in with the password
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0].startswith(SETUP)
    assert response.status_code == 403
    assert "not with the password alone" in response.content.decode()
    step = client.post(SETUP, {"setup_view-current_step": "welcome"})
    assert step.status_code == 403
    assert not TOTPDevice.objects.exists()


def test_the_link_alone_enrols_nothing():
    user = secretariat_user(username="quim")
    client = Client()
    link = path_of(enrolment.link(user))
    page = client.get(link)
    assert page.status_code == 200 and 'type="password"' in page.content.decode()
    refused = client.post(link, {"password": "not the password"})
    assert refused.status_code == 400
    assert client.get(SETUP).status_code in (302, 403)  # not signed in, or not let through
    assert not TOTPDevice.objects.exists()


def test_a_link_works_once():
    user = secretariat_user(username="rita")
    link = path_of(enrolment.link(user))
    assert Client().post(link, {"password": PASSWORD}).status_code == 302
    again = Client()
    assert again.get(link).status_code == 404
    assert again.post(link, {"password": PASSWORD}).status_code == 404
    assert again.get(SETUP).status_code == 302  # to the sign-in: nothing opened


def test_a_lapsed_link_enrols_nothing():
    user = secretariat_user(username="sven")
    link = path_of(enrolment.link(user))
    later = time.time() + (settings.TWO_FACTOR_ENROLMENT_HOURS + 1) * 3600
    with mock.patch("django.core.signing.time.time", return_value=later):
        lapsed = Client().post(link, {"password": PASSWORD})
    assert lapsed.status_code == 410 and "expired" in lapsed.content.decode()


def test_an_administrator_sends_the_link_and_can_reset_a_lost_second_factor():
    administrator = UserFactory(username="ada", is_staff=True, is_superuser=True)
    device = TOTPDevice.objects.create(user=administrator, name="default", confirmed=True)
    admin_client = Client()
    assert sign_in(admin_client, "ada", token=code(device.bin_key)).status_code == 302
    user, _device = enrolled("tove")
    user.email = "tove@cicopa.example"
    user.save()
    changelist = "/admin/auth/user/"
    action = {"action": "reset_second_factors", "_selected_action": [user.pk]}
    assert admin_client.post(changelist, action).status_code == 302
    assert not TOTPDevice.objects.filter(user=user).exists()
    (message,) = mail.outbox
    assert message.to == ["tove@cicopa.example"]
    link = next(word for word in message.body.split() if "/account/enrol/" in word)
    assert Client().post(path_of(link), {"password": PASSWORD}).status_code == 302


def test_the_first_administrator_gets_a_link_from_manage_py(capsys):
    UserFactory(username="first", is_staff=True, is_superuser=True, email="first@cicopa.example")
    call_command("send_enrolment_link", "first")
    printed = capsys.readouterr().out
    assert "Sent to first@cicopa.example" in printed and "/account/enrol/" in printed
    assert len(mail.outbox) == 1
