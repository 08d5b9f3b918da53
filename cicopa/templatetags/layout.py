"""{% unchanging %}: the parts of the layout that only the code and the language decide.

The header, the footer and the head's links are the same on every page in a language: their
eight {% url %}, two {% static %} and fourteen {% translate %} took about a quarter of a small
page's time. Rendered once per process for each language (and each value named after the
tag), then reused. Nothing inside may depend on the request, the page or the data: a deploy,
which restarts the processes, is the only thing that changes them."""

import weakref

from django import template
from django.core.signals import setting_changed
from django.template.loader_tags import BlockNode
from django.urls import get_script_prefix, get_urlconf
from django.utils.translation import get_language

register = template.Library()

_nodes = weakref.WeakSet()


class UnchangingNode(template.Node):
    def __init__(self, nodelist, varying):
        self.nodelist, self.varying = nodelist, varying
        self.rendered = {}
        _nodes.add(self)

    def render(self, context):
        key = (
            get_language(),
            get_script_prefix(),
            get_urlconf(),
            *(value.resolve(context) for value in self.varying),
        )
        try:
            return self.rendered[key]
        except KeyError:
            html = self.rendered[key] = self.nodelist.render(context)
            return html


@register.tag
def unchanging(parser, token):
    """{% unchanging [value ...] %}...{% endunchanging %}"""
    varying = [parser.compile_filter(bit) for bit in token.split_contents()[1:]]
    nodelist = parser.parse(("endunchanging",))
    parser.delete_first_token()
    if nodelist.get_nodes_by_type(BlockNode):
        raise template.TemplateSyntaxError("{% unchanging %} cannot hold a {% block %}.")
    return UnchangingNode(nodelist, varying)


def forget(**kwargs):
    """Tests that change a setting (static files, languages, URLs) start afresh."""
    for node in list(_nodes):
        node.rendered.clear()


setting_changed.connect(forget, dispatch_uid="layout-forget")
