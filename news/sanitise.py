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
    "figure",
    "figcaption",
}
# A picture's widths, size and lazy loading are written by news.pictures from the picture
# uploaded (data-file), never taken from what was typed.
PICTURE = {"src", "alt", "width", "height", "srcset", "sizes", "loading", "decoding", "data-file"}
ATTRIBUTES = {"a": {"href", "title"}, "img": PICTURE, "ol": {"start"}}

_cleaner = nh3.Cleaner(
    tags=TAGS,
    attributes=ATTRIBUTES,
    url_schemes={"http", "https", "mailto"},
    link_rel="noopener noreferrer",
    allowed_classes={"figure": {"figure"}, "figcaption": {"figure-caption"}},
    strip_comments=True,
)


def sanitise_html(html):
    """Strip scripts, event handlers, styles and unsafe URLs; close what was left open."""
    return _cleaner.clean(html or "")
