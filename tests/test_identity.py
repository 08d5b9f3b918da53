"""The site's identity (#22): a mark of the project's own making, in colour and in one colour,
legible at 16 pixels, beside the wordmark in every page's header; one type scale; a home page
that leads with the network's reach and the latest news with their pictures; and one name
for the organisation in the three languages."""

import datetime
import re
import sys
from pathlib import Path
from xml.etree import ElementTree

import polib
import pytest
from PIL import Image

from tests.factories import NewsItemFactory, OrganisationFactory
from tests.test_pictures import photo

ROOT = Path(__file__).resolve().parents[1]
ICONS = ROOT / "static" / "icons"
sys.path.insert(0, str(ROOT / "scripts"))
import icons  # noqa: E402  (scripts/icons.py: the mark, written once)

SVG = "{http://www.w3.org/2000/svg}"


def colours(svg_text):
    """Every fill and stroke an SVG paints with."""
    tree = ElementTree.fromstring(svg_text)
    found = set()
    for element in tree.iter():
        for attribute in ("fill", "stroke"):
            if element.get(attribute) not in (None, "none"):
                found.add(element.get(attribute))
    return tree, found


def test_the_committed_mark_is_what_the_script_draws():
    assert (ICONS / "logo.svg").read_text() == icons.logo_svg()
    assert (ICONS / "favicon.svg").read_text() == icons.logo_svg()
    assert (ICONS / "logo-mono.svg").read_text() == icons.mono_svg()
    inline = (ROOT / "templates" / "includes" / "mark.html").read_text()
    assert inline == icons.inline_mark() + "\n"
    for name, size in (("apple-touch-icon.png", 180), ("icon-192.png", 192), ("icon-512.png", 512)):
        with Image.open(ICONS / name) as committed:
            drawn = icons.mark(size)
            assert committed.size == drawn.size
            assert committed.convert("RGBA").tobytes() == drawn.tobytes(), name


def test_the_logo_works_in_one_colour():
    tree, painted = colours(icons.mono_svg())
    assert tree.get("viewBox") == "0 0 32 32"
    assert painted == {"currentColor"}
    _, in_colour = colours(icons.logo_svg())
    assert in_colour == {icons.RED, icons.WHITE}
    # The header's mark is the one-colour drawing, in the header's text colour.
    _, inline = colours(icons.inline_mark())
    assert inline == {"currentColor"}


def test_the_mark_reads_at_16_pixels():
    """At 16 px (2 units a pixel) the ring, its hollow, the opening and the member closing it
    are each their own pixels."""
    with Image.open(ICONS / "favicon.ico") as ico:
        assert (16, 16) in ico.info["sizes"]
        ico.size = (16, 16)
        small = ico.convert("RGB")

    def light(x, y):
        return sum(small.getpixel((x, y))) > 600

    assert light(3, 8)  # the ring, on the left
    assert not light(8, 8)  # its hollow
    assert light(12, 8)  # the member, on the right
    assert not light(11, 5) and not light(11, 10)  # the opening either side of the member
    assert not light(0, 0)  # the square's red


@pytest.mark.django_db
@pytest.mark.parametrize("prefix", ["", "/fr", "/es"])
@pytest.mark.parametrize("path", ["/", "/members/", "/news/", "/about/", "/search/?q=cooperative"])
def test_every_page_has_the_mark_beside_the_name(client, prefix, path):
    html = client.get(f"{prefix}{path}").content.decode()
    header = html.split('<header class="site-header">')[1].split("</header>")[0]
    link = header.split('class="site-name"')[1].split("</a>")[0]
    assert '<svg class="site-mark"' in link and 'aria-hidden="true"' in link
    assert '<span class="wordmark">CICOPA <span>' in link
    assert re.search(r"<title>[^<]* · CICOPA</title>", html)
    assert "<strong>CICOPA</strong> — " in html.split('<footer class="site-footer">')[1]


def test_one_type_scale():
    css = (ROOT / "static" / "css" / "site.css").read_text()
    sizes = set(re.findall(r"font-size:\s*([^;]+);", css))
    steps = {size for size in sizes if size.startswith(("var(--step-", "clamp(var(--step-"))}
    # Besides the steps, only the bar chart's labels, in the chart's own units.
    assert sizes - steps == {"11px", "20px"}, sizes - steps
    assert re.search(r"--step-1: 1\.2rem;", css) and re.search(r"--step-2: 1\.44rem;", css)


@pytest.mark.django_db
def test_the_home_page_leads_with_the_reach_then_the_news_with_pictures(
    client, country, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    for code in ("BO", "BO", "VN", "BE"):
        OrganisationFactory(country=country(code))
    with_picture = NewsItemFactory(
        title="Assembly in Brussels",
        published_at=datetime.datetime(2021, 6, 1, 10, tzinfo=datetime.UTC),
    )
    with_picture.lead_image = photo(1200, 800)
    with_picture.lead_image_alt_en = "Delegates at the assembly"
    with_picture.save()
    NewsItemFactory(
        title="Older news without a picture",
        published_at=datetime.datetime(2019, 1, 1, 10, tzinfo=datetime.UTC),
    )
    html = client.get("/").content.decode()
    main = html.split('<main id="main"')[1]
    assert main.index('class="reach"') < main.index('class="latest"')
    figures = re.findall(r"<li><strong>(\d+)</strong> ([a-z ]+)</li>", main)
    assert figures == [("4", "member organisations"), ("3", "countries"), ("3", "regions")]
    cards = main.split('class="news-cards"')[1].split("</div>")[0]
    assert cards.index("Assembly in Brussels") < cards.index("Older news without a picture")
    (img,) = re.findall(r"<img [^>]+>", cards)
    assert 'class="card-picture"' in img and 'alt="Delegates at the assembly"' in img
    assert 'loading="lazy"' in img and "1200w" in img and 'width="640" height="427"' in img


@pytest.mark.parametrize("language", ["fr", "es"])
def test_the_organisation_has_one_name_in_each_language(language):
    """CICOPA, as in English, never "la CICOPA" beside "de CICOPA"; its long name always
    translated the same."""
    catalogue = polib.pofile(ROOT / "locale" / language / "LC_MESSAGES" / "django.po")
    long_name = catalogue.find("International Organisation of Industrial and Service Cooperatives")
    assert long_name and long_name.msgstr
    for entry in catalogue:
        for text in [entry.msgstr, *entry.msgstr_plural.values()]:
            assert not re.search(r"\b(la|le|el|del|l’|l')\s*CICOPA", text, re.I), text
        if "International Organisation of Industrial and Service" in " ".join(entry.msgid.split()):
            assert long_name.msgstr.lower() in " ".join(entry.msgstr.split()).lower(), entry.msgid
