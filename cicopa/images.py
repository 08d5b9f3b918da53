"""Uploaded pictures (news items' lead images, members' logos): checked as they arrive (an
image by its content, within cicopa.validators.image_limits), kept without their metadata
(camera, place, author) and upright, and served in a few widths made when they are saved
(django-imagekit, WebP, transparency kept) with `srcset`, `width` and `height`.

The widths' addresses and sizes are worked out from the source's name and its stored width
and height, never by asking the storage: a list of 25 logos costs no query and no file
access (imagekit's Optimistic strategy: made when the source is saved, then assumed)."""

import io

from django.core.files.base import ContentFile
from django.db import models
from imagekit.models import ImageSpecField
from imagekit.processors import ResizeToFit
from PIL import Image, ImageOps

WIDTHS = (320, 640, 960, 1280)
FORMATS = {"JPEG": "JPEG", "MPO": "JPEG", "PNG": "PNG", "WEBP": "WEBP", "GIF": "GIF"}


def without_metadata(file):
    """The image in `file`, turned upright and saved again with nothing but its pixels."""
    file.seek(0)
    with Image.open(file) as image:
        kind = FORMATS.get(image.format, "PNG")
        upright = ImageOps.exif_transpose(image)
        if kind == "JPEG" and upright.mode not in ("RGB", "L"):
            upright = upright.convert("RGB")
        out = io.BytesIO()
        upright.save(out, kind, **({"quality": 90} if kind in ("JPEG", "WEBP") else {}))
    return ContentFile(out.getvalue(), name=getattr(file, "name", None))


class PictureField(models.ImageField):
    """An uploaded picture, saved without its metadata and upright; its width and height
    (width_field, height_field) are those of what is kept."""

    def pre_save(self, model_instance, add):
        file = getattr(model_instance, self.attname)
        if file and not file._committed:
            file.file = without_metadata(file.file)
            with Image.open(file.file) as kept:  # turned upright: its own width and height
                setattr(model_instance, self.width_field, kept.width)
                setattr(model_instance, self.height_field, kept.height)
            file.file.seek(0)
        return super().pre_save(model_instance, add)


def widths(source):
    """ImageSpecFields for `source` ("lead_image"): one a width, by WIDTHS, in WebP."""
    return {
        width: ImageSpecField(
            source=source,
            processors=[ResizeToFit(width=width, upscale=False)],
            format="WEBP",
            options={"quality": 80},
            cachefile_strategy="imagekit.cachefiles.strategies.Optimistic",
        )
        for width in WIDTHS
    }
