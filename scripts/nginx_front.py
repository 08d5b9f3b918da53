"""deploy/nginx.conf as shipped, run on this machine: its lines marked CHANGE pointed at a local
app server, inside a minimal nginx.conf of its own. Used by tests/test_front.py and the
benchmark (bench/measure.py); a deployer edits the file by hand instead."""

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(folder, app, static_root, extra="", connections=1024, media_root=None):
    """Start nginx in `folder` (its cache, logs and temporary files go there) in front of the
    app server at `app` ("127.0.0.1:8000"), serving `static_root` at /static/ and `media_root`
    (by default a folder in `folder`) at /media/. `extra`: more of http {}. Returns (the nginx
    process, its base URL)."""
    folder = Path(folder)
    port = free_port()
    site = (ROOT / "deploy" / "nginx.conf").read_text()
    for shipped, here in [
        ("/var/cache/nginx/cicopa ", f"{folder}/cache "),
        ("server 127.0.0.1:8000;", f"server {app};"),
        ("listen 80;", f"listen 127.0.0.1:{port};"),
        ("/srv/cicopa/staticfiles/", f"{static_root}/"),
        ("/srv/cicopa/media/", f"{media_root or folder / 'media'}/"),
    ]:
        if shipped not in site:
            raise ValueError(f"deploy/nginx.conf no longer has {shipped!r}")
        site = site.replace(shipped, here)
    (folder / "cicopa.conf").write_text(site)
    temporary = " ".join(f"{kind}_temp_path {folder}/{kind};" for kind in ("client_body", "proxy"))
    (folder / "nginx.conf").write_text(
        f"""{"user root;" if os.geteuid() == 0 else ""}
daemon off;
worker_processes auto;
worker_rlimit_nofile {connections * 4};
pid {folder}/nginx.pid;
error_log {folder}/error.log;
events {{ worker_connections {connections * 2}; }}
http {{
    access_log off;
    {temporary}
    include /etc/nginx/mime.types;
    include {folder}/cicopa.conf;
    {extra}
}}
"""
    )
    process = subprocess.Popen([NGINX, "-p", str(folder), "-c", str(folder / "nginx.conf")])
    deadline = time.monotonic() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return process, f"http://127.0.0.1:{port}"
        except OSError:
            if process.poll() is not None:
                raise RuntimeError((folder / "error.log").read_text()) from None
            if time.monotonic() > deadline:
                raise RuntimeError("nginx did not start") from None
            time.sleep(0.1)
