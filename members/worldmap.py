"""The world map of member countries: inline SVG drawn on the server from Natural Earth's
country shapes (static/map/world-110m.json, made by `make world-map`). No script, no tiles:
each member country is a link to the directory narrowed to it, named for screen readers."""

import json
import re
from bisect import bisect_right
from functools import cache
from html import escape

from django.conf import settings
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_countries import countries

from cicopa.pagecache import cached

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
    """1 to 4: how many of SHADES' lowest counts `members` reaches."""
    return bisect_right(SHADES, members)


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
    """{"svg": the map's markup, "rows": the same figures as table rows, "unmapped": "name
    (members), ..." for the member countries too small to draw at this scale}: cached, in each
    language, until the members change. `by_country`: network.members_by_country(), which the
    page has read already. Written with the standard library's escape, and each count's wording
    looked up once, not once a country: it is drawn with up to 249 countries."""

    def compute():
        directory = escape(reverse("members:organisation-list"))
        # Each name escaped once, for its label and its row; each wording once a count. A
        # wording's placeholders hold nothing escape() changes, so escaping it before it is
        # filled in gives the same text as escaping the label.
        names = {country.code: (escape(country.name), country.members) for country in by_country}
        wordings = {}

        def label(name, count):
            if count not in wordings:
                wordings[count] = escape(
                    ngettext(
                        "%(country)s: %(count)s member", "%(country)s: %(count)s members", count
                    )
                )
            return wordings[count] % {"country": name, "count": count}

        view_box, drawn = shapes()
        land = " ".join(path for code, path in drawn if code not in names)
        # The codes are those of the shapes (django-countries' ISO codes): nothing to escape.
        links = "".join(
            f'<a href="{directory}?country={code}" aria-label="{text}">'
            f'<path class="shade-{shade(names[code][1])}" d="{path}">'
            f"<title>{text}</title></path></a>"
            for code, path in drawn
            if code in names
            for text in [label(*names[code])]
        )
        title = _("Countries with CICOPA members")  # outside the f-string: makemessages finds it
        svg = (
            f'<svg class="world-map" viewBox="{escape(view_box)}" '
            'aria-labelledby="world-map-title">'
            f'<title id="world-map-title">{escape(title)}</title>'
            f'<path class="land" d="{land}" aria-hidden="true"/><g class="members">{links}</g>'
            "</svg>"
        )
        rows = "".join(
            f'<tr><th scope="row">{name}</th><td class="number">{count}</td></tr>'
            for name, count in names.values()
        )
        mapped = {code for code, _path in drawn}
        return {
            # path data checked in shapes(), every other value escaped above
            "svg": mark_safe(svg),  # noqa: S308
            "rows": mark_safe(rows),  # noqa: S308
            "unmapped": ", ".join(
                f"{country.name} ({country.members})"
                for country in by_country
                if country.code not in mapped
            ),
        }

    return cached("members:world-map", compute)
