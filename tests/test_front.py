"""deploy/nginx.conf, as shipped, in front of a live server: it keeps visitors' pages, an edit in
the admin reaches visitors within DJANGO_PAGE_MAX_AGE, and nothing for one person is kept."""

import functools
import gzip
import http.client
import http.cookiejar
import io
import os
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from PIL import Image

from scripts import nginx_front
from tests.factories import NewsItemFactory, OrganisationFactory, secretariat_user

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[1]
MAX_AGE = 2  # DJANGO_PAGE_MAX_AGE for these tests: 60 by default
PASSWORD = "front-door-password"


@pytest.fixture
def front(live_server, reference_data, settings, tmp_path):
    """nginx with deploy/nginx.conf, its marked lines pointed at the live server."""
    if not os.path.exists(nginx_front.NGINX):
        pytest.fail("nginx is missing: `make test` installs Debian's nginx package.")
    settings.PAGE_MAX_AGE = MAX_AGE
    settings.MEDIA_ROOT = tmp_path / "media"
    app = live_server.url.removeprefix("http://")
    nginx, base = nginx_front.start(tmp_path, app, ROOT / "static", media_root=settings.MEDIA_ROOT)
    yield base
    nginx.terminate()
    nginx.wait(timeout=10)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class FromAddress(urllib.request.HTTPHandler):
    """Connects from a loopback address of its own (127.0.0.0/8 is all this machine's): a
    client the front or the app server tells apart from the others."""

    def __init__(self, address):
        super().__init__()
        self.address = address

    def http_open(self, request):
        connection = functools.partial(http.client.HTTPConnection, source_address=(self.address, 0))
        return self.do_open(connection, request)


class Visitor:
    """Keeps its cookies; speaks to the front as localhost, from `address` if given, with
    `headers` of its own."""

    def __init__(self, base, address=None, headers=None):
        self.base = base
        handlers = [urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect]
        if address:
            handlers.append(FromAddress(address))
        self.opener = urllib.request.build_opener(*handlers)
        self.headers = headers or {}

    def get(self, path, data=None):
        headers = {"Host": "localhost", **self.headers}
        if data is not None:
            data = urllib.parse.urlencode(data).encode()
            headers["Referer"] = f"{self.base}{path}"
        request = urllib.request.Request(f"{self.base}{path}", data, headers)
        try:
            response = self.opener.open(request, timeout=20)
        except urllib.error.HTTPError as error:
            response = error
        return response.status, response.headers, response.read().decode()

    def sign_in(self, username):
        _, _, html = self.get("/admin/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        status, _, _ = self.get(
            "/admin/login/?next=/admin/",
            {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token},
        )
        assert status == 302


def staff_member():
    user = secretariat_user(username="clara")
    user.set_password(PASSWORD)
    user.save()
    return user


def test_visitors_pages_come_from_the_front_and_an_edit_reaches_them_in_time(front):
    organisation = OrganisationFactory(name="Before Federation", slug="before-federation")
    visitor = Visitor(front)
    statuses = [visitor.get("/members/")[1]["X-Cache-Status"] for _ in range(3)]
    assert statuses[0] == "MISS" and statuses[-1] == "HIT"
    _, headers, _ = visitor.get("/static/css/site.css")
    assert "immutable" in headers["Cache-Control"]

    staff_member()
    staff = Visitor(front)
    staff.sign_in("clara")
    change = f"/admin/members/organisation/{organisation.pk}/change/"
    _, _, html = staff.get(change)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    status, _, _ = staff.get(
        change,
        {
            "csrfmiddlewaretoken": token,
            "name": "After Federation",
            "version": re.search(r'name="version" value="([^"]+)"', html).group(1),
            "slug": "before-federation",
            "country": organisation.country_id,
            "status": "current",
            # The representatives' inline, as a browser posts it: none.
            "representatives-TOTAL_FORMS": "0",
            "representatives-INITIAL_FORMS": "0",
        },
    )
    assert status == 302
    saved = time.monotonic()
    while "After Federation" not in visitor.get("/members/")[2]:
        # Within the page's max-age, and the one request that has nginx fetch it again.
        assert time.monotonic() - saved < MAX_AGE + 1, "the edit did not reach visitors"
        time.sleep(0.1)


def test_the_front_keeps_a_page_compressed_once_for_browsers_and_plain_for_others(front, tmp_path):
    """Every browser asks for gzip: the front keeps the app's compressed page and sends it as
    it is, rather than compress it again for each visitor; a client that takes no gzip gets
    a plain copy of its own."""
    OrganisationFactory(name="Compressed Federation")
    browser = Visitor(front, headers={"Accept-Encoding": "gzip, deflate, br, zstd"})
    plain = Visitor(front)

    def fetch(visitor):
        request = urllib.request.Request(
            f"{front}/members/", headers={"Host": "localhost", **visitor.headers}
        )
        with visitor.opener.open(request, timeout=20) as response:
            return response.headers, response.read()

    for visitor, encoding in ((browser, "gzip"), (plain, None)):
        statuses = []
        for _ in range(3):
            headers, body = fetch(visitor)
            statuses.append(headers["X-Cache-Status"])
            assert headers["Content-Encoding"] == encoding
            page = gzip.decompress(body) if encoding else body
            assert b"Compressed Federation" in page
        assert statuses[0] == "MISS" and statuses[-1] == "HIT", statuses
    assert "Accept-Encoding" in headers["Vary"]
    # Kept as the app sent it: one copy compressed, one plain, none compressed on the way out.
    kept = [path.read_bytes() for path in (tmp_path / "cache").rglob("*") if path.is_file()]
    assert len(kept) == 2
    assert sorted(b"Content-Encoding: gzip" in copy for copy in kept) == [False, True]


