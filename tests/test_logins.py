"""The login lockout (cicopa/lockout.py): a username from one address, an address across
usernames, and the two attacks it was chosen against."""

import pytest
from django.test import Client

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"  # the factories' password


def login(username, password, address):
    return Client().post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def test_five_failures_lock_a_username_out_from_that_address():
    UserFactory(username="secretary", is_staff=True)
    for _ in range(4):
        assert login("secretary", "wrong", "10.0.0.1").status_code == 200  # the form again
    assert login("secretary", "wrong", "10.0.0.1").status_code == 429  # the fifth locks
    refused = login("secretary", PASSWORD, "10.0.0.1")
    assert refused.status_code == 429
    assert "too many failed attempts" in refused.content.decode()


def test_failures_from_several_addresses_do_not_lock_the_owner_out():
    # Attack: fail for a staff username from a few addresses to lock its owner out everywhere.
    UserFactory(username="director", is_staff=True)
    for address in ("10.0.1.1", "10.0.1.2", "10.0.1.3", "10.0.1.4", "10.0.1.5"):
        for _ in range(5):
            login("director", "wrong", address)
        assert login("director", PASSWORD, address).status_code == 429
    assert login("director", PASSWORD, "10.0.1.9").status_code == 302


def test_signing_in_to_one_s_own_account_does_not_clear_guesses_at_another():
    # Attack: a staff member guesses the superuser's password, signing in to their own account
    # every 4 guesses to clear the failures.
    UserFactory(username="root", is_staff=True, is_superuser=True)
    UserFactory(username="insider", is_staff=True)
    statuses = []
    for _ in range(4):
        statuses += [login("root", "guess", "10.0.2.1").status_code for _ in range(4)]
        assert login("insider", PASSWORD, "10.0.2.1").status_code == 302
    assert statuses[:4] == [200] * 4
    assert set(statuses[4:]) == {429}
    assert login("root", PASSWORD, "10.0.2.1").status_code == 429
    assert login("root", PASSWORD, "10.0.2.2").status_code == 302  # the owner, elsewhere


def test_an_address_that_fails_for_many_usernames_is_locked_out():
    UserFactory(username="real", is_staff=True)
    UserFactory(username="colleague", is_staff=True)
    for n in range(19):
        assert login(f"guess{n % 6}", "wrong", "10.0.3.1").status_code == 200
        if n == 10:  # a success from the address clears only its own username's failures
            assert login("colleague", PASSWORD, "10.0.3.1").status_code == 302
    assert login("guess99", "wrong", "10.0.3.1").status_code == 429  # the twentieth
    assert login("real", PASSWORD, "10.0.3.1").status_code == 429
    assert login("real", PASSWORD, "10.0.3.2").status_code == 302


def test_four_failures_then_the_right_password_still_logs_in():
    UserFactory(username="careful", is_staff=True)
    for _ in range(4):
        login("careful", "wrong", "10.0.4.1")
    assert login("careful", PASSWORD, "10.0.4.1").status_code == 302
    # ... and the count starts again.
    for _ in range(4):
        assert login("careful", "wrong", "10.0.4.1").status_code == 200
    assert login("careful", PASSWORD, "10.0.4.1").status_code == 302
