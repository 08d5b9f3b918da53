"""Every public page type passes the Nu HTML Checker; the site's own pages stay light; the
error pages are the site's own and never show a traceback."""

import datetime
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.contrib.auth.tokens import default_token_generator
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.test import Client
from django.urls import path
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from cicopa import enrolment
from cicopa.urls import urlpatterns as site_urlpatterns
from members import representatives
from members.models import Proposal, Representative
from news import digests, subscriptions
from news.models import Event, Subscriber
from tests.factories import NewsItemFactory, OrganisationFactory, secretariat_user
from tests.members.test_import import csv_file, preview
from tests.test_editing import opened, staff

pytestmark = pytest.mark.django_db

VNU = (
    Path(__file__).resolve().parents[1] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
)

PAGES = {
    "home": "/",
    "directory": "/members/",
    "directory-filtered": "/members/?region=americas&country=BO&category=&q=cement",
    "directory-error": "/members/?region=atlantis&q=%00",
    "organisation": "/members/vietnam-cooperative-alliance/",
    "news-list": "/news/",
    "news-year": "/news/2017/",
    "news-item": "/news/2017/the-cicopa-network-is-growing/",
    "not-found": "/no-such-page/",
    "home-fr": "/fr/",
    "directory-es": "/es/members/?region=americas",
    "organisation-fr": "/fr/members/vietnam-cooperative-alliance/",
    "news-item-es": "/es/news/2017/the-cicopa-network-is-growing/",
    "not-found-fr": "/fr/no-such-page/",
    "region": "/members/regions/americas/",
    "regions": "/members/regions/",
    "map": "/members/map/",
    "figures": "/members/figures/",
    "map-es": "/es/members/map/",
    "figures-fr": "/fr/members/figures/",
    "correction": "/members/vietnam-cooperative-alliance/correction/",
    "correction-es": "/es/members/vietnam-cooperative-alliance/correction/",
    "about": "/about/",
    "privacy": "/privacy/",
    "contact-fr": "/fr/contact/",
    "join-es": "/es/become-a-member/",
    "search": "/search/?q=cooperative",
    "search-fr": "/fr/search/?q=%22coop%C3%A9rative%22",
    "search-error": "/search/?q=%00",
}


@pytest.fixture
def pages(client):
    call_command("load_initial_content", verbosity=0)
    return {name: client.get(url) for name, url in PAGES.items()}


def nu_html_errors(pages, folder):
    """The Nu HTML Checker's errors for {name: response}, as (name, message)."""
    if not VNU.exists() or not shutil.which("java"):
        pytest.fail("The Nu HTML Checker needs `npm ci` and Java: `make test` installs both.")
    files = []
    for name, response in pages.items():
        file = folder / f"{name}.html"
        file.write_bytes(response.content)
        files.append(str(file))
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=120,
    )
    return [(Path(m["url"]).name, m["message"]) for m in json.loads(result.stderr)["messages"]]


def test_every_page_type_passes_the_nu_html_checker(pages, tmp_path):
    for name, response in pages.items():
        expected = 404 if name.startswith("not-found") else 400 if name.endswith("error") else 200
        assert response.status_code == expected, name
    assert nu_html_errors(pages, tmp_path) == []


def test_a_page_s_own_css_and_javascript_stay_under_50_kb(pages):
    import re

    html = pages["directory"].content.decode()
    assets = re.findall(r'(?:href|src)="/static/([^"]+\.(?:css|js))"', html)
    assert assets, "the page links its stylesheet and script"
    # No CDN: nothing in <head> from another host (the language alternates are this site's).
    assert not re.search(r'(?:href|src)="(?:https?:)?//(?!testserver/)', html.split("</head>")[0])
    size = sum(Path(finders.find(asset)).stat().st_size for asset in assets)
    assert size < 50 * 1024, f"{size} bytes"


def test_the_404_page_is_the_site_s_own(pages):
    html = pages["not-found"].content.decode()
    assert "Page not found" in html and 'class="site-header"' in html
    assert 'href="/members/"' in html


def boom(request):
    raise RuntimeError("secret detail that must not leak")


urlpatterns = [path("boom/", boom), *site_urlpatterns]


