"""Pictures in a text's body (news items, the secretariat's pages). The editor's picture
button opens the picker (news.admin.PictureAdmin), which uploads through the same checks as a
lead image (cicopa.images, cicopa.validators.image_limits) and hands the editor the picture's
address and number (`data-file`). A body may show only pictures uploaded so; each is written
out with its widths (`srcset`), `width` and `height` and lazy loading, as lead images are."""

import re
from html import unescape
from html.parser import HTMLParser

from django.core.exceptions import ValidationError
from django.utils.translation import ngettext

from cicopa.templatetags.pictures import candidates, img

# The body column is 45rem at most, the page's width less its margins on a phone.
SIZES = "(min-width: 48rem) 45rem, calc(100vw - 2rem)"
# Of cicopa.images.WIDTHS, the one a body shows first: 960, the column at 1.33×.
BODY_WIDTH = 2

# An <img> as the sanitiser writes it (news.sanitise: html5ever's serialiser), each value in
# double quotes with any quote inside escaped.
IMG = re.compile(r'<img((?:\s+[\w-]+(?:="[^"]*")?)*)\s*/?>')
ATTRIBUTE = re.compile(r'([\w-]+)(?:="([^"]*)")?')


class _Images(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.found.append(dict(attrs))

    handle_startendtag = handle_starttag


def images_in(html):
    """[{attribute: value}] of each <img> in `html`, however it is written."""
    parser = _Images()
    parser.feed(html or "")
    parser.close()
    return parser.found


def picture_number(attributes):
    value = (attributes.get("data-file") or "").strip()
    return int(value) if value.isdecimal() and len(value) < 10 else None


def shown(found):
    """Of a picture's widths (cicopa.templatetags.pictures.candidates), the one a body shows."""
    return found[min(BODY_WIDTH, len(found) - 1)]


def uploaded_pictures_only(html):
    """A body's validator: every picture in it came through the picker, so it was checked."""
    from .models import Picture  # noqa: PLC0415 (the models use this module)

    found = images_in(html)
    numbers = {picture_number(attributes) for attributes in found} - {None}
    known = set(Picture.objects.filter(pk__in=numbers).values_list("pk", flat=True))
    strangers = [a.get("src") or "?" for a in found if picture_number(a) not in known]
    if strangers:
        raise ValidationError(
            ngettext(
                "A picture here was not uploaded with the editor's picture button (%(sources)s). "
                "Remove it, or insert the picture again with that button.",
                "%(count)s pictures here were not uploaded with the editor's picture button "
                "(%(sources)s). Remove them, or insert them again with that button.",
                len(strangers),
            )
            % {"count": len(strangers), "sources": ", ".join(strangers)},
            code="picture_not_uploaded",
        )


def with_picture_widths(html):
    """`html` (sanitised) with each uploaded picture in its widths, sized and lazy. One query
    for all of them; a picture not found is left as it is (the validator refuses it)."""
    from .models import Picture  # noqa: PLC0415

    tags = [(match, dict(ATTRIBUTE.findall(match.group(1)))) for match in IMG.finditer(html)]
    numbers = {picture_number(attributes) for _match, attributes in tags} - {None}
    if not numbers:
        return html
    pictures = Picture.objects.in_bulk(numbers)
    out, last = [], 0
    for match, attributes in tags:
        picture = pictures.get(picture_number(attributes))
        found = candidates(picture, "image") if picture else []
        if not found:
            continue
        alt = unescape(attributes.get("alt") or "") or picture.alt
        written = img(found, BODY_WIDTH, SIZES, alt, data_file=picture.pk)
        out += [html[last : match.start()], written]
        last = match.end()
    return "".join([*out, html[last:]])
