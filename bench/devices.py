"""The devices README's Performance section keeps, each measured on and off: the figures that
keep them. A device stays only while it saves more than 10 % on the page it serves.

On PostgreSQL with `manage.py generate_data` (10,000 members in 249 countries), e.g. the data
`make bench` loads, with the production settings and their environment:
    .venv/bin/python manage.py shell < bench/devices.py
Each measure is the median of 40 renderings, with and without in turn: the shared figures
kept, the page not."""

import statistics
import time

from django.conf import settings
from django.core.paginator import Paginator
from django.test import Client

from members.views import OrganisationListView, RegionView

settings.ALLOWED_HOSTS = ["*"]
settings.PAGE_CACHE = True
client = Client()


def rendering_ms(path, switch, times=40):
    """Median milliseconds to render `path` with the device off and on, taken in turn so that
    the machine's drift falls on both alike."""
    for on in (False, True):
        switch(on)
        client.get(path)  # the shared figures kept (and the fragment, where it is)
    settings.PAGE_CACHE = False  # the page itself rendered each time
    timings = {False: [], True: []}
    for _ in range(times):
        for on in (False, True):
            switch(on)
            start = time.perf_counter()
            client.get(path)
            timings[on].append((time.perf_counter() - start) * 1000)
    settings.PAGE_CACHE = True
    return statistics.median(timings[False]), statistics.median(timings[True])


def filters_not_kept(view, **kwargs):
    context = with_filters_kept(view, **kwargs)
    context["filters_key"] = None
    return context


with_filters_kept = OrganisationListView.get_context_data


def aside_not_kept(view, **kwargs):
    context = with_aside_kept(view, **kwargs)
    context["aside_key"] = f"{time.perf_counter_ns()}"  # a new key each time: rendered afresh
    return context


with_aside_kept = RegionView.get_context_data


def filters(on):
    OrganisationListView.get_context_data = with_filters_kept if on else filters_not_kept


def aside(on):
    RegionView.get_context_data = with_aside_kept if on else aside_not_kept


def paginator(on):
    OrganisationListView.paginator_class = KeysFirst if on else Paginator


KeysFirst = OrganisationListView.paginator_class
devices = [
    ("the filter form kept", filters, ["/members/?page=2", "/es/members/?region=americas&page=3"]),
    (
        "the region's aside kept",
        aside,
        ["/members/regions/americas/?page=2", "/fr/members/regions/europe/"],
    ),
    ("keys first", paginator, ["/members/?page=60", "/members/?page=200", "/fr/members/?page=380"]),
]
for name, switch, paths in devices:
    for path in paths:
        without, with_it = rendering_ms(path, switch)
        saved = 1 - with_it / without
        print(f"{name} | {path} | {with_it:.1f} ms | {without:.1f} ms | {saved:.0%}")
