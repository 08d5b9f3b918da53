"""`make run`'s development server shows what a developer changes, however it was changed."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_change_made_from_the_shell_shows_on_the_development_server(tmp_path):
    env = {
        "PATH": os.environ["PATH"],
        "HOME": os.environ.get("HOME", "/tmp"),
        "DJANGO_SETTINGS_MODULE": "cicopa.settings.dev",
        "DATABASE_URL": f"sqlite:///{tmp_path}/dev.sqlite3",
    }

    def manage(*args):
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
            timeout=120,
        )

    manage("migrate", "--noinput", "-v0")
    manage("load_initial_content")
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )

    def page():
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/members/", timeout=10) as response:
            return response.headers, response.read().decode()

    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                headers, html = page()
                break
            except OSError:
                assert time.monotonic() < deadline, "the development server did not start"
                time.sleep(0.2)
        assert "Vietnam Cooperative Alliance" in html
        assert "max-age=0" in headers["Cache-Control"]  # no browser keeps a page either
        manage(
            "shell",
            "-c",
            "from members.models import Organisation as O; "
            "O.objects.filter(acronym='VCA').update(name='Renamed In The Shell')",
        )
        assert "Renamed In The Shell" in page()[1]
    finally:
        server.terminate()
        server.wait(timeout=10)
