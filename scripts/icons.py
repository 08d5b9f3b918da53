"""Draw the site's mark and everything made from it. The mark: a ring of cooperatives, open
on the right, and a member closing it ("The CICOPA network is growing!"): a "C" for CICOPA
that reads at 16 pixels. It is written here once and drawn as

- static/icons/logo.svg: warm white on a cooperative-red square, for any background;
- static/icons/logo-mono.svg: the ring and the member alone in one colour (`currentColor`,
  black where that means nothing), for print, stamps and the header, where
  templates/includes/mark.html holds the same drawing inline;
- static/icons/favicon.svg (= logo.svg), favicon.ico (16, 32, 48), the touch icon, the
  manifest's icons, and the card that social networks show for a shared page.

The results are committed; run again after changing the mark: .venv/bin/python scripts/icons.py
"""

import math
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parents[1]
ICONS = ROOT / "static" / "icons"
RED, WHITE, INK, TINT = "#a3201c", "#fdfcfa", "#1f2328", "#f5efe8"

# On a 32-unit grid: the ring's centre, radius and stroke; where it opens (degrees either
# side of "east"); the member's centre and radius, on the ring, in the opening.
CENTRE, RADIUS, STROKE, OPENING = 16, 8, 4, 55
MEMBER = (24, 16, 2.4)
CORNER = 6  # the square's rounded corners


def ring_ends():
    """The ring's two ends (upper, lower), on the 32-unit grid."""
    dx = RADIUS * math.cos(math.radians(OPENING))
    dy = RADIUS * math.sin(math.radians(OPENING))
    return (CENTRE + dx, CENTRE - dy), (CENTRE + dx, CENTRE + dy)


def drawing(colour):
    """The ring and the member as SVG elements, in `colour`."""
    (x1, y1), (x2, y2) = ring_ends()
    cx, cy, r = MEMBER
    return (
        f'<path d="M{x1:.2f} {y1:.2f}A{RADIUS} {RADIUS} 0 1 0 {x2:.2f} {y2:.2f}" fill="none" '
        f'stroke="{colour}" stroke-width="{STROKE}" stroke-linecap="round"/>'
        f'<circle cx="{cx}" cy="{cy}" r="{r}" fill="{colour}"/>'
    )


def svg(body, title="CICOPA"):
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32" role="img">'
        f"<title>{title}</title>{body}</svg>\n"
    )


def logo_svg():
    return svg(f'<rect width="32" height="32" rx="{CORNER}" fill="{RED}"/>{drawing(WHITE)}')


def mono_svg():
    # currentColor where the SVG is inline or used as a mask; black as a file on its own.
    return svg(f'<g color="#000">{drawing("currentColor")}</g>')


def inline_mark():
    """templates/includes/mark.html: the mark in the header's text colour, hidden from
    screen readers (the link beside it says CICOPA)."""
    return (
        '<svg class="site-mark" viewBox="0 0 32 32" width="40" height="40" aria-hidden="true" '
        f'focusable="false">{drawing("currentColor")}</svg>'
    )


def mark(size):
    """The mark at `size` pixels, drawn four times larger and scaled down for smooth edges."""
    big = size * 4
    unit = big / 32
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, big - 1, big - 1), radius=unit * CORNER, fill=RED)
    # PIL draws a width inwards from its box: the box's radius is the ring's plus half a stroke.
    outer = RADIUS + STROKE / 2
    box = [unit * (CENTRE - outer), unit * (CENTRE - outer)]
    box += [unit * (CENTRE + outer), unit * (CENTRE + outer)]
    draw.arc(box, start=OPENING, end=360 - OPENING, fill=WHITE, width=round(unit * STROKE))
    dots = [(*end, STROKE / 2) for end in ring_ends()] + [MEMBER]  # round ends, and the member
    for x, y, r in dots:
        draw.ellipse(((x - r) * unit, (y - r) * unit, (x + r) * unit, (y + r) * unit), fill=WHITE)
    return image.resize((size, size), Image.LANCZOS)


def card():
    """1200 × 630, the size Open Graph and Twitter cards use."""
    image = Image.new("RGB", (1200, 630), TINT)
    image.paste(mark(280), (110, 175), mark(280))
    draw = ImageDraw.Draw(image)
    draw.text((450, 210), "CICOPA", font=ImageFont.load_default(size=120), fill=INK)
    tagline = "International Organisation of\nIndustrial and Service Cooperatives"
    draw.multiline_text(
        (455, 350), tagline, font=ImageFont.load_default(size=38), fill=INK, spacing=12
    )
    draw.rectangle((0, 600, 1200, 630), fill=RED)
    return image


if __name__ == "__main__":
    (ICONS / "logo.svg").write_text(logo_svg())
    (ICONS / "favicon.svg").write_text(logo_svg())
    (ICONS / "logo-mono.svg").write_text(mono_svg())
    (ROOT / "templates" / "includes" / "mark.html").write_text(inline_mark() + "\n")
    mark(48).save(ICONS / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])
    mark(180).save(ICONS / "apple-touch-icon.png", optimize=True)
    for size in (192, 512):
        mark(size).save(ICONS / f"icon-{size}.png", optimize=True)
    card().save(ICONS / "card.png", optimize=True)
