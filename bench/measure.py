"""Drive the production server with wrk and write bench/RESULTS.md.

Run by bench/run, which prepares PostgreSQL, Redis, the data and the static files."""

import datetime
import math
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SECONDS = int(os.environ.get("BENCH_SECONDS", 30))
WARMUP = max(2, SECONDS // 6)
BASELINE_SECONDS = max(3, SECONDS // 3)
CONNECTIONS = 16
GOALS = {"cached": 0.8, "uncached": 0.3, "conditional": 0.9}
P99_LIMIT_MS = 100


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def django(code):
    """Ask the benchmark database a question, in the production settings."""
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip().splitlines()[-1]


class Server:
    def __init__(self, **env):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"],
            cwd=ROOT,
            env={**os.environ, "GUNICORN_BIND": f"127.0.0.1:{self.port}", **env},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if urllib.request.urlopen(f"{self.base}/healthz", timeout=5).status == 200:
                    return
            except OSError:
                time.sleep(0.3)
        raise SystemExit("gunicorn did not start")

    def get(self, path, **headers):
        request = urllib.request.Request(f"{self.base}{path}", headers=headers)
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.headers, response.read().decode()

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=60)


# The server side's processes besides gunicorn's, by name; /proc counts CPU time in ticks.
SERVER_PROCESSES = {"postgres", "redis-server"}
TICKS = os.sysconf("SC_CLK_TCK")


def server_cpu(gunicorn):
    """{pid: CPU seconds (user and system) so far} of the server side's processes: gunicorn's
    (the master and its workers), PostgreSQL's and Redis's."""
    seconds = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:  # the process ended meanwhile
            continue
        pid, comm = int(text[: text.index(" ")]), text[text.index("(") + 1 : text.rindex(")")]
        fields = text[text.rindex(")") + 2 :].split()  # from the 3rd field, the state, on
        if pid == gunicorn or int(fields[1]) == gunicorn or comm in SERVER_PROCESSES:
            seconds[pid] = (int(fields[11]) + int(fields[12])) / TICKS  # the 14th and 15th
    return seconds


def server_cpu_since(gunicorn, before):
    """The CPU seconds the server side spent since server_cpu() gave `before`. Per request, it
    is what a page costs, and it moves less than requests/s when the shared machine slows
    down. A process that started meanwhile counts whole; one that ended (PostgreSQL's
    autovacuum workers come and go) is left out rather than counted as a negative."""
    return sum(now - before.get(pid, 0) for pid, now in server_cpu(gunicorn).items())


def wrk(url, seconds, headers=()):
    command = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency", "--timeout", "5s"]
    for header in headers:
        command += ["-H", header]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout

    def latency_ms(percentile):
        value, unit = re.search(
            rf"^\s+{percentile}%\s+([\d.]+)(us|ms|s)\s*$", output, re.M
        ).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    return {
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": latency_ms(50),
        "p99": latency_ms(99),
        "errors": (int(errors.group(1)) if errors else 0)
        + (sum(map(int, socket_errors.groups())) if socket_errors else 0),
    }


def measure(server, targets, label):
    """Each URL after a warm-up, and /healthz just before it for a third of the time: its ratio
    is to that neighbouring figure, so the shared machine's drift (a third or more within one
    run) falls on both sides of it alike."""
    results = []
    for name, path, headers, kind in targets:
        url = f"{server.base}{path}"
        baseline = None
        if kind != "baseline":
            baseline = wrk(f"{server.base}/healthz", BASELINE_SECONDS)["rps"]
        wrk(url, WARMUP, headers)
        before = server_cpu(server.process.pid)
        figures = wrk(url, SECONDS, headers)
        cpu = server_cpu_since(server.process.pid, before)
        figures.update(
            name=name,
            path=path,
            kind=kind,
            label=label,
            baseline=baseline,
            cpu_ms=cpu * 1000 / max(figures["requests"], 1),
        )
        print(
            f"{label:9} {name:34} {figures['rps']:8.0f} req/s  p50 {figures['p50']:6.1f} ms  "
            f"p99 {figures['p99']:6.1f} ms  CPU {figures['cpu_ms']:5.2f} ms/request  "
            f"errors {figures['errors']}"
            + (f"  (/healthz beside it {baseline:.0f})" if baseline else ""),
            flush=True,
        )
        results.append(figures)
    return results


def main():
    organisation = django(
        "from members.models import Organisation as O; "
        "print(O.objects.current().filter(slug__startswith='generated-').first().get_absolute_url())"
    )
    item = django(
        "from news.models import NewsItem as N; "
        "print(N.objects.published().filter(organisations__isnull=False).first().get_absolute_url())"
    )

    server = Server()
    _, home = server.get("/")
    stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', home).group(1)
    feed_etag = server.get("/news/feed/")[0]["ETag"]
    pages = [
        ("home page", "/", (), "page"),
        ("directory", "/members/", (), "page"),
        ("directory, region Americas", "/members/?region=americas", (), "page"),
        ("organisation page", organisation, (), "page"),
        ("news list", "/news/", (), "page"),
        ("news item", item, (), "page"),
        ("RSS feed", "/news/feed/", (), "page"),
    ]
    targets = [
        ("/healthz", "/healthz", (), "baseline"),
        ("static file (whitenoise)", stylesheet, (), "static"),
        *pages,
        (
            "RSS feed, If-None-Match (304)",
            "/news/feed/",
            (f"If-None-Match: {feed_etag}",),
            "conditional",
        ),
    ]
    # /healthz is measured first and last; the baseline is the mean of the two, so a drift of
    # the machine during the run does not fall on the ratios of one end only.
    cached = measure(server, [*targets, targets[0]], "cached")
    server.stop()

    server = Server(DJANGO_PAGE_CACHE="false")
    uncached = measure(server, [targets[0], *pages, targets[0]], "uncached")
    server.stop()

    write_results(cached, uncached)


def shown(ratio):
    """Two decimals, rounded down: 0.296 is shown as 0.29, not as a 0.30 that missed 0.3."""
    return f"{math.floor(ratio * 100) / 100:.2f}"


def write_results(cached, uncached):
    rows, failures = [], []
    for figures in cached + uncached:
        baseline = figures["baseline"]  # None for /healthz itself
        ratio = figures["rps"] / baseline if baseline else None
        goal = None
        if figures["kind"] == "page":
            goal = GOALS[figures["label"]]
        elif figures["kind"] == "conditional":
            goal = GOALS["conditional"]
        verdict = ""
        if goal is not None:
            verdict = "yes" if ratio >= goal else "**no**"
            if ratio < goal:
                failures.append(f"{figures['label']} {figures['name']}: {shown(ratio)} < {goal}")
        if figures["p99"] >= P99_LIMIT_MS:
            failures.append(f"{figures['label']} {figures['name']}: p99 {figures['p99']:.0f} ms")
        if figures["errors"]:
            failures.append(f"{figures['label']} {figures['name']}: {figures['errors']} errors")
        rows.append(
            f"| {figures['label']} | {figures['name']} | {figures['rps']:,.0f} | "
            f"{figures['p50']:.1f} | {figures['p99']:.1f} | {figures['cpu_ms']:.2f} | "
            f"{f'{baseline:,.0f}' if baseline else ''} | {shown(ratio) if ratio else ''} | "
            f"{goal if goal is not None else ''} | {verdict} | {figures['errors']} |"
        )
    cores = os.cpu_count()
    today = datetime.date.today().isoformat()
    text = RESULTS_TEMPLATE.format(
        date=today,
        cores=cores,
        seconds=SECONDS,
        connections=CONNECTIONS,
        rows="\n".join(rows),
        verdict=(
            "All goals met." if not failures else "Goals missed:\n\n- " + "\n- ".join(failures)
        ),
    )
    marker = "<!-- bench/measure.py writes above this line -->"
    path = ROOT / "bench" / "RESULTS.md"
    notes = (
        path.read_text().split(marker, 1)[1] if path.exists() and marker in path.read_text() else ""
    )
    path.write_text(text + marker + notes)
    print(
        f"\nWrote {path.relative_to(ROOT)}", "— all goals met" if not failures else "— goals missed"
    )


RESULTS_TEMPLATE = """# Benchmark results

Written by `make bench` (bench/run, bench/measure.py) on {date}, on this machine: {cores} cores.
The production configuration (gunicorn with `gunicorn.conf.py`, PostgreSQL 15, Redis,
whitenoise) on 10,000 organisations and 20,000 news items, vacuumed after the bulk load as
autovacuum soon is, driven by `wrk -t2 -c{connections}` on loopback for {seconds} s per URL after
a warm-up. "cached": the page cache on (the usual case); "uncached": the same server with
`DJANGO_PAGE_CACHE=false`, which turns off the page cache and the shared fragments (filter
choices, years with news), so every request renders everything afresh, as the first request
after a change does. `/healthz` is measured first and last in each run, and for a third of
the time just before each other URL: each ratio is to that neighbouring figure, since the
machine's speed drifts by a third or more within one run. "CPU ms": the server side's CPU time
(gunicorn, PostgreSQL, Redis) per request, which moves less with it.

| run | URL | req/s | p50 ms | p99 ms | CPU ms | /healthz beside | ratio | goal | met | errors |
| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |
{rows}

{verdict}

"""


if __name__ == "__main__":
    main()
