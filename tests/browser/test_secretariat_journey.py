"""The secretariat's day in a browser (#20): a staff member, sent the enrolment link (#33),
enrols an authenticator app with it and signs in, imports fifty members from a spreadsheet
(one bad row first: nothing written, the error shown), finds them in the public directory,
edits one by mistake, and restores it from History; the public page shows the restored
text. Then gives a member a logo, saves it again and restores it (#36)."""

import csv
from base64 import b32decode

import pytest
from django.core import mail
from django.core.management import call_command
from django_otp.oath import TOTP
from PIL import Image
from playwright.sync_api import expect

from tests.factories import secretariat_user

from .conftest import DESKTOP
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
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SITE_URL = live_server.url
    secretariat_user(username="greta", email="greta@cicopa.example")
    base = live_server.url

    # The password alone leads only to "ask for your link".
    page.goto(f"{base}/admin/")
    page.get_by_label("Username").fill("greta")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your sign-in needs a second factor")

    # An administrator sends the enrolment link; from the mail, with the password, she
    # enrols an authenticator app.
    page.context.clear_cookies()
    call_command("send_enrolment_link", "greta")
    (invitation,) = mail.outbox
    link = next(word for word in invitation.body.split() if "/account/enrol/" in word)
    page.goto(link)
    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_role("button", name="Continue").click()
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
    for width in (DESKTOP["width"], 390):  # the preview fits the screen: nothing to scroll across
        page.set_viewport_size({"width": width, "height": 900})
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.set_viewport_size(DESKTOP)
    expect(page.locator(".import-preview-rows > li")).to_have_count(50)
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

    # A logo, then a save again and a restore: each kept, never a server error.
    logo = tmp_path / "logo.png"
    Image.new("RGB", (600, 300), (163, 32, 28)).save(logo)
    page.goto(f"{base}/admin/members/organisation/?q=Imported+Cooperative+08")
    page.get_by_role("link", name="Imported Cooperative 08").click()
    page.locator("#id_logo").set_input_files(logo)
    page.locator("input[name=_continue]").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    page.locator("#id_website").fill("https://coop-08.example/new")
    page.locator("input[name=_continue]").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    page.get_by_role("link", name="History").click()
    page.locator("#change-history tbody tr").nth(1).get_by_role("link").click()  # with the logo
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    page.goto(f"{base}/members/imported-cooperative-08/")
    expect(page.locator(".facts")).to_contain_text("https://coop-08.example")
    expect(page.locator(".facts")).not_to_contain_text("/new")
    expect(page.locator("img.logo")).to_have_count(1)
