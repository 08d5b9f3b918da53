"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server."""

import importlib
import os
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command

from members.models import Country

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make to set
# up data are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

sync_playwright = pytest.importorskip("playwright.sync_api").sync_playwright

CHROMIUM = "/usr/bin/chromium"
ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "docs" / "screenshots"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}

# The data migrations whose rows the browser tests rely on.
REFERENCE_DATA = [
    ("members.migrations.0002_regions_and_countries", "add_regions_and_countries"),
    ("members.migrations.0003_secretariat_group", "grant"),
    ("news.migrations.0002_secretariat_news", "grant"),
]


@pytest.fixture(autouse=True)
def reference_data(transactional_db):
    """A browser test needs committed data the live server's thread can see, so it runs in a
    transactional test, which empties every table afterwards. Put back what the data
    migrations ship. (serialized_rollback cannot: once Playwright's sync API has switched
    greenlets, Django's per-context connection no longer holds the serialized copy.)"""
    if not Country.objects.exists():
        for module, function in REFERENCE_DATA:
            getattr(importlib.import_module(module), function)(apps, None)


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium package.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def initial_content():
    call_command("load_initial_content", verbosity=0)


def run_axe(page):
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
    )
