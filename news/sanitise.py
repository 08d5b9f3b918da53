"""The one allow-list for news bodies: what the editor can make, and nothing that runs."""

import nh3

from cicopa.memo import remembered

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


# Remembered by the text: the feeds clean the same twenty bodies for every reader whose copy
# is out of date, and a body that changes is a new text.
@remembered(maxsize=512)
def sanitise_html(html):
    """Strip scripts, event handlers, styles and unsafe URLs; close what was left open."""
    return _cleaner.clean(html or "")
