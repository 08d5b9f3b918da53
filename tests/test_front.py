"""deploy/nginx.conf, as shipped, in front of a live server: it keeps visitors' pages, an edit in
the admin reaches visitors within DJANGO_PAGE_MAX_AGE, and nothing for one person is kept."""

import http.cookiejar
import os
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

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
    app = live_server.url.removeprefix("http://")
    nginx, base = nginx_front.start(tmp_path, app, ROOT / "static")
    yield base
    nginx.terminate()
    nginx.wait(timeout=10)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Visitor:
    """Keeps its cookies; speaks to the front as localhost."""

    def __init__(self, base):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect
        )

    def get(self, path, data=None):
        headers = {"Host": "localhost"}
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
            "slug": "before-federation",
            "country": organisation.country_id,
            "status": "current",
        },
    )
    assert status == 302
    saved = time.monotonic()
    while "After Federation" not in visitor.get("/members/")[2]:
        # Within the page's max-age, and the one request that has nginx fetch it again.
        assert time.monotonic() - saved < MAX_AGE + 1, "the edit did not reach visitors"
        time.sleep(0.1)


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
