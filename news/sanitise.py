"""The one allow-list for news bodies: what the editor can make, and nothing that runs."""

import nh3

TAGS = {
    "p",
    "h2",
    "h3",
    "h4",
    "strong",
    "em",
    "a",
    "ul",
    "ol",
    "li",
    "blockquote",
    "br",
    "hr",
    "img",
}
ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "width", "height"}, "ol": {"start"}}

_cleaner = nh3.Cleaner(
    tags=TAGS,
    attributes=ATTRIBUTES,
    url_schemes={"http", "https", "mailto"},
    link_rel="noopener noreferrer",
    strip_comments=True,
)


def sanitise_html(html):
    """Strip scripts, event handlers, styles and unsafe URLs; close what was left open."""
    return _cleaner.clean(html or "")
