"""{% picture obj "lead_image" alt sizes %}: an uploaded picture in every width it was made in
(cicopa.images), with the width and height of the one shown, so that nothing moves as it
loads; lazy unless told it is at the top of the page."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from cicopa.images import WIDTHS

register = template.Library()


def candidates(obj, field):
    """[(url, width, height)] of the picture's widths, narrowest first, none twice: a
    picture narrower than a width is kept at its own."""
    width, height = getattr(obj, f"{field}_width"), getattr(obj, f"{field}_height")
    if not (getattr(obj, field) and width and height):
        return []
    found = []
    for target in WIDTHS:
        shown = min(target, width)
        if found and found[-1][1] == shown:
            break
        found.append((getattr(obj, f"{field}_{target}").url, shown, round(height * shown / width)))
    return found


def img(found, shown, sizes, alt, *, lazy=True, css_class="", data_file=None):
    """The <img> of a picture's widths (candidates()), showing the `shown`-th (or the widest
    there is) with its width and height."""
    url, width, height = found[min(shown, len(found) - 1)]
    return format_html(
        '<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}"{}{}{} '
        'decoding="async">',
        url,
        ", ".join(f"{u} {w}w" for u, w, _ in found),
        sizes,
        width,
        height,
        alt,
        format_html(' class="{}"', css_class) if css_class else "",
        mark_safe(' loading="lazy"') if lazy else "",
        format_html(' data-file="{}"', data_file) if data_file else "",
    )


@register.simple_tag
def picture(obj, field, alt, sizes, lazy=True, css_class=""):
    found = candidates(obj, field)
    if not found:
        image = getattr(obj, field)
        if not image:
            return ""
        # Uploaded before its widths were kept (re-save it, or `manage.py generateimages`).
        return format_html(
            '<img src="{}" alt="{}" class="{}" loading="lazy">', image.url, alt, css_class
        )
    return img(found, 1, sizes, alt, lazy=lazy, css_class=css_class)


def absolute(request, url):
    return url if url.startswith(("https://", "http://")) else request.build_absolute_uri(url)


@register.simple_tag(takes_context=True)
def largest_picture_url(context, obj, field):
    """The widest width's absolute address, for sharing cards ("" if none)."""
    found = candidates(obj, field)
    return absolute(context["request"], found[-1][0]) if found else ""
