"""Lighthouse (npm lighthouse@12.2.3, in Debian's Chromium) on every public page type:
accessibility, best practices and SEO each at 100. Run once, on PostgreSQL: the pages are the
same on SQLite, and the audits are what takes time. Several at once; these categories do
not depend on speed."""

import datetime
import json
import os
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from members.models import Country
from news.models import Event
from tests.test_publications import attach, publication

from .conftest import CHROMIUM, ROOT

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="once, in make test's PostgreSQL pass"
    ),
]

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("accessibility", "best-practices", "seo")
PAGE_TYPES = [  # one address a template: the languages' variants are axe's and Nu's to check
    "/",
    "/members/?region=americas",
    "/members/vietnam-cooperative-alliance/",
    "/members/vietnam-cooperative-alliance/correction/",
    "/members/regions/americas/",
    "/members/regions/",
    "/members/map/",
    "/members/figures/",
    "/fr/news/",
    "/news/2017/the-cicopa-network-is-growing/",
    "/news/subscribe/",
    "/es/about/",
    "/search/",
    "/events/",
    "/publications/",
]
# Results of a search ask not to be indexed (noindex), as search engines advise for a site's
# own search: that one audit fails there, by design, and nothing else may.
SEARCH_RESULTS = "/search/?q=cement"


def audit(url, folder):
    report = folder / f"{abs(hash(url))}.json"
    subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            f"--only-categories={','.join(CATEGORIES)}",
            "--output=json",
            f"--output-path={report}",
            "--quiet",
            "--chrome-flags=--headless --no-sandbox --disable-gpu --disable-background-networking "
            "--disable-component-update --disable-sync --no-first-run",
        ],
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        check=True,
        timeout=180,
    )
    data = json.loads(Path(report).read_text())
    failing = sorted(
        name
        for name, result in data["audits"].items()
        if result.get("score") is not None
        and result["score"] < 1
        and result.get("scoreDisplayMode") in ("binary", "numeric")
    )
    return {name: data["categories"][name]["score"] for name in CATEGORIES}, failing


def test_every_page_type_scores_100(live_server, initial_content, tmp_path):
    if not LIGHTHOUSE.exists():
        pytest.fail("Lighthouse is missing: `make test-tools` installs the npm packages.")
    event = Event.objects.create(  # an event's page (#32), hybrid, with its registration
        title_en="International School",
        slug="international-school",
        summary_en="A week on managing worker cooperatives.",
        body_en="<p>The programme follows.</p>",
        start_date=timezone.localdate() + datetime.timedelta(days=20),
        start_time=datetime.time(9, 30),
        end_time=datetime.time(17),
        time_zone="America/Bogota",
        city="Bogotá",
        country=Country.objects.get(code="CO"),
        online_url="https://meet.example.org/school",
        registration_url="https://register.example.org/school",
        status="published",
    )
    report = publication("Cooperatives and Employment", kind="report", year=2017)
    attach(report, "en")  # a publication's page (#32), with its file
    paths = [*PAGE_TYPES, event.get_absolute_url(), report.get_absolute_url(), SEARCH_RESULTS]
    urls = [f"{live_server.url}{path}" for path in paths]
    # Two rounds: an audit spends most of its time waiting for the page to settle, so more at
    # once than the machine has cores ends sooner (README, "Where make test's time goes").
    with ThreadPoolExecutor(max_workers=(len(urls) + 1) // 2) as pool:
        results = dict(zip(urls, pool.map(lambda url: audit(url, tmp_path), urls), strict=True))
    perfect = dict.fromkeys(CATEGORIES, 1)
    for url, (scores, failing) in results.items():
        if url.endswith(SEARCH_RESULTS):
            assert failing == ["is-crawlable"], (url, failing)
        else:
            assert (scores, failing) == (perfect, []), url
