"""Drive the production configuration with wrk and write bench/RESULTS.md.

Run by bench/run, which prepares PostgreSQL, Redis, the data and the static files. Each page
type is measured three ways, side by side: through the nginx front (deploy/nginx.conf), with
nginx serving the same bytes from a file beside it as the limit; directly from gunicorn with
the app's cache; and as a crawler's first visits (each URL once) at 1 and at 16 connections.
Then 1,000 connections on the home page, through the front and from the file."""

import datetime
import gzip
import json
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scripts import nginx_front  # noqa: E402

SECONDS = int(os.environ.get("BENCH_SECONDS", 30))
WARMUP = max(2, SECONDS // 6)
CONNECTIONS = 16
CROWD = 1000
# What every browser sends (Chromium's header): pages through the front, and the file beside
# them, go out compressed as visitors receive them. The bare figures are kept beside them.
BROWSER = ("Accept-Encoding: gzip, deflate, br, zstd",)
# The file's limit as a browser receives it: compressed beforehand, beside it (N.html.gz).
FILE_GZIP = "gzip_static on; gzip_vary on;"
GOALS = {
    "front": 0.5,  # of nginx serving the same bytes from a file
    "304": 1.0,  # of the full page, through the front
    "crowd_p99": 2.0,  # times the file's p99 at 1,000 connections
    "first_visit": {"organisation page": 10, "news item": 10, "directory": 25, "region": 25},
}


def django(code):
    """Ask the benchmark database a question, in the production settings."""
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip().splitlines()


class Gunicorn:
    def __init__(self):
        self.port = nginx_front.free_port()
        self.address = f"127.0.0.1:{self.port}"
        self.base = f"http://{self.address}"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"],
            cwd=ROOT,
            env={**os.environ, "GUNICORN_BIND": self.address},
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

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=60)


def fetch(url, headers=()):
    headers = dict(header.split(": ", 1) for header in headers)
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=30) as r:
        return r.headers, r.read()


# Each wrk thread takes every n-th line of the file of paths, once: a crawler's first visits.
CRAWL_SCRIPT = """
local paths, index, step = {}, 0, 1
function setup(thread)
  thread:set("id", counter); counter = counter + 1
end
counter = 0
function init(args)
  step = tonumber(args[2])
  local n = 0
  for line in io.lines(args[1]) do
    if n % step == id then paths[#paths + 1] = line end
    n = n + 1
  end
end
function request()
  index = index + 1
  if index > #paths then index = #paths end
  return wrk.format("GET", paths[index])
end
-- Every URL once: a thread whose list is done stops (its open connections may each have one
-- more request on the way).
function response()
  if index >= #paths then wrk.thread:stop() end
end
"""


def wrk(url, seconds, connections=CONNECTIONS, headers=(), crawl=None):
    threads = 1 if connections == 1 else 2
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--latency",
        "--timeout",
        "5s",
    ]
    for header in headers:
        command += ["-H", header]
    if crawl:
        command += ["-s", crawl["script"]]
    command.append(url)
    if crawl:
        command += ["--", crawl["paths"], str(threads)]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout

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


def measured(url, **options):
    wrk(url, WARMUP, **options)
    return wrk(url, SECONDS, **options)


