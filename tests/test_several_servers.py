"""Gunicorn servers as production runs them: two behind a load balancer sharing one PostgreSQL
and one Redis, and (#28) two of two worker processes each on production's default cache, the
table in that PostgreSQL, with no Redis at all."""

import http.cookies
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection
from urllib3 import encode_multipart_formdata

from members.models import Organisation
from scripts import nginx_front
from tests.factories import OrganisationFactory, secretariat_user

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[1]
HOST = "cicopa.test"
PASSWORD = "correct horse battery staple"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """Just enough of a browser: keeps cookies, speaks as if through an HTTPS load balancer."""

    def __init__(self):
        self.cookies = {}
        self.opener = urllib.request.build_opener(NoRedirect)

    def request(self, port, path, data=None, files=None):
        """`files`: {name: (filename, bytes)}, sent with `data` as a multipart form."""
        headers = {"Host": HOST, "X-Forwarded-Proto": "https"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if files is not None:
            data, headers["Content-Type"] = encode_multipart_formdata({**data, **files})
            headers["Origin"] = f"https://{HOST}"
        elif data is not None:
            headers["Origin"] = f"https://{HOST}"
            data = urllib.parse.urlencode(data, doseq=True).encode()
        request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data, headers)
        try:
            response = self.opener.open(request, timeout=20)
        except urllib.error.HTTPError as error:
            response = error
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in http.cookies.SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response.status, dict(response.headers), response.read().decode()

    def csrf_token(self, html):
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


@pytest.fixture
def services(reference_data):
    if connection.vendor != "postgresql":
        pytest.skip("runs in make test's PostgreSQL pass: the servers share one PostgreSQL")
    if not os.environ.get("TEST_REDIS_URL"):
        pytest.skip("needs TEST_REDIS_URL: make test starts a Redis for it")
    settings = connection.settings_dict
    database_url = (
        f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/{settings['NAME']}"
    )
    return {"DATABASE_URL": database_url, "REDIS_URL": os.environ["TEST_REDIS_URL"]}


# The organisation's form posts its representatives' inline too, as a browser does: none here.
NO_REPRESENTATIVES = {"representatives-TOTAL_FORMS": "0", "representatives-INITIAL_FORMS": "0"}

PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "cicopa.settings.prod",
    "DJANGO_SECRET_KEY": "two-servers-one-secret-" + "Fq8Lx2Wm5Rt9Yc3Vb7Nh1Kj4Gd6Sp0Za",
    "DJANGO_ALLOWED_HOSTS": HOST,
}


@pytest.fixture(scope="session")
def collected_static(tmp_path_factory):
    """The static files as a release collects them, once for every server the tests start."""
    root = str(tmp_path_factory.mktemp("static"))
    base = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp")}
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env={**base, **PRODUCTION, "DJANGO_STATIC_ROOT": root},
        check=True,
        timeout=300,
    )
    return root


@pytest.fixture
def production_env(services, collected_static):
    return {
        "PATH": os.environ["PATH"],
        "HOME": os.environ.get("HOME", "/tmp"),
        **PRODUCTION,
        "DJANGO_BEHIND_PROXY": "true",
        # Sessions shared between servers, signed in with a password: the second factor has
        # its own tests (tests/test_second_factor.py).
        "DJANGO_TWO_FACTOR_REQUIRED": "false",
        "DJANGO_STATIC_ROOT": collected_static,
        "GUNICORN_WORKERS": "1",
        "GUNICORN_THREADS": "2",
        **services,
    }


