"""Two accessibility fixes axe asks for, in the rendered pages.

- Figures take the keyboard's focus: on a phone they scroll sideways (extra.css), and a region
  that scrolls must be reachable without a mouse (axe: scrollable-region-focusable).
- Material's search overlay is a ``role="dialog"`` without a name (axe: aria-dialog-name); it gets
  the label of its own search field, so the name is in the page's language.
"""

import re

_FIGURE = re.compile(r"<figure(?![^>]*\btabindex=)")
_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
_SEARCH_LABEL = re.compile(r'class="md-search__input" name="query" aria-label="([^"]*)"')


def on_page_content(html, page, **_):
    return _FIGURE.sub('<figure tabindex="0"', html)


def on_post_page(output, page, **_):
    label = _SEARCH_LABEL.search(output)
    if label is None:
        return output
    named = _SEARCH_DIALOG.replace('role="dialog"', f'role="dialog" aria-label="{label.group(1)}"')
    return output.replace(_SEARCH_DIALOG, named)
