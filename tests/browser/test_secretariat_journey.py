"""The secretariat's day in a browser (#20): a staff member enrols an authenticator app and
signs in with it, imports fifty members from a spreadsheet (one bad row first: nothing
written, the error shown), finds them in the public directory, edits one by mistake, and
restores it from History; the public page shows the restored text."""

import csv
from base64 import b32decode

import pytest
from django_otp.oath import TOTP
from playwright.sync_api import expect

from tests.factories import secretariat_user

from .test_journeys import PASSWORD, screenshot

pytestmark = pytest.mark.django_db(transaction=True)


def code(secret):
    return f"{TOTP(b32decode(secret)).token():06d}"


def spreadsheet(rows, tmp_path, name):
    path = tmp_path / name
    with open(path, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["slug", "name", "country", "status", "website"])
        writer.writerows(rows)
    return path


def test_the_secretariat_enrols_imports_and_restores(
    page, live_server, initial_content, settings, tmp_path
):
    settings.TWO_FACTOR_REQUIRED = True
    secretariat_user(username="greta")
    base = live_server.url

    # Sign in with the password, then enrol an authenticator app.
    page.goto(f"{base}/admin/")
    page.get_by_label("Username").fill("greta")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Next").click()
    expect(page).to_have_url(f"{base}/account/two_factor/setup/?next=%2Fadmin%2F")
    page.get_by_role("button", name="Next").click()  # the welcome step
    page.get_by_label("Token generator").check()  # an authenticator app, not a passkey
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_role("img", name="QR Code")).to_be_visible()
    secret = page.locator("a[href^='otpauth://']").inner_text().strip()
    page.get_by_label("Token").fill(code(secret))
    page.get_by_role("button", name="Next").click()
    page.goto(f"{base}/admin/")
    expect(page.get_by_role("heading", name="Members and news")).to_be_visible()

    # Import: one bad row refuses the file, with the reason; the fixed file goes in whole.
    rows = [
        ["", f"Imported Cooperative {n:02}", "Peru", "current", f"https://coop-{n:02}.example"]
        for n in range(50)
    ]
    bad = spreadsheet([*rows, ["", "Lost Union", "Atlantis", "current", ""]], tmp_path, "bad.csv")
    page.goto(f"{base}/admin/members/organisation/import/")
    page.get_by_label("File to import").set_input_files(bad)
    page.get_by_label("Format").select_option("csv")
    page.get_by_role("button", name="Submit").click()
    expect(page.locator("#content")).to_contain_text("“Atlantis” is not a country we know.")
    expect(page.get_by_role("button", name="Confirm import")).to_have_count(0)
    good = spreadsheet(rows, tmp_path, "good.csv")
    page.get_by_label("File to import").set_input_files(good)
    page.get_by_label("Format").select_option("csv")
    page.get_by_role("button", name="Submit").click()
    screenshot(page, "admin-import-preview")
    page.get_by_role("button", name="Confirm import").click()
    expect(page.locator(".messagelist")).to_contain_text("50")

    page.goto(f"{base}/members/?country=PE")
    expect(page.locator(".count")).to_have_text("50 organisations in 1 country")

    # An edit by mistake, restored from History.
    page.goto(f"{base}/admin/members/organisation/?q=Imported+Cooperative+07")
    page.get_by_role("link", name="Imported Cooperative 07").click()
    page.locator("#id_website").fill("https://written-over-by-mistake.example")
    page.locator("input[name=_save]").click()
    page.goto(f"{base}/members/imported-cooperative-07/")
    expect(page.locator(".facts")).to_contain_text("written-over-by-mistake")

    page.goto(f"{base}/admin/members/organisation/?q=Imported+Cooperative+07")
    page.get_by_role("link", name="Imported Cooperative 07").click()
    page.get_by_role("link", name="History").click()
    expect(page.locator("#change-history")).to_contain_text("written-over-by-mistake")
    screenshot(page, "admin-history")
    page.locator("#change-history tbody tr").last.get_by_role("link").click()
    page.locator("input[name=_save]").click()
    page.goto(f"{base}/members/imported-cooperative-07/")
    expect(page.locator(".facts")).to_contain_text("https://coop-07.example")
