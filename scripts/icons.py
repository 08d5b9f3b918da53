"""Draw the site's raster icons from its mark (static/icons/favicon.svg: a cooperative-red
square, a warm-white "C"): the touch icon, the manifest's icons, and the card that social
networks show for a shared page. The results are committed; run again after changing the
mark: .venv/bin/python scripts/icons.py"""

import math
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ICONS = Path(__file__).resolve().parents[1] / "static" / "icons"
RED, WHITE, INK, TINT = "#a3201c", "#fdfcfa", "#1f2328", "#f5efe8"


def mark(size):
    """The mark at `size` pixels, drawn four times larger and scaled down for smooth edges."""
    big = size * 4
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, big - 1, big - 1), radius=big * 6 // 32, fill=RED)
    # favicon.svg's arc: centre (16, 16), radius 8, stroke 4 (PIL draws a width inwards from
    # its box: radius 10 to 6), open on the right.
    unit = big / 32
    box = [unit * 6, unit * 6, unit * 26, unit * 26]
    draw.arc(box, start=46, end=314, fill=WHITE, width=round(unit * 4))
    for angle in (46, 314):  # round ends, as stroke-linecap="round"
        x = unit * 16 + unit * 8 * math.cos(math.radians(angle))
        y = unit * 16 + unit * 8 * math.sin(math.radians(angle))
        r = unit * 2
        draw.ellipse((x - r, y - r, x + r, y + r), fill=WHITE)
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
    mark(180).save(ICONS / "apple-touch-icon.png", optimize=True)
    for size in (192, 512):
        mark(size).save(ICONS / f"icon-{size}.png", optimize=True)
    card().save(ICONS / "card.png", optimize=True)
