"""Code blocks and tables off screen are styled and laid out only when the reader nears them.

On a code-heavy chapter most of the load's main-thread work was the browser laying out code and
tables far below the first screen, and Material's scripts mounting every code block (copy
button, scroll check). Lighthouse counted it as blocking time: the longest chapter scored 75 to
98 per run (tests/browser/test_lighthouse.py). Two changes together take that work off the load:

- ``content.lazy`` (mkdocs.yml) makes Material mount a code block when it scrolls into view;
- ``content-visibility: auto`` (extra.css) on each block's ``<code>`` and on each top-level
  table box lets Chromium skip their style and layout until they near the screen.

Either alone does not help: a skipped block that Material mounts at load is laid out anyway,
one block at a time. This hook writes what the stylesheet needs to reserve a skipped box's
height: a code block's line count (its height is exact: ``lines * line-height``), and a table's
rows and characters, from which the stylesheet estimates its height; once drawn, the browser
remembers the real one. It runs after hooks/tables.py, whose boxes it marks.

A lazily mounted block gets its ``tabindex`` only when it is seen, so a keyboard could not reach a
scrollable block further down. Every block is focusable from the start instead; Material takes
``tabindex`` away again from a block that turns out not to scroll.
"""

import re
from html import unescape

_CODE = re.compile(
    r'(<div class="(?:language-\w+ )?highlight"><pre>(?:<span></span>)?)<code>(.*?)</code>', re.S
)
_TABLE_BOX = re.compile(r'<div class="table-box">(<table>.*?</table>)', re.S)
_TAG = re.compile(r"<[^>]+>")


def _code(match: re.Match) -> str:
    head, code = match.groups()
    lines = code.count("\n") + (not code.endswith("\n"))
    return f'{head}<code tabindex="0" style="--lines: {lines}">{code}</code>'


def _table(match: re.Match) -> str:
    table = match.group(1)
    rows, chars = table.count("<tr"), len(unescape(_TAG.sub("", table)))
    return f'<div class="table-box" style="--rows: {rows}; --chars: {chars}">{table}'


def on_page_content(html, page, **_):
    return _TABLE_BOX.sub(_table, _CODE.sub(_code, html))
