"""`make run`'s development server, as a developer runs it (cicopa.settings.dev, a SQLite file,
mail on the console, the shared cache in that database): it shows what a developer changes,
however it was changed, and its journeys work as in production (#28)."""

import csv
import io
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from django.utils.autoreload import file_changed

from cicopa import pagecache

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "correct horse battery staple"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class DevelopmentServer:
    def __init__(self, folder):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.console = folder / "console.txt"  # what `make run` prints: the mails among it
        self.env = {
            "PATH": os.environ["PATH"],
            "HOME": os.environ.get("HOME", "/tmp"),
            "DJANGO_SETTINGS_MODULE": "cicopa.settings.dev",
            "DATABASE_URL": f"sqlite:///{folder}/dev.sqlite3",
            "PORT": str(self.port),
        }

    def manage(self, *args):
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            check=True,
            capture_output=True,
            text=True,
            timeout=120,
        )

    def shell(self, code):
        return self.manage("shell", "-c", code).stdout

    def start(self):
        # As `make run`: migrate, the initial content, then runserver.
        self.manage("migrate", "--noinput", "-v0")
        self.manage("load_initial_content")
        self.shell(
            "from django.contrib.auth.models import User; "
            f"User.objects.create_superuser('dev', 'dev@example.org', '{PASSWORD}')"
        )
        self.output = open(self.console, "w")  # closed in stop()
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-u",
                "manage.py",
                "runserver",
                "--noreload",
                f"127.0.0.1:{self.port}",
            ],
            cwd=ROOT,
            env={**self.env, "PYTHONUNBUFFERED": "1"},
            stdout=self.output,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 30
        while True:
            try:
                requests.get(f"{self.url}/healthz", timeout=5)
                return
            except requests.ConnectionError:
                assert self.process.poll() is None, self.console.read_text()
                assert time.monotonic() < deadline, "the development server did not start"
                time.sleep(0.2)

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)
        self.output.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    server = DevelopmentServer(tmp_path_factory.mktemp("make-run"))
    server.start()
    yield server
    server.stop()


def csrf(session, url):
    html = session.get(url, timeout=10).text
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def test_a_change_made_from_the_shell_shows_on_the_development_server(server):
    response = requests.get(f"{server.url}/members/", timeout=10)
    assert "Vietnam Cooperative Alliance" in response.text
    assert "max-age=0" in response.headers["Cache-Control"]  # no browser keeps a page either
    server.shell(
        "from members.models import Organisation as O; "
        "O.objects.filter(acronym='VCA').update(name='Renamed In The Shell')"
    )
    assert "Renamed In The Shell" in requests.get(f"{server.url}/members/", timeout=10).text


@pytest.mark.parametrize("path", ["/news/feed/", "/members/", "/"])
def test_an_unchanged_page_keeps_its_etag_and_answers_304(server, path):
    etags = {requests.get(f"{server.url}{path}", timeout=10).headers["ETag"] for _ in range(3)}
    assert len(etags) == 1, etags
    (etag,) = etags
    again = requests.get(f"{server.url}{path}", headers={"If-None-Match": etag}, timeout=10)
    assert again.status_code == 304
    server.shell(
        "from news.models import NewsItem; "
        "NewsItem.objects.update(summary_en='Changed from the shell.')"
    )
    changed = requests.get(f"{server.url}{path}", headers={"If-None-Match": etag}, timeout=10)
    assert changed.status_code == 200 and changed.headers["ETag"] != etag


def test_the_secretariat_imports_a_spreadsheet(server):
    admin = requests.Session()
    login = f"{server.url}/admin/login/"
    token = csrf(admin, login)
    signed_in = admin.post(
        login,
        {"username": "dev", "password": PASSWORD, "csrfmiddlewaretoken": token, "next": "/admin/"},
        headers={"Referer": login},
        timeout=10,
    )
    assert signed_in.url == f"{server.url}/admin/", signed_in.text[:500]

    out = io.StringIO()
    csv.writer(out).writerows(
        [["name", "country", "status"], ["Cooperativa Importada", "Chile", "current"]]
    )
    page = f"{server.url}/admin/members/organisation/import/"
    preview = admin.post(
        page,
        {"csrfmiddlewaretoken": csrf(admin, page), "format": "0", "resource": "0"},
        files={"import_file": ("members.csv", out.getvalue().encode(), "text/csv")},
        headers={"Referer": page},
        timeout=30,
    )
    assert "Confirm import" in preview.text, preview.text[:3000]
    form = preview.text.split('action="/admin/members/organisation/process_import/"')[1]
    form = form.split("</form>")[0]
    data = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form))
    done = admin.post(
        f"{server.url}/admin/members/organisation/process_import/",
        data,
        headers={"Referer": page},
        timeout=30,
    )
    assert done.url == f"{server.url}/admin/members/organisation/", done.text[:3000]
    assert "Cooperativa Importada" in requests.get(f"{server.url}/members/", timeout=10).text


def test_a_visitor_subscribes_by_the_mail_printed_on_the_console(server):
    visitor = requests.Session()
    page = f"{server.url}/news/subscribe/"
    sent = visitor.post(
        page,
        {
            "csrfmiddlewaretoken": csrf(visitor, page),
            "email": "reader@example.org",
            "language": "en",
        },
        headers={"Referer": page},
        timeout=10,
    )
    assert "Check your mail" in sent.text, sent.text[:2000]
    deadline = time.monotonic() + 10
    while not (found := re.search(r"http://\S+/confirm/\S+/", server.console.read_text())):
        assert time.monotonic() < deadline, "no confirmation mail on the console"
        time.sleep(0.2)
    confirm = found.group(0)
    confirmed = visitor.post(
        confirm,
        {"csrfmiddlewaretoken": csrf(visitor, confirm)},
        headers={"Referer": confirm},
        timeout=10,
    )
    assert "Your subscription is confirmed" in confirmed.text


@pytest.mark.django_db
def test_a_file_the_development_server_reloads_for_ends_the_pages_generation():
    before = pagecache.generation()
    file_changed.send(sender=None, file_path=ROOT / "templates" / "base.html")
    assert pagecache.generation() != before
