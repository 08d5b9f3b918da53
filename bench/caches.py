"""The shared cache measured both ways: production's default, the table in PostgreSQL
(cicopa.cache), and Redis (REDIS_URL). Run by bench/run after measure.py, or alone with
`bench/run caches`; writes its section at the end of bench/RESULTS.md.

Direct to gunicorn, where the cache is what differs (the front keeps pages either way): a page
kept in the cache, the same page's 304, and a crawler's first visits to organisation pages (each
rendered afresh, reading the generation and the shared figures from the cache)."""

import datetime
import os
import random
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.measure import (  # noqa: E402
    CONNECTIONS,
    CRAWL_SCRIPT,
    SECONDS,
    Gunicorn,
    django,
    fetch,
    report,
    sample_pages,
    side_by_side,
    wrk,
)

RESULTS = ROOT / "bench" / "RESULTS.md"
HEADING = "## The shared cache: PostgreSQL's table or Redis"
CACHES = {"PostgreSQL table (default)": None, "Redis": os.environ.get("REDIS_URL", "")}


def measure(name, redis_url, pages, crawl_paths, folder):
    os.environ.pop("REDIS_URL", None)
    if redis_url:
        os.environ["REDIS_URL"] = redis_url
    django("from django.core.cache import cache; cache.clear()")
    server = Gunicorn()
    figures = {}
    try:
        for page, path in pages:
            url = f"{server.base}{path}"
            etag = fetch(url)[0]["ETag"]
            kept, conditional = side_by_side(url, {}, {"headers": (f"If-None-Match: {etag}",)})
            figures[page] = {
                "kept": report(f"{name}: {page}, kept", kept),
                "304": report(f"{name}: {page}, 304", conditional),
            }
        django("from cicopa.pagecache import invalidate; invalidate()")  # all afresh
        script = folder / "crawl.lua"
        script.write_text(CRAWL_SCRIPT)
        listed = folder / f"crawl-{'redis' if redis_url else 'table'}.txt"
        listed.write_text("\n".join(crawl_paths) + "\n")
        crawl = {"script": str(script), "paths": str(listed)}
        figures["first visits"] = report(
            f"{name}: first visits, organisation pages, 1 connection",
            wrk(server.base, max(5, SECONDS // 2), connections=1, crawl=crawl),
        )
    finally:
        server.stop()
    return figures


def main():
    organisation, item = sample_pages()
    pages = [
        ("home page", "/"),
        ("directory", "/members/"),
        ("organisation page", organisation),
        ("news item", item),
    ]
    paths = django(
        "from members.models import Organisation as O; "
        "[print(o.get_absolute_url()) for o in O.objects.all()]"
    )
    paths = [path for path in paths if path.startswith("/members/")]
    random.Random(2017).shuffle(paths)
    folder = Path(tempfile.mkdtemp(prefix="cicopa-bench-caches-"))
    results = {name: measure(name, url, pages, paths, folder) for name, url in CACHES.items()}
    write(results, [page for page, _ in pages])
    os.environ["REDIS_URL"] = CACHES["Redis"]


def write(results, pages):
    database, redis = results.values()
    rows = []
    for page in pages:
        for kind in ("kept", "304"):
            d, r = database[page][kind], redis[page][kind]
            rows.append(
                f"| {page}, {kind} | {d['rps']:,.0f} | {d['p50']:.1f} | {r['rps']:,.0f} | "
                f"{r['p50']:.1f} | {d['rps'] / r['rps']:.2f} | {d['errors'] + r['errors']} |"
            )
    d, r = database["first visits"], redis["first visits"]
    rows.append(
        f"| organisation pages, first visits (1 connection) | {d['rps']:,.0f} | {d['p50']:.1f} | "
        f"{r['rps']:,.0f} | {r['p50']:.1f} | {d['rps'] / r['rps']:.2f} | "
        f"{d['errors'] + r['errors']} |"
    )
    section = f"""{HEADING}

`bench/caches.py` (`make bench`, or `bench/run caches` alone) on {datetime.date.today()}, on the
data above: the same pages direct to gunicorn ({CONNECTIONS} connections, {SECONDS} s a measure;
first visits at 1), with production's default cache, a table in the site's PostgreSQL, then with
Redis (`REDIS_URL`). Through the front (above) a kept page never reaches either.

| page | table req/s | table p50 ms | Redis req/s | Redis p50 ms | table / Redis | errors |
| --- | ---: | ---: | ---: | ---: | ---: | ---: |
{chr(10).join(rows)}
"""
    text = RESULTS.read_text() if RESULTS.exists() else "# Benchmark results\n\n"
    text = re.split(rf"\n{re.escape(HEADING)}\n", text)[0].rstrip("\n") + "\n\n" + section
    RESULTS.write_text(text)


if __name__ == "__main__":
    main()
