"""Each table of a page in a box of its own, so the theme's table wrapper costs no page restyle.

On load Material moves every ``table:not([class])`` into a scrolling wrapper of its own. When the
table is a direct child of the article, that insertion makes Chromium restyle every later sibling
and all inside them: a ``:nth-child`` rule of its built-in MathML stylesheet marks all children
as position-dependent. Inside a box where it is the only child, the wrapper touches nothing else;
the numpy-rnn chapter's restyled elements on load fell by a third (tests/browser/test_load_work.py).
Inside lists and admonitions the box has no style, so margins pass through it and the page
looks the same. At the top level of the article it is also skipped while off screen, and so
takes over its wrapper's margins (hooks/offscreen.py, extra.css); the page looks the same there
too (tests/browser/test_offscreen.py).
"""

import re

_TABLE = re.compile(r"<table>.*?</table>", re.S)


def on_page_content(html, page, **_):
    return _TABLE.sub(lambda table: f'<div class="table-box">{table.group(0)}</div>', html)