@pytest.mark.urls(__name__)
def test_the_500_page_is_the_site_s_own_without_a_traceback():
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong" in html and 'class="site-header"' in html
    assert "Traceback" not in html and "secret detail" not in html


def test_the_site_has_an_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    icon = client.get(response["Location"])
    assert icon.status_code == 200
    assert b"".join(icon.streaming_content).startswith(b"\x00\x00\x01\x00")  # an ICO file
    html = client.get("/").content.decode()
    assert 'rel="icon" href="/static/icons/favicon.svg" type="image/svg+xml"' in html


def test_the_project_s_own_admin_pages_pass_the_nu_html_checker(tmp_path, country):
    """What waits (the index), a member's history, the feed import and an import's preview:
    templates of our own in the admin's frame. (A refused import shows django-import-export's
    upload form again, whose empty `action` the checker refuses.)"""
    organisation = OrganisationFactory(name="Andean Union", country=country("BO"))
    NewsItemFactory(title="A draft", status="draft")
    ana = staff("ana")
    change = f"/admin/members/organisation/{organisation.pk}/change/"
    for website in ("https://first.example", "https://second.example"):
        data = opened(ana, change)
        data["website"] = website
        assert ana.post(change, data).status_code == 302
    pages = {
        "index": ana.get("/admin/"),
        "history": ana.get(f"/admin/members/organisation/{organisation.pk}/history/"),
        "feed-import": ana.get("/admin/news/newsitem/import-feed/"),
        "import-preview": preview(ana, csv_file([["name", "country"], ["Andean Union", "BO"]])),
    }
    assert {name: page.status_code for name, page in pages.items()} == dict.fromkeys(pages, 200)
    assert nu_html_errors(pages, tmp_path) == []


class Mail:
    """A mail's HTML part, where nu_html_errors reads a response's content."""

    def __init__(self, message):
        self.content = next(
            body.encode() for body, kind in message.alternatives if kind == "text/html"
        )


