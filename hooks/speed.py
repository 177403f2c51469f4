"""The speed layer: everything that makes a long chapter cheaper to load, in one place.

Most of a long chapter's load is the browser styling elements, not downloading them, and
Material's scripts made it restyle the whole page several times. Each piece below removes a
share of that work; none changes what a reader sees or copies.
``tests/browser/test_speed_pieces.py`` measures what each piece buys (the chapter's elements and
the elements restyled on load, with the piece off and the others on), fails when a piece no
longer buys anything, and writes the numbers to ``lighthouse/speed-pieces.json``. Build-time
pieces run here, in ``STEPS`` order; template pieces are in ``overrides/``, each under
``{% if "PIECE" in config.extra.speed %}``.

``code_spans``
    Highlighted code with colour only where colour says something, as GitHub highlights Python.
    Pygments wraps every token in a ``<span>``; names (``.n``) and whitespace (``.w``), which
    Material already draws in the text colour, and punctuation (``.p``) and operators (``.o``),
    which it greys where GitHub does not, lose their spans. The text is untouched; notebook
    pages (``highlight-ipynb``) keep their own highlighting (tests/test_lighter_markup.py).
``tables``
    Each table in a box of its own. On load Material moves every ``table:not([class])`` into a
    scrolling wrapper; as a direct child of the article, that insertion makes Chromium restyle
    every later sibling and all inside them (a ``:nth-child`` rule of its MathML stylesheet
    marks the article's children position-dependent). Alone in a box it touches nothing else.
``offscreen``
    Code blocks and top-level tables off screen are neither styled, laid out nor mounted until
    the reader nears them: ``content-visibility: auto`` (``speed.css``) lets Chromium skip
    them, and Material's ``content.lazy`` feature mounts a code block (copy button, scroll
    check) only when it scrolls into view. Either alone does not help: a skipped block that
    Material mounts at load is laid out anyway. This step writes what the stylesheet needs to
    reserve a skipped box's height: a code block's line count (exact: lines times line height)
    and a table box's rows and characters (an estimate; once drawn, the browser keeps the real
    height). A lazily mounted block would get its ``tabindex`` only when seen, so every block is
    focusable from the start; ``overrides/main.html`` gives focus back when Material takes the
    ``tabindex`` from a block that turns out not to scroll (tests/browser/test_offscreen.py).
``palette``
    The colour-scheme toggle without Material's palette component, which on every load sets
    and clears an attribute on ``<body>`` and reads the header's computed style: whole-page
    restyles. ``overrides/partials/javascripts/palette.html`` picks the scheme while the header
    is parsed, before the content exists (tests/browser/test_palette.py).
``head_classes``
    The classes Material's bundle puts on ``<html>`` (``js``, ``js-focus-visible``) set in the
    head (``overrides/main.html``); set by the bundle, after the page exists, they restyle it.

What the layer takes from the theme that Material does not document, each checked by a test
that names it when a Material release changes it: the ``content.lazy`` feature
(tests/test_offscreen.py reads it in the bundle), the ``<pre><span></span><code>`` markup of a
highlighted block (tests/test_offscreen.py and tests/test_lighter_markup.py check every built
block), the ``__palette`` key of ``__md_get`` and the partials the overrides fall back to
(tests/test_speed.py).

The switch: ``extra.speed`` in ``mkdocs.yml``, set from ``RNN_DOCS_SPEED`` (default ``true``).
``false`` turns the whole layer off: these steps do nothing, the overrides render Material's own
markup, and neither ``content.lazy`` nor ``speed.css`` is used. A comma-separated list of piece
names turns on just those (how the test measures each piece).
"""

import re
from html import unescape

from mkdocs.exceptions import PluginError

PIECES = ("code_spans", "tables", "offscreen", "palette", "head_classes")
STYLESHEET = "assets/stylesheets/speed.css"
LAZY_FEATURE = "content.lazy"

# -- code_spans

_BLOCK = re.compile(r'<div class="(?:language-\w+ )?highlight"><pre>.*?</code></pre></div>', re.S)
PLAIN_TOKENS = ("n", "w", "p", "o")
_PLAIN_TOKEN = re.compile(rf'<span class="(?:{"|".join(PLAIN_TOKENS)})">([^<]*)</span>')


def plain_tokens_unwrapped(html: str) -> str:
    """``html`` with the plain-token spans of its highlighted code blocks unwrapped."""
    return _BLOCK.sub(lambda block: _PLAIN_TOKEN.sub(r"\1", block.group(0)), html)


# -- tables

_TABLE = re.compile(r"<table>.*?</table>", re.S)


def tables_boxed(html: str) -> str:
    """``html`` with each plain table in a ``<div class="table-box">`` of its own."""
    return _TABLE.sub(lambda table: f'<div class="table-box">{table.group(0)}</div>', html)


# -- offscreen

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


def offscreen_marked(html: str) -> str:
    """``html`` with each code block's line count and each table box's size written out for
    ``speed.css``, and each code block in the tab order."""
    return _TABLE_BOX.sub(_table, _CODE.sub(_code, html))


# The build-time steps, in the order they must run: offscreen marks the boxes tables makes.
STEPS = (
    ("code_spans", plain_tokens_unwrapped),
    ("tables", tables_boxed),
    ("offscreen", offscreen_marked),
)


def pieces_on(value) -> list[str]:
    """The pieces a value of ``extra.speed`` turns on: all for true, none for false, else the
    names it lists (a list, or a comma-separated string)."""
    if value is True:
        return list(PIECES)
    if value is False or value is None:
        return []
    names = [n.strip() for n in value.split(",")] if isinstance(value, str) else list(value)
    unknown = sorted(set(names) - set(PIECES))
    if unknown:
        raise PluginError(f"extra.speed: unknown piece(s) {unknown}; pieces are {list(PIECES)}")
    return [piece for piece in PIECES if piece in names]


def page_content(html: str, pieces: list[str]) -> str:
    """``html`` through the build-time steps of ``pieces``, in ``STEPS`` order."""
    for piece, step in STEPS:
        if piece in pieces:
            html = step(html)
    return html


def on_config(config):
    pieces = pieces_on(config.extra.get("speed", True))
    config.extra["speed"] = pieces  # what the overrides and on_page_content test
    features = config.theme["features"]
    if "offscreen" in pieces:
        if LAZY_FEATURE not in features:
            features.append(LAZY_FEATURE)
        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
    return config


def on_page_content(html, page, config, **_):
    return page_content(html, config.extra["speed"])
