"""What search engines and social networks read of a page: its breadcrumb as HTML and as
schema.org data (JSON-LD), the organisation itself, and `{% capture %}`, so that a page's title
and description, written once in their blocks, serve <title>, the description and the
sharing cards alike."""

import json

from django import template
from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

register = template.Library()

# As django.utils.html.json_script escapes: nothing in the data can close the <script>.
JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld(data):
    text = json.dumps({"@context": "https://schema.org", **data}, ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>', mark_safe(text.translate(JSON_ESCAPES))
    )


def origin(request):
    return f"{request.scheme}://{request.get_host()}"


def organization(request):
    """CICOPA as schema.org has it: only what the site itself states (its footer)."""
    data = {
        "@type": "Organization",
        "name": "CICOPA",
        "alternateName": gettext(
            "International Organisation of Industrial and Service Cooperatives"
        ),
        "url": origin(request) + reverse("home"),
        "logo": origin(request) + static("icons/icon-512.png"),
        "address": {
            "@type": "PostalAddress",
            "streetAddress": "c/o European Cooperative House, avenue Milcamps 105",
            "postalCode": "1030",
            "addressLocality": "Brussels",
            "addressCountry": "BE",
        },
        "telephone": "+32 2 543 1033",
        "faxNumber": "+32 2 543 1037",
    }
    if settings.CONTACT_EMAIL:
        data["email"] = settings.CONTACT_EMAIL
    return data


class CaptureNode(template.Node):
    def __init__(self, nodelist, name):
        self.nodelist, self.name = nodelist, name

    def render(self, context):
        # Rendered (and so escaped) once; one line, for attributes.
        context[self.name] = mark_safe(" ".join(self.nodelist.render(context).split()))
        return ""


@register.tag
def capture(parser, token):
    """{% capture as name %}…{% endcapture %}: what is inside, rendered, as `name`."""
    bits = token.split_contents()
    if len(bits) != 3 or bits[1] != "as":
        raise template.TemplateSyntaxError("Use {% capture as name %}…{% endcapture %}.")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[2])


@register.simple_tag(takes_context=True)
def organization_ld(context):
    return json_ld(organization(context["request"]))


@register.simple_tag(takes_context=True)
def breadcrumb(context, *trail):
    """{% breadcrumb name url name url … %}: the way back to this page, shown and as a
    schema.org BreadcrumbList (from the home page)."""
    steps = list(zip(trail[::2], trail[1::2], strict=True))
    shown = format_html(
        '<p class="breadcrumb">{}</p>',
        mark_safe(" › ".join(format_html('<a href="{}">{}</a>', url, name) for name, url in steps)),
    )
    base = origin(context["request"])
    items = [("CICOPA", reverse("home")), *steps]
    data = {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": str(name), "item": base + str(url)}
            for n, (name, url) in enumerate(items, start=1)
        ],
    }
    return shown + json_ld(data)