def side_by_side(url, first, second, rounds=3):
    """Two measures of one URL taken in alternating rounds, so that the machine's drift over
    the run falls on both alike: each is the requests of its rounds over their time."""
    wrk(url, WARMUP, **first)
    seconds = max(1, SECONDS // rounds)
    taken = ([], [])
    for _ in range(rounds):
        for options, figures in zip((first, second), taken, strict=True):
            figures.append(wrk(url, seconds, **options))
    return [
        {
            "requests": sum(f["requests"] for f in figures),
            "rps": sum(f["requests"] for f in figures) / (seconds * rounds),
            "p50": sorted(f["p50"] for f in figures)[rounds // 2],
            "p99": max(f["p99"] for f in figures),
            "errors": sum(f["errors"] for f in figures),
        }
        for figures in taken
    ]


def report(line, figures):
    print(
        f"{line:58} {figures['rps']:9.0f} req/s  p50 {figures['p50']:7.2f} ms  "
        f"p99 {figures['p99']:7.2f} ms  errors {figures['errors']}",
        flush=True,
    )
    return figures


def sample_pages():
    """The addresses of a generated member's page and of a published news item about one."""
    return django(
        "from members.models import Organisation as O; from news.models import NewsItem as N; "
        "print(O.objects.current().filter(slug__startswith='generated-').first()"
        ".get_absolute_url()); "
        "print(N.objects.published().filter(organisations__isnull=False).first()"
        ".get_absolute_url())"
    )[-2:]


def main():
    organisation, item = sample_pages()
    pages = [
        ("home page", "/"),
        ("directory", "/members/"),
        ("directory, region Americas", "/members/?region=americas"),
        ("region", "/members/regions/americas/"),
        ("organisation page", organisation),
        ("news list", "/news/"),
        ("news item", item),
        ("RSS feed", "/news/feed/"),
    ]
    folder = Path(tempfile.mkdtemp(prefix="cicopa-bench-"))
    files = folder / "files"
    files.mkdir()
    file_port = nginx_front.free_port()
    server = Gunicorn()
    nginx, front = nginx_front.start(
        folder,
        server.address,
        os.environ["DJANGO_STATIC_ROOT"],
        extra=(
            f"server {{ listen 127.0.0.1:{file_port}; root {files}; "
            "default_type text/html; etag on; }"
        ),
        connections=CROWD,
    )
    file_base = f"http://127.0.0.1:{file_port}"
    rows = []
    try:
        for name, path in pages:
            _, body = fetch(f"{server.base}{path}")
            (files / f"{len(rows)}.html").write_bytes(body)
            (files / f"{len(rows)}.html.gz").write_bytes(gzip.compress(body))
            row = {"name": name, "bytes": len(body)}
            row["file"] = report(
                f"{name}: nginx, the same bytes from a file",
                measured(f"{file_base}/{len(rows)}.html", headers=BROWSER),
            )
            # The ETag as a browser was given it: weak (W/) once nginx has compressed the page.
            etag = fetch(f"{front}{path}", BROWSER)[0]["ETag"]
            full, conditional = side_by_side(
                f"{front}{path}",
                {"headers": BROWSER},
                {"headers": (*BROWSER, f"If-None-Match: {etag}")},
            )
            row["front"] = report(f"{name}: through the front", full)
            row["front_304"] = report(
                f"{name}: through the front, If-None-Match (304)", conditional
            )
            etag = fetch(f"{front}{path}")[0]["ETag"]
            bare, bare_conditional = side_by_side(
                f"{front}{path}", {"headers": ()}, {"headers": (f"If-None-Match: {etag}",)}
            )
            row["bare"] = report(f"{name}: through the front, uncompressed", bare)
            row["bare_304"] = report(
                f"{name}: through the front, uncompressed, If-None-Match (304)", bare_conditional
            )
            row["gunicorn"] = report(
                f"{name}: gunicorn, the app's cache", measured(f"{server.base}{path}")
            )
            rows.append(row)
        crowd = {
            "file": report(
                "home page, 1,000 connections: from a file",
                measured(f"{file_base}/0.html", connections=CROWD, headers=BROWSER),
            ),
            "front": report(
                "home page, 1,000 connections: through the front",
                measured(f"{front}/", connections=CROWD, headers=BROWSER),
            ),
        }
        crawls = crawl(server, folder)
    finally:
        nginx.terminate()
        nginx.wait(timeout=10)
        server.stop()
    digest = news_digest()
    write_results(rows, crowd, crawls, digest)


def news_digest():
    """bench/digest.py: the news digest to 10,000 subscribers, in a process of its own."""
    result = subprocess.run(
        [sys.executable, "bench/digest.py"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    print(
        f"news digest: {figures['mails']:,} mails in {figures['seconds']:.1f} s, "
        f"{figures['queries']} queries",
        flush=True,
    )
    return figures


def crawl(server, folder):
    """First visits, direct to gunicorn: every organisation's and news item's page (and the
    directory's and regions' numbered pages), each once, shuffled, split between the run at 1
    connection and the run at 16."""
    lines = django(
        "from django.db.models import Count, Q; "
        "from members.models import Organisation as O, Region as R; "
        "from news.models import NewsItem as N; "
        "[print('organisation page', o.get_absolute_url()) for o in O.objects.all()]; "
        "[print('news item', n.get_absolute_url()) for n in N.objects.published()]; "
        "pages = -(-O.objects.current().count() // 25); "
        "[print('directory', f'{p}/members/?page={n}') for p in ('', '/fr', '/es') "
        "for n in range(1, pages + 1)]; "
        "current = Q(countries__organisations__status='current'); "
        "regions = R.objects.annotate(members=Count('countries__organisations', filter=current)); "
        "[print('region', f'{p}{r.get_absolute_url()}?page={n}') for p in ('', '/fr', '/es') "
        "for r in regions for n in range(1, -(-r.members // 25) + 1)]"
    )
    script = folder / "crawl.lua"
    script.write_text(CRAWL_SCRIPT)
    kinds = {}
    for line in lines:
        kind, _, path = line.rpartition(" ")
        if kind in GOALS["first_visit"]:
            kinds.setdefault(kind, []).append(path)
    results = {}
    seconds = max(5, SECONDS // 2)
    for kind, paths in kinds.items():
        random.Random(2017).shuffle(paths)
        half = len(paths) // 2
        for connections, share in ((1, paths[:half]), (CONNECTIONS, paths[half:])):
            listed = folder / f"{kind}-{connections}.txt"
            listed.write_text("\n".join(share) + "\n")
            figures = wrk(
                server.base,
                seconds,
                connections=connections,
                crawl={"script": str(script), "paths": str(listed)},
            )
            figures["urls"] = len(share)
            results[(kind, connections)] = report(
                f"first visits, {kind}, {connections} connection(s), {len(share)} URLs", figures
            )
    return results


def verdict(met):
    return "yes" if met else "**no**"


def write_results(rows, crowd, crawls, digest):
    missed = []
    table = []
    for row in rows:
        ratio = row["front"]["rps"] / row["file"]["rps"]
        conditional = row["front_304"]["rps"] / row["front"]["rps"]
        bare = row["bare_304"]["rps"] / row["bare"]["rps"]
        if ratio < GOALS["front"]:
            missed.append(f"{row['name']}: through the front {ratio:.2f} of the file")
        if conditional < GOALS["304"]:
            missed.append(f"{row['name']}: a 304 at {conditional:.2f} of the full page")
        errors = sum(
            row[k]["errors"] for k in ("file", "front", "front_304", "bare", "bare_304", "gunicorn")
        )
        if errors:
            missed.append(f"{row['name']}: {errors} errors")
        table.append(
            f"| {row['name']} | {row['bytes']:,} | {row['file']['rps']:,.0f} | "
            f"{row['front']['rps']:,.0f} | {ratio:.2f} {verdict(ratio >= GOALS['front'])} | "
            f"{row['front']['p99']:.1f} | {row['front_304']['rps']:,.0f} | "
            f"{conditional:.2f} {verdict(conditional >= GOALS['304'])} | "
            f"{row['bare']['rps']:,.0f} | {row['bare_304']['rps']:,.0f} | {bare:.2f} | "
            f"{row['gunicorn']['rps']:,.0f} | {row['gunicorn']['p50']:.1f} | {errors} |"
        )
    crowd_ratio = crowd["front"]["p99"] / crowd["file"]["p99"]
    crowd_errors = crowd["front"]["errors"] + crowd["file"]["errors"]
    crowd_met = crowd_ratio <= GOALS["crowd_p99"] and not crowd_errors
    if not crowd_met:
        missed.append(
            f"1,000 connections: p99 {crowd_ratio:.1f} times the file's, {crowd_errors} errors"
        )
    first_visits = []
    for (kind, connections), figures in crawls.items():
        goal = GOALS["first_visit"][kind]
        met = connections != 1 or figures["p50"] <= goal
        if not met:
            missed.append(f"first visits, {kind}: p50 {figures['p50']:.1f} ms > {goal} ms")
        if figures["requests"] > figures["urls"] + connections:
            missed.append(f"first visits, {kind}, {connections}: the list ran out (some hits)")
        first_visits.append(
            f"| {kind} | {connections} | {figures['urls']:,} | {figures['requests']:,} | "
            f"{figures['rps']:,.0f} | {figures['p50']:.1f} | {figures['p99']:.1f} | "
            f"{f'≤ {goal} ms ' + verdict(met) if connections == 1 else ''} | "
            f"{figures['errors']} |"
        )
    text = RESULTS_TEMPLATE.format(
        header=HEADER,
        date=datetime.date.today().isoformat(),
        cores=os.cpu_count(),
        seconds=SECONDS,
        connections=CONNECTIONS,
        rows="\n".join(table),
        crowd_file=crowd["file"]["p99"],
        crowd_front=crowd["front"]["p99"],
        crowd_rps_file=crowd["file"]["rps"],
        crowd_rps_front=crowd["front"]["rps"],
        crowd_ratio=crowd_ratio,
        crowd_errors=crowd_errors,
        crowd_verdict=verdict(crowd_met),
        first_visits="\n".join(first_visits),
        digest_subscribers=digest["subscribers"],
        digest_items=digest["items"],
        digest_mails=digest["mails"],
        digest_seconds=digest["seconds"],
        digest_rate=digest["mails"] / digest["seconds"],
        digest_queries=digest["queries"],
        digest_batches=digest["batches"],
        verdict="All goals met." if not missed else "Goals missed:\n\n- " + "\n- ".join(missed),
    )
    marker = "<!-- bench/measure.py writes above this line -->"
    path = ROOT / "bench" / "RESULTS.md"
    notes = path.read_text().split(marker, 1)[1] if marker in path.read_text() else "\n"
    path.write_text(text + marker + notes)
    print(f"\nWrote {path.relative_to(ROOT)}", "— all goals met" if not missed else "— missed")


HEADER = (
    "| page | bytes | file req/s | front req/s | front / file (≥ 0.5) | front p99 ms "
    "| 304 req/s | 304 / front (≥ 1.0) | bare front req/s | bare 304 req/s | bare 304 / front "
    "| gunicorn req/s | gunicorn p50 ms | errors |\n"
    "| --- | ---: | ---: | ---: | --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: "
    "| ---: |"
)

RESULTS_TEMPLATE = """# Benchmark results

Written by `make bench` (bench/run, bench/measure.py) on {date}, on this machine: {cores} cores.
The production configuration (gunicorn with `gunicorn.conf.py`, PostgreSQL 15, Redis) on
10,000 organisations and 20,000 news items, behind the nginx front of `deploy/nginx.conf`,
driven by wrk on loopback, {seconds} s per measure after a warm-up, {connections} connections.

## Each page type, three ways

Every request asks as a browser does (`Accept-Encoding: gzip, deflate, br, zstd`), so pages
go out compressed, as visitors receive them. "file": nginx serving the very bytes of the page
from a file compressed beforehand (`gzip_static`), the limit. "front": through deploy/nginx.conf
(the page kept by nginx). "304": the same with the ETag the front gave in If-None-Match,
measured with "front" in alternating rounds. "bare": front and 304 again without
Accept-Encoding, uncompressed (for comparison; not a goal). "gunicorn": directly,
uncompressed, with the app's cache (the page kept in Redis).

{header}
{rows}

## 1,000 connections on the home page

| | req/s | p99 ms |
| --- | ---: | ---: |
| from a file | {crowd_rps_file:,.0f} | {crowd_file:.1f} |
| through the front | {crowd_rps_front:,.0f} | {crowd_front:.1f} |

p99 through the front is {crowd_ratio:.2f} times the file's (goal ≤ 2, no errors):
{crowd_verdict}, {crowd_errors} errors.

## First visits, direct to gunicorn

A crawler asking for each URL once (shuffled; half the URLs at 1 connection, the other half
at 16), so every request renders its page afresh from the app's shared figures.

| pages | connections | URLs | requests | req/s | p50 ms | p99 ms | goal (1 connection) | errors |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |
{first_visits}

## The news digest

`bench/digest.py`: {digest_subscribers:,} confirmed subscribers (a third with a region, in
three languages) and {digest_items} new items, sent through a real SMTP server (aiosmtpd's
sink, in a process of its own): {digest_mails:,} mails in {digest_seconds:.1f} s
({digest_rate:,.0f} a second), {digest_queries} queries for {digest_batches} batches.

{verdict}

"""


if __name__ == "__main__":
    main()
