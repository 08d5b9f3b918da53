"""The world map of member countries: inline SVG drawn on the server from Natural Earth's
country shapes (static/map/world-110m.json, made by `make world-map`). No script, no tiles:
each member country is a link to the directory narrowed to it, named for screen readers."""

import json
import re
from functools import cache

from django.conf import settings
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_countries import countries

from cicopa.pagecache import fragment

SHAPES = settings.BASE_DIR / "static" / "map" / "world-110m.json"

# Shades by number of current members: the lowest count of each, darker with more.
SHADES = [1, 2, 5, 20]


# Path data is moves, steps and closes: nothing in it needs escaping, which makes drawing the
# map several times cheaper (it was 7 ms a map with a link in every country).
PATH_DATA = re.compile(r"[Mlz0-9 -]*")


@cache
def shapes():
    """(viewBox, [(ISO alpha-2 code or "", SVG path data)]), read once a process."""
    data = json.loads(SHAPES.read_text())
    drawn = [
        (countries.alpha2(int(shape["numeric"])) if shape["numeric"] else "", shape["d"])
        for shape in data["countries"]
    ]
    if not all(PATH_DATA.fullmatch(path) for _code, path in drawn):
        raise ValueError(f"{SHAPES} holds more than SVG path data: rebuild it")
    return data["viewBox"], drawn


def shade(members):
    return sum(members >= lowest for lowest in SHADES)


def members_label(name, members):
    return ngettext("%(country)s: %(count)s member", "%(country)s: %(count)s members", members) % {
        "country": name,
        "count": members,
    }


def legend():
    """[(shade, label)] for the key under the map."""
    bounds = [*SHADES, None]
    labels = []
    for index, lowest in enumerate(SHADES):
        highest = bounds[index + 1] - 1 if bounds[index + 1] else None
        if highest == lowest:
            text = ngettext("%(count)s member", "%(count)s members", lowest) % {"count": lowest}
        elif highest is None:
            text = _("%(count)s or more members") % {"count": lowest}
        else:
            text = _("%(low)s–%(high)s members") % {"low": lowest, "high": highest}
        labels.append((index + 1, text))
    return labels


def world_map(by_country):
    """{"svg": the map's markup, "unmapped": [(name, members)] of member countries too small to
    draw at this scale}: cached, in each language, until the members change. `by_country`:
    network.members_by_country(), which the page has read already."""

    def compute():
        directory = reverse("members:organisation-list")
        members = {code: (name, count) for _, code, name, _, count in by_country}
        view_box, drawn = shapes()
        land = " ".join(path for code, path in drawn if code not in members)
        links = mark_safe(  # noqa: S308 (path data checked in shapes(), the rest escaped)
            "".join(
                f'<a href="{escape(directory)}?country={escape(code)}" aria-label="{label}">'
                f'<path class="shade-{shade(members[code][1])}" d="{path}">'
                f"<title>{label}</title></path></a>"
                for code, path in drawn
                if code in members
                for label in [escape(members_label(*members[code]))]
            )
        )
        svg = format_html(
            '<svg class="world-map" viewBox="{}" aria-labelledby="world-map-title">'
            '<title id="world-map-title">{}</title>'
            '<path class="land" d="{}" aria-hidden="true"/><g class="members">{}</g></svg>',
            view_box,
            _("Countries with CICOPA members"),
            mark_safe(land),  # noqa: S308 (checked in shapes())
            links,
        )
        mapped = {code for code, _path in drawn}
        unmapped = [(name, count) for code, (name, count) in members.items() if code not in mapped]
        return {"svg": svg, "unmapped": unmapped}

    return fragment("world-map", compute)