def start_gunicorn(env):
    """gunicorn with gunicorn.conf.py on a free port, once it answers: (port, process)."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"],
        cwd=ROOT,
        env={**env, "GUNICORN_BIND": f"127.0.0.1:{port}"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while True:
        try:
            if Browser().request(port, "/healthz")[0] == 200:
                return port, process
        except OSError:
            pass
        assert process.poll() is None, "gunicorn exited"
        assert time.monotonic() < deadline, "gunicorn did not start"
        time.sleep(0.2)


def stop(process):
    if process.poll() is None:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture
def servers(production_env):
    started = {name: start_gunicorn(production_env) for name in ("a", "b")}
    yield {name: port for name, (port, _) in started.items()}, started
    for _, process in started.values():
        stop(process)


def test_two_servers_share_logins_edits_and_survive_one_stopping(servers, production_env):
    (ports, processes) = servers
    a, b = ports["a"], ports["b"]
    staff_member = secretariat_user(username="clara")
    # The servers run production's hashers, not the test suite's fast one.
    staff_member.password = PBKDF2PasswordHasher().encode(PASSWORD, "somesalt", iterations=1000)
    staff_member.save()
    organisation = OrganisationFactory(name="Before Federation", slug="before-federation")

    # A visitor's directory page, cached by server A.
    visitor = Browser()
    for _ in range(2):
        status, _, html = visitor.request(a, "/members/")
        assert status == 200 and "Before Federation" in html

    # Static files: hashed names, far-future caching, from whitenoise.
    stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', html).group(1)
    status, headers, _ = visitor.request(a, stylesheet)
    assert status == 200
    assert (
        "max-age=315360000" in headers["Cache-Control"] and "immutable" in headers["Cache-Control"]
    )
    # Compressed beside it, once; the libraries' source maps, for developer tools, are not.
    static_root = Path(production_env["DJANGO_STATIC_ROOT"])
    assert (static_root / f"{stylesheet.removeprefix('/static/')}.br").exists()
    maps = list(static_root.rglob("*.map"))
    assert maps and not [m for m in maps if m.with_name(f"{m.name}.br").exists()]

    # Log in through A ...
    staff = Browser()
    _, _, html = staff.request(a, "/admin/login/?next=/admin/")
    status, headers, _ = staff.request(
        a,
        "/admin/login/?next=/admin/",
        {"username": "clara", "password": PASSWORD, "csrfmiddlewaretoken": staff.csrf_token(html)},
    )
    assert status == 302 and "sessionid" in staff.cookies
    # ... and the login holds on B.
    status, _, html = staff.request(b, "/admin/")
    assert status == 200 and "Members and news" in html

    # Save through B; A shows the edit on the next request, though it had the page cached.
    change = f"/admin/members/organisation/{organisation.pk}/change/"
    _, _, html = staff.request(b, change)
    status, _, _ = staff.request(
        b,
        change,
        {
            "csrfmiddlewaretoken": staff.csrf_token(html),
            "name": "After Federation",
            "version": re.search(r'name="version" value="([^"]+)"', html).group(1),
            "slug": "before-federation",
            "country": organisation.country_id,
            "status": "current",
            **NO_REPRESENTATIVES,
        },
    )
    assert status == 302
    _, _, html = visitor.request(a, "/members/")
    assert "After Federation" in html and "Before Federation" not in html

    # Stop A: nothing is lost.
    processes["a"][1].send_signal(signal.SIGTERM)
    processes["a"][1].wait(timeout=30)
    status, _, html = staff.request(b, "/admin/")
    assert status == 200 and "Members and news" in html
    _, _, html = visitor.request(b, "/members/")
    assert "After Federation" in html
    assert Organisation.objects.get(pk=organisation.pk).name == "After Federation"
    assert Browser().request(b, "/healthz")[0] == 200


def half_a_request(port):
    """A slow client (slowloris): the start of a request, and then nothing."""
    client = socket.create_connection(("127.0.0.1", port))
    client.sendall(f"GET /members/ HTTP/1.1\r\nHost: {HOST}\r\n".encode())
    return client


def unread_download(port):
    """A slow reader: asks for the whole directory as CSV and reads none of it."""
    client = socket.socket()
    client.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    client.connect(("127.0.0.1", port))
    client.sendall(f"GET /members/export.csv HTTP/1.1\r\nHost: {HOST}\r\n\r\n".encode())
    return client


def answers_at_once(port, path):
    """The status of `path`, which must come within 3 seconds."""
    with socket.create_connection(("127.0.0.1", port), timeout=3) as client:
        client.sendall(f"GET {path} HTTP/1.1\r\nHost: {HOST}\r\nConnection: close\r\n\r\n".encode())
        return int(client.recv(64).split()[1])


def test_slow_clients_hold_up_neither_the_front_nor_a_server(production_env, tmp_path, country):
    for n in range(400):  # a download larger than the sockets' buffers
        OrganisationFactory(name=f"Cooperative {n:03} " + "x" * 120, country=country("PE"))
    env = {**production_env, "GUNICORN_WORKERS": "1", "DJANGO_TRUSTED_PROXIES": "127.0.0.1"}
    env.pop("GUNICORN_THREADS")  # as gunicorn.conf.py has it
    port, process = start_gunicorn(env)
    nginx, front = nginx_front.start(tmp_path, f"127.0.0.1:{port}", env["DJANGO_STATIC_ROOT"])
    front_port = int(front.rsplit(":", 1)[1])
    slow = []
    try:
        # Without the front, a slow client takes one of a worker's threads, not the worker.
        slow += [half_a_request(port), unread_download(port)]
        assert answers_at_once(port, "/healthz") == 200
        # Through the front, a crowd of them reaches no server: nginx has the whole request
        # before it asks, and takes the whole answer at once.
        slow += [half_a_request(front_port) for _ in range(20)]
        slow += [unread_download(front_port) for _ in range(20)]
        time.sleep(1)
        assert answers_at_once(front_port, "/healthz") == 200
        assert answers_at_once(front_port, "/members/") in (200, 301)
        assert answers_at_once(port, "/healthz") == 200
    finally:
        for client in slow:
            client.close()
        nginx.terminate()
        nginx.wait(timeout=10)
        stop(process)


@pytest.fixture
def default_cache_servers(production_env):
    """Two servers of two processes each, with production's defaults: no REDIS_URL."""
    env = {**production_env, "GUNICORN_WORKERS": "2", "DJANGO_API_RATE": "5/m"}
    del env["REDIS_URL"]
    started = [start_gunicorn(env) for _ in range(2)]
    yield env, [port for port, _ in started]
    for _, process in started:
        stop(process)