def test_the_subscription_pages_and_mails_pass_the_nu_html_checker(
    client, tmp_path, mailoutbox, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://www.cicopa.coop"
    with django_capture_on_commit_callbacks(execute=True):
        refused = client.post("/fr/news/subscribe/", {"email": "nope", "language": "fr"})
        client.post("/news/subscribe/", {"email": "reader@example.org", "language": "en"})
    subscriber = Subscriber.objects.get()
    confirm = (
        f"/news/subscription/confirm/{subscriptions.token(subscriber, subscriptions.CONFIRM_SALT)}/"
    )
    pages = {
        "subscribe": client.get("/news/subscribe/?email=reader@example.org"),
        "subscribe-refused-fr": refused,
        "subscribe-sent": client.get("/news/subscribe/sent/"),
        "confirm": client.get(confirm),
        "confirmed": client.post(confirm),
    }
    manage = f"/es/news/subscription/{subscriptions.token(subscriber, subscriptions.MANAGE_SALT)}/"
    NewsItemFactory(title="Today", published_at=timezone.now())
    digests.send_digests()
    pages |= {
        "subscription-es": client.get(manage),
        "unsubscribed-es": client.post(f"{manage}unsubscribe/"),
        "link-refused": client.get("/news/subscription/not-a-link/"),
        "home-with-box": client.get("/"),
        "mail-confirm": Mail(mailoutbox[0]),
        "mail-digest": Mail(mailoutbox[1]),
    }
    statuses = {
        name: page.status_code for name, page in pages.items() if hasattr(page, "status_code")
    }
    assert statuses == {
        **dict.fromkeys(statuses, 200),
        "subscribe-refused-fr": 400,
        "link-refused": 400,
    }
    assert nu_html_errors(pages, tmp_path) == []


def test_the_enrolment_pages_pass_the_nu_html_checker(tmp_path, settings):
    settings.TWO_FACTOR_REQUIRED = True
    user = secretariat_user(username="una")
    waiting = Client()
    waiting.force_login(user)  # the password given, no second factor
    pages = {
        "enrol": Client().get(enrolment.link(user).removeprefix(settings.SITE_URL)),
        "enrol-refused": Client().get("/account/enrol/not-a-link/"),
        "enrol-needs-link": waiting.get("/account/two_factor/setup/"),
    }
    assert [page.status_code for page in pages.values()] == [200, 404, 403]
    assert nu_html_errors(pages, tmp_path) == []


def test_the_representatives_pages_pass_the_nu_html_checker(tmp_path, staff_client, country):
    """#30: the sign-in, the invitation's password page and the organisation's page with its
    proposals, and the admin's invitation form and review of a proposal."""
    organisation = OrganisationFactory(name="Andean Union", country=country("BO"))
    user = User.objects.create_user("ana@andean.example", "ana@andean.example", "x")
    delegate = Representative.objects.create(user=user, organisation=organisation, language="en")
    proposal = Proposal.objects.create(
        organisation=organisation,
        representative=delegate,
        changes={"description_fr": "Une union andine.", "website": "https://andean.example"},
    )
    representative = Client()
    representative.force_login(user)
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    welcome = Client().get(
        f"/members/my/welcome/{uid}/{default_token_generator.make_token(user)}/", follow=True
    )
    pages = {
        "sign-in": Client().get("/members/my/login/"),
        "forgotten-password": Client().get("/fr/members/my/password/"),
        "password-sent": Client().get("/members/my/password/sent/"),
        "welcome": welcome,
        "my-organisation": representative.get("/members/my/"),
        "invite": staff_client.get(f"/admin/members/organisation/{organisation.pk}/invite/"),
        "review": staff_client.get(f"/admin/members/proposal/{proposal.pk}/change/"),
    }
    assert {name: page.status_code for name, page in pages.items()} == dict.fromkeys(pages, 200)
    invitation = "Hello,\n\nhttps://www.cicopa.coop/members/my/"
    pages["mail"] = Mail(representatives.mails.message("Welcome", invitation, "a@b.example"))
    assert nu_html_errors(pages, tmp_path) == []


def event_pages(client, country):
    """#32: the list empty and full, a past year, an event in its zone (cancelled, hybrid,
    with its registration) and one online only, in the three languages."""
    pages = {"events-empty": client.get("/events/")}
    Event.objects.create(
        title_en="General Assembly",
        slug="general-assembly",
        summary_en="The members meet.",
        body_en="<p>The programme.</p>",
        start_date=datetime.date(2030, 11, 15),
        start_time=datetime.time(9),
        end_time=datetime.time(17),
        time_zone="Asia/Kuala_Lumpur",
        city="Kuala Lumpur",
        country=country("MY"),
        online_url="https://meet.example.org/ga",
        registration_url="https://register.example.org/",
        status="published",
    )
    webinar = Event.objects.create(
        title_en="Webinar",
        slug="webinar",
        summary_en="An hour online.",
        start_date=datetime.date(2024, 3, 1),
        online_url="https://meet.example.org/w",
        status="published",
        cancelled=True,
    )
    pages |= {
        "events": client.get("/events/"),
        "events-fr": client.get("/fr/events/"),
        "events-year": client.get("/events/2024/"),
        "event": client.get("/events/2030/general-assembly/"),
        "event-es": client.get("/es/events/2030/general-assembly/"),
        "event-online": client.get(webinar.get_absolute_url()),
    }
    assert {name: page.status_code for name, page in pages.items()} == dict.fromkeys(pages, 200)
    return pages


def publication_pages(client):
    """#32: the list empty, full and with a form error, and a publication with its files."""
    from tests.test_publications import attach, publication

    pages = {"publications-empty": client.get("/publications/")}
    item = publication(authors="CICOPA")
    attach(item, "en")
    attach(item, "fr")
    publication("Cooperatives and Employment", kind="report", year=2017)
    pages |= {
        "publications": client.get("/publications/"),
        "publications-es": client.get("/es/publications/?kind=declaration&language=fr"),
        "publications-error": client.get("/publications/?year=1900"),
        "publication": client.get(item.get_absolute_url()),
        "publication-fr": client.get(f"/fr{item.get_absolute_url()}"),
    }
    expected = {name: 400 if name.endswith("error") else 200 for name in pages}
    assert {name: page.status_code for name, page in pages.items()} == expected
    return pages


def test_the_event_and_publication_pages_pass_the_nu_html_checker(tmp_path, client, country):
    """#32, in one run of the checker."""
    pages = event_pages(client, country) | publication_pages(client)
    assert nu_html_errors(pages, tmp_path) == []
