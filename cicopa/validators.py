"""Validators shared by the apps' models."""

import re

from django.core.exceptions import ValidationError
from django.core.files.images import get_image_dimensions
from django.utils.translation import gettext_lazy as _

# C0 and C1 control characters (line breaks and tabs among them) and the Unicode line and
# paragraph separators: none belongs in a name or a title, and a line break in one would
# break a mail header built from it.
CONTROL_CHARACTERS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def single_line(value):
    """A name or a title: one line of text."""
    if CONTROL_CHARACTERS.search(value):
        raise ValidationError(
            _("One line of text only: no line break, tab or other control character."),
            code="control_characters",
        )


def one_line(text):
    """`text` as one line, for a mail header: control characters become spaces."""
    return " ".join(CONTROL_CHARACTERS.sub(" ", str(text)).split())


# Uploaded images: enough for a logo printed large, far from what could exhaust a server's
# memory once decoded (a 12,000 × 12,000 PNG of a few kilobytes decodes to 144 megapixels).
MAX_IMAGE_BYTES = 2 * 1024 * 1024
MAX_IMAGE_PIXELS = 4096 * 4096


def image_limits(file):
    """A picture as it arrives. The one already stored passed when it was uploaded: saving its
    record again (or restoring a version) never opens it, on the disk or in a bucket."""
    if getattr(file, "_committed", False):
        return
    if file.size > MAX_IMAGE_BYTES:
        raise ValidationError(
            _("An image may be %(megabytes)s MB at most."),
            code="image_too_large",
            params={"megabytes": MAX_IMAGE_BYTES // (1024 * 1024)},
        )
    width, height = get_image_dimensions(file)
    if width and height and width * height > MAX_IMAGE_PIXELS:
        raise ValidationError(
            _(
                "An image may have %(megapixels)s million pixels at most; "
                "this one has %(width)s × %(height)s."
            ),
            code="image_too_many_pixels",
            params={"megapixels": MAX_IMAGE_PIXELS // 1_000_000, "width": width, "height": height},
        )
