"""The "try it" panel's script, on the pages that hold a panel and on no other.

A page places a panel with ``<div class="tryit" data-tryit="SLUG">``; a ``<noscript>`` inside
says what it is without JavaScript, and class ``tryit tryit--compact`` leaves out the state
heatmap. This hook adds ``assets/tryit/tryit.js``, deferred, so it never holds up the first
paint; the script fetches ``SLUG.json`` (the trained weights, notebooks/tryit.py) only when the
reader nears the panel.
"""

import re

from mkdocs.utils import get_relative_url

SCRIPT = "assets/tryit/tryit.js"
_PANEL = re.compile(r'<div class="tryit[\w -]*" data-tryit="[\w-]+"')


def on_page_content(html, page, **_):
    if not _PANEL.search(html):
        return html
    src = get_relative_url(SCRIPT, page.url)
    return f'{html}\n<script src="{src}" defer></script>'
