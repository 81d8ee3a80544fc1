"""``{% url %}`` answered through :func:`organogram.site.reversing.fast_reverse`.

A template that loads this library (``{% load links %}``) gets a ``{% url %}`` that
writes the same addresses as Django's, in a tenth of the time for the plain arguments
that links to units, posts and sources carry. Keyword arguments and ``as`` are Django's.
"""

from __future__ import annotations

from django import template
from django.template import defaulttags

from ..reversing import fast_reverse

register = template.Library()


class FastURLNode(defaulttags.URLNode):
    """Django's URL node, taking :func:`fast_reverse` when it can."""

    def render(self, context: template.Context) -> str:
        if self.kwargs or self.asvar:
            return super().render(context)
        name = self.view_name.resolve(context)
        args = [a.resolve(context) for a in self.args]
        try:
            current_app = context.request.current_app
        except AttributeError:
            try:
                current_app = context.request.resolver_match.namespace
            except AttributeError:
                current_app = None
        url = fast_reverse(name, args, current_app)
        if context.autoescape:
            url = defaulttags.conditional_escape(url)
        return url


@register.tag
def url(parser: template.base.Parser, token: template.base.Token) -> FastURLNode:
    """``{% url %}`` exactly as Django's, answered through :func:`fast_reverse`."""
    node = defaulttags.url(parser, token)
    return FastURLNode(node.view_name, node.args, node.kwargs, node.asvar)
