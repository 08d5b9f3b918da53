"""The directory rendered with its own <select> template against Django's (an include per
option): the one device README's Performance section keeps, and the figure that keeps it.

On a database with `manage.py generate_data` (10,000 members in 249 countries), test settings:
    DJANGO_SETTINGS_MODULE=cicopa.settings.test .venv/bin/python manage.py shell \\
        < bench/directory_select.py
Each measure is the median of 40 renderings, the figures kept, the page not."""

import statistics
import time

from django.conf import settings
from django.test import Client

from members.filters import ListSelect

settings.ALLOWED_HOSTS = ["*"]
settings.PAGE_CACHE = True
client = Client()


def rendering_ms(path, times=40):
    client.get(path)  # the shared figures kept
    settings.PAGE_CACHE = False  # the page itself rendered each time; the figures stay kept
    timings = []
    for _ in range(times):
        start = time.perf_counter()
        client.get(path)
        timings.append((time.perf_counter() - start) * 1000)
    settings.PAGE_CACHE = True
    return statistics.median(timings)


for path in ["/members/", "/es/members/?region=americas"]:
    ListSelect.template_name = "members/widgets/select.html"
    own = rendering_ms(path)
    ListSelect.template_name = "django/forms/widgets/select.html"
    django = rendering_ms(path)
    print(
        f"{path}: own template {own:.1f} ms, Django's {django:.1f} ms, {1 - own / django:.0%} less"
    )
