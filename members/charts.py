"""Bar charts as inline SVG, drawn on the server: no script, no outside library. A table of the
same figures always goes with one, for screen readers and print."""

from django.utils.html import format_html, format_html_join
from django.utils.translation import ngettext

WIDTH, HEIGHT = 640, 220
LEFT, RIGHT, TOP, BOTTOM = 36, 8, 12, 28


def joined_per_year(rows, title):
    """`rows`: [(year, members)], years ascending. Every year from the first to the last gets a
    place on the axis, so gaps show as gaps."""
    if not rows:
        return ""
    counts = dict(rows)
    first, last = rows[0][0], rows[-1][0]
    years = range(first, last + 1)
    tallest = max(counts.values())
    step = (WIDTH - LEFT - RIGHT) / len(years)
    plot = HEIGHT - TOP - BOTTOM
    label_every = 1 if len(years) <= 12 else 5 if len(years) <= 60 else 10

    width = min(step * 0.8, 40)

    def bar(index, year):
        members = counts.get(year, 0)
        height = plot * members / tallest
        label = ngettext("%(year)s: %(count)s member", "%(year)s: %(count)s members", members)
        return (
            f"{LEFT + index * step + (step - width) / 2:.1f}",
            f"{TOP + plot - height:.1f}",
            f"{width:.1f}",
            f"{height:.1f}",
            label % {"year": year, "count": members},
        )

    bars = format_html_join(
        "",
        '<rect x="{}" y="{}" width="{}" height="{}"><title>{}</title></rect>',
        (bar(index, year) for index, year in enumerate(years) if counts.get(year)),
    )
    ticks = format_html_join(
        "",
        '<text x="{}" y="{}" text-anchor="middle">{}</text>',
        (
            (f"{LEFT + (index + 0.5) * step:.1f}", HEIGHT - 8, year)
            for index, year in enumerate(years)
            if year % label_every == 0 or year in (first, last)
        ),
    )
    return format_html(
        '<svg class="bar-chart" viewBox="0 0 {} {}" role="img" aria-labelledby="joined-title">'
        '<title id="joined-title">{}</title>'
        '<line class="axis" x1="{}" y1="{}" x2="{}" y2="{}"/>'
        '<text x="{}" y="{}" text-anchor="end">{}</text>'
        '<text x="{}" y="{}" text-anchor="end">0</text>'
        '<g class="bars">{}</g><g class="ticks">{}</g></svg>',
        WIDTH,
        HEIGHT,
        title,
        LEFT,
        TOP + plot,
        WIDTH - RIGHT,
        TOP + plot,
        LEFT - 6,
        TOP + 10,
        tallest,
        LEFT - 6,
        TOP + plot,
        bars,
        ticks,
    )