def signed_in(port, username):
    staff_member = secretariat_user(username=username)
    staff_member.password = PBKDF2PasswordHasher().encode(PASSWORD, "somesalt", iterations=1000)
    staff_member.save()
    staff = Browser()
    _, _, html = staff.request(port, "/admin/login/?next=/admin/")
    credentials = {"username": username, "password": PASSWORD}
    token = {"csrfmiddlewaretoken": staff.csrf_token(html)}
    assert staff.request(port, "/admin/login/?next=/admin/", {**credentials, **token})[0] == 302
    return staff


def directory_everywhere(ports, times=4):
    """/members/ a few times from each server (each of its processes, most likely)."""
    return [Browser().request(port, "/members/")[2] for port in ports for _ in range(times)]


def test_every_process_shares_production_s_default_cache(default_cache_servers, country):
    env, (a, b) = default_cache_servers
    organisation = OrganisationFactory(name="Before Federation", slug="before-federation")
    assert all("Before Federation" in html for html in directory_everywhere((a, b)))

    # One page, one ETag, whichever process answers; each answers its If-None-Match with 304.
    etags = {Browser().request(port, "/members/")[1]["ETag"] for port in (a, b, a, b)}
    assert len(etags) == 1
    (etag,) = etags
    for port in (a, b):
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/members/",
            headers={"Host": HOST, "X-Forwarded-Proto": "https", "If-None-Match": etag},
        )
        with pytest.raises(urllib.error.HTTPError) as answer:
            urllib.request.urlopen(request, timeout=20)
        assert answer.value.code == 304

    # An edit through B is on every process's next page, A's too.
    staff = signed_in(b, "clara")
    change = f"/admin/members/organisation/{organisation.pk}/change/"
    _, _, html = staff.request(b, change)
    fields = {
        "csrfmiddlewaretoken": staff.csrf_token(html),
        "name": "Edited Federation",
        "version": re.search(r'name="version" value="([^"]+)"', html).group(1),
        "slug": "before-federation",
        "country": organisation.country_id,
        "status": "current",
        **NO_REPRESENTATIVES,
    }
    assert staff.request(b, change, fields)[0] == 302
    assert all("Edited Federation" in html for html in directory_everywhere((a, b)))

    # So is one made by a manage.py command, from no server at all.
    subprocess.run(
        [sys.executable, "manage.py", "shell", "-c",
         "from members.models import Organisation as O; "
         "O.objects.filter(slug='before-federation').update(name='Commanded Federation')"],
        cwd=ROOT, env=env, check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    assert all("Commanded Federation" in html for html in directory_everywhere((a, b)))

    # An import's preview from A, confirmed through B.
    _, _, html = staff.request(a, "/admin/members/organisation/import/")
    upload = b"name,country,status\r\nImported Union,Chile,current\r\n"
    status, _, preview = staff.request(
        a,
        "/admin/members/organisation/import/",
        {"csrfmiddlewaretoken": staff.csrf_token(html), "format": "0", "resource": "0"},
        files={"import_file": ("members.csv", upload)},
    )
    assert status == 200 and "Confirm import" in preview, preview[:3000]
    form = preview.split('action="/admin/members/organisation/process_import/"')[1]
    confirm = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form))
    status, headers, _ = staff.request(b, "/admin/members/organisation/process_import/", confirm)
    assert status == 302 and headers["Location"] == "/admin/members/organisation/"
    assert Organisation.objects.filter(name="Imported Union").exists()

    # The API's limit counts a client's requests on every process: 5 a minute here.
    statuses = [Browser().request(port, "/api/regions")[0] for port in (a, b, a, b, a, b)]
    assert statuses == [200] * 5 + [429]

    # The lockout counts failed sign-ins on every process: the fifth failure locks the
    # username out from this address (AXES_FAILURE_LIMIT), even with the right password next.
    secretariat_user(username="dora")
    intruder = Browser()

    def sign_in(port, password):
        _, _, html = intruder.request(port, "/admin/login/")
        token = intruder.csrf_token(html)
        fields = {"username": "dora", "password": password, "csrfmiddlewaretoken": token}
        return intruder.request(port, "/admin/login/", fields)[0]

    assert [sign_in(port, "guess") for port in (a, b, a, b, a)] == [200] * 4 + [429]
    assert sign_in(b, PASSWORD) == 429
