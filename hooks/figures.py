"""Figures take the keyboard's focus: on a phone they scroll sideways (extra.css), and a region
that scrolls must be reachable without a mouse (axe: scrollable-region-focusable)."""

import re

_FIGURE = re.compile(r"<figure(?![^>]*\btabindex=)")


def on_page_content(html, page, **_):
    return _FIGURE.sub('<figure tabindex="0"', html)
