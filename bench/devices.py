"""The devices README's Performance section keeps, each measured on and off: the figures that
keep them. A device stays only while it saves more than 10 % on the page it serves.

On PostgreSQL with `manage.py generate_data` (10,000 members in 249 countries), e.g. the data
`make bench` loads, with the production settings and their environment:
    .venv/bin/python manage.py shell < bench/devices.py
Each measure is the median of 40 renderings: the shared figures kept, the page not."""

import statistics
import time

from django.conf import settings
from django.core.paginator import Paginator
from django.test import Client

from members.views import OrganisationListView

settings.ALLOWED_HOSTS = ["*"]
settings.PAGE_CACHE = True
client = Client()


def rendering_ms(path, times=40):
    client.get(path)  # the shared figures kept (and the filter form, where it is)
    settings.PAGE_CACHE = False  # the page itself rendered each time
    timings = []
    for _ in range(times):
        start = time.perf_counter()
        client.get(path)
        timings.append((time.perf_counter() - start) * 1000)
    settings.PAGE_CACHE = True
    return statistics.median(timings)


def filters_not_kept(view, **kwargs):
    context = with_filters_kept(view, **kwargs)
    context["filters_key"] = None
    return context


with_filters_kept = OrganisationListView.get_context_data


def filters(on):
    OrganisationListView.get_context_data = with_filters_kept if on else filters_not_kept


def paginator(on):
    OrganisationListView.paginator_class = KeysFirst if on else Paginator


KeysFirst = OrganisationListView.paginator_class
devices = [
    ("the filter form kept", filters, ["/members/?page=2", "/es/members/?region=americas&page=3"]),
    ("keys first", paginator, ["/members/?page=2", "/members/?page=200", "/fr/members/?page=380"]),
]
for name, switch, paths in devices:
    for path in paths:
        switch(False)
        without = rendering_ms(path)
        switch(True)
        with_it = rendering_ms(path)
        saved = 1 - with_it / without
        print(f"{name} | {path} | {with_it:.1f} ms | {without:.1f} ms | {saved:.0%}")