def test_nothing_for_one_person_is_kept(front):
    organisation = OrganisationFactory(slug="kept-apart")
    draft = NewsItemFactory(status="draft", title="Draft Only Staff See")
    staff_member()
    staff = Visitor(front)
    staff.sign_in("clara")

    # Signed in: the admin, a public page and a preview, each fetched twice, never kept.
    for path in ("/admin/", "/members/", draft.get_absolute_url()):
        for _ in range(2):
            status, headers, html = staff.get(path)
            assert status == 200, path
            assert headers["X-Cache-Status"] == (None if path == "/admin/" else "BYPASS"), path
    assert "Draft Only Staff See" in html
    status, _, html = Visitor(front).get(draft.get_absolute_url())
    assert status == 404 and "Draft Only Staff See" not in html
    status, _, html = Visitor(front).get("/admin/")
    assert status == 302

    # A form with a CSRF token, which sets its cookie: each visitor gets their own.
    tokens = set()
    for _ in range(3):
        status, headers, html = Visitor(front).get(f"/members/{organisation.slug}/correction/")
        assert status == 200 and headers["X-Cache-Status"] == "MISS"
        assert "csrftoken" in headers["Set-Cookie"]
        tokens.add(headers["Set-Cookie"])
    assert len(tokens) == 3


def suggest_a_correction(visitor, organisation):
    form = f"/members/{organisation.slug}/correction/"
    _, _, html = visitor.get(form)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    status, _, _ = visitor.get(
        form,
        {
            "csrfmiddlewaretoken": token,
            "what_is_wrong": "The website address is out of date.",
            "proposed_text": "https://new.example.coop",
            "email": "member@example.org",
        },
    )
    return status


def test_clients_behind_the_front_are_counted_apart_and_cannot_choose_their_address(
    front, live_server, settings
):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]  # the front, on this host
    organisation = OrganisationFactory(slug="counted-apart")
    # Six clients, each from its own address, each within the limit of 5 an hour: none is
    # refused, though all reach the app server through one front.
    for n in range(2, 8):
        assert suggest_a_correction(Visitor(front, f"127.0.0.{n}"), organisation) == 302

    # One client writing a new X-Forwarded-For each time is still one client to the front...
    statuses = [
        suggest_a_correction(
            Visitor(front, "127.0.0.20", {"X-Forwarded-For": f"198.51.100.{n}"}), organisation
        )
        for n in range(6)
    ]
    assert statuses == [302] * 5 + [429]

    # ... and to the app server, reached directly, from an address that is not the front.
    statuses = [
        suggest_a_correction(
            Visitor(live_server.url, "127.0.0.30", {"X-Forwarded-For": f"198.51.100.{n}"}),
            organisation,
        )
        for n in range(6)
    ]
    assert statuses == [302] * 5 + [429]


def test_failed_logins_behind_the_front_lock_out_only_their_own_client(front, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    staff_member()
    # Five clients each fail once for clara (and one address five times for another name):
    for n in range(2, 7):
        assert sign_in_status(Visitor(front, f"127.0.0.{n}"), "clara", "wrong") == 200
    for _ in range(5):
        sign_in_status(Visitor(front, "127.0.0.40"), "someone", "wrong")
    # clara, from her own address, still gets in.
    assert sign_in_status(Visitor(front, "127.0.0.50"), "clara", PASSWORD) == 302


def sign_in_status(visitor, username, password):
    _, _, html = visitor.get("/admin/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    status, _, _ = visitor.get(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password, "csrfmiddlewaretoken": token},
    )
    return status


def test_logos_are_served_by_the_front_as_images_only(front):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), "teal").save(buffer, "PNG")
    organisation = OrganisationFactory(slug="with-logo")
    organisation.logo.save("logo.png", ContentFile(buffer.getvalue()))
    visitor = Visitor(front)
    _, _, html = visitor.get("/members/with-logo/")
    shown = organisation.logo_320.url  # the page shows the widths made of it (cicopa.images)
    assert shown in html

    def fetched(url):
        request = urllib.request.Request(f"{front}{url}", headers={"Host": "localhost"})
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status, response.headers, response.read()

    for url, kind in ((organisation.logo.url, "image/png"), (shown, "image/webp")):
        status, headers, image = fetched(url)
        assert status == 200 and headers["Content-Type"] == kind
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert "sandbox" in headers["Content-Security-Policy"]
    assert fetched(organisation.logo.url)[2] == buffer.getvalue()
    assert visitor.get("/media/logos/missing.png")[0] == 404


def test_the_front_keeps_a_download_like_a_page(front):
    OrganisationFactory(slug="downloaded")
    visitor = Visitor(front)
    statuses = [visitor.get("/members/export.csv")[1]["X-Cache-Status"] for _ in range(3)]
    assert statuses[0] == "MISS" and statuses[-1] == "HIT"
