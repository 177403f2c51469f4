"""The speed layer: everything that makes a long chapter cheaper to load, in one place.

Most of a long chapter's load is the browser styling elements, not downloading them, and
Material's scripts made it restyle the whole page several times. Each piece below removes a
share of that work; none changes what a reader sees or copies.
``tests/browser/test_speed_pieces.py`` measures what each piece buys (the chapter's elements and
the elements restyled on load, and a notebook page's CSS, with the piece off and the others on),
fails when a piece no longer buys anything, and writes the numbers to
``lighthouse/speed-pieces.json``. Build-time pieces run here, in ``STEPS`` order, on a page's
content, and ``notebook_css`` after them on the finished page; template pieces are in
``overrides/``, each under ``{% if "PIECE" in config.extra.speed %}``.

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
``notebook_css``
    A notebook page's share of JupyterLab's stylesheet. mkdocs-jupyter puts all of it in every
    notebook page, thousands of rules and hundreds of custom properties for JupyterLab's whole
    interface, and the browser parses and matches every rule before it draws. On the finished
    page (the template's elements count, and the files the page loads) a rule stays when one of
    its selectors names only classes and elements the page's markup has (with the ``<tbody>``
    the HTML parser adds), ids, attribute tests and pseudo-classes aside; a custom property stays
    when a kept rule, the rest of the page or a file it loads reads it, directly or through
    another property. A ``<style>`` in which mkdocs-jupyter printed a Python list of sheets
    (no rule can be read from it) goes too. What it cannot decide stays: other at-rules
    (``@font-face``, ``@keyframes``), namespaces, nested rules, a sheet with a parse error.
    Parsed with tinycss2; tests/test_notebook_css.py holds it to this,
    tests/browser/test_notebook_css.py checks that the page looks the same to the pixel, light
    and dark, and that its scripts add no class or element that a dropped rule needs.

What the layer takes from the theme that Material does not document, each checked by a test
that names it when a Material release changes it: the ``content.lazy`` feature
(tests/test_offscreen.py reads it in the bundle), the ``<pre><span></span><code>`` markup of a
highlighted block (tests/test_offscreen.py and tests/test_lighter_markup.py check every built
block), the ``__palette`` key of ``__md_get`` and the partials the overrides fall back to
(tests/test_speed.py). From mkdocs-jupyter, its stylesheets' markup, a ``<style
type="text/css">`` whose first rule is ``.jupyter-wrapper``'s (tests/test_notebook_css.py fails
when the built notebook pages keep the whole sheet).

The switch: ``extra.speed`` in ``mkdocs.yml``, set from ``RNN_DOCS_SPEED`` (default ``true``).
``false`` turns the whole layer off: these steps do nothing, the overrides render Material's own
markup, and neither ``content.lazy`` nor ``speed.css`` is used. A comma-separated list of piece
names turns on just those (how the test measures each piece).
"""

import functools
import posixpath
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import tinycss2
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

PIECES = ("code_spans", "tables", "offscreen", "palette", "head_classes", "notebook_css")
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


# -- notebook_css
#
# A rule's selector is reduced to what it needs to exist in the page: the classes and element
# names of each compound, outside functional pseudo-classes (``:not(.x)`` needs nothing). A rule
# goes only when none of its selectors can be met; its selector list is never edited (one
# selector the browser rejects voids the whole list, and pruning it could revive the rule).

_TEXT_CSS = re.compile(r'(<style type="text/css">)(.*?)(</style>)', re.S)  # as mkdocs-jupyter
# mkdocs-jupyter also prints its list of Pygments sheets, as Python text, into a <style>: the
# quote after "[" opens a CSS string that runs to the end, so the sheet holds no rule at all.
_PRINTED_LIST = re.compile(r"<style>\s*\['(?:(?!</style>).)*'\]\s*</style>", re.S)
JUPYTER_SCOPE = ".jupyter-wrapper"
# Elements the HTML parser adds where the markup leaves them out.
IMPLIED_ELEMENTS = frozenset({"html", "head", "body", "tbody"})
_MENTION = re.compile(r"--[\w-]+")
_GROUPS = {"media", "supports"}  # at-rules whose rules are tested like the top level's


class _PageNames(HTMLParser):
    """Collects the classes (``.name``) and element names of a page, and the local files it
    loads (stylesheets and scripts)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.names = set(IMPLIED_ELEMENTS)
        self.loads = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.names.add(tag)
        self.names.update(f".{name}" for name in (attrs.get("class") or "").split())
        if tag == "link" and "stylesheet" in (attrs.get("rel") or "").split():
            self.loads.append(attrs.get("href"))
        elif tag == "script":
            self.loads.append(attrs.get("src"))


def page_names(html: str) -> tuple[set[str], list[str]]:
    """The classes (``.name``) and element names ``html`` has, and what it loads."""
    parser = _PageNames()
    parser.feed(html)
    parser.close()
    return parser.names, [href for href in parser.loads if href]


def _selector_needs(prelude) -> list[frozenset] | None:
    """For each selector of a rule's prelude, the names it needs; None when undecidable."""
    needs, names, tokens = [], set(), [t for t in prelude if t.type != "comment"]
    i = 0
    while i < len(tokens):
        token, after = tokens[i], tokens[i + 1] if i + 1 < len(tokens) else None
        if token == ",":
            needs.append(frozenset(names))
            names = set()
        elif token == "." and after is not None and after.type == "ident":
            names.add(f".{after.value}")
            i += 1
        elif token == ":":  # a pseudo-class or pseudo-element (with ::): state, needs nothing
            i += 1
            if after == ":":
                i += 1
            if i >= len(tokens) or tokens[i].type not in ("ident", "function"):
                return None
        elif token.type == "ident":
            names.add(token.lower_value)
        elif token.type in ("whitespace", "hash", "[] block") or token in ("*", ">", "+", "~"):
            pass  # ids and attribute tests are not checked: they need nothing
        else:
            return None  # a namespace, a stray function: keep the rule
        i += 1
    needs.append(frozenset(names))
    return needs


def _var_refs(tokens) -> set[str]:
    """The custom properties ``tokens`` read through ``var()``, fallbacks included."""
    refs = set()
    for token in tokens:
        if token.type == "function" and token.lower_name == "var":
            first = next((t for t in token.arguments if t.type != "whitespace"), None)
            if first is not None and first.type == "ident" and first.value.startswith("--"):
                refs.add(first.value)
        if getattr(token, "content", None) is not None:
            refs |= _var_refs(token.content)
        if getattr(token, "arguments", None) is not None:
            refs |= _var_refs(token.arguments)
    return refs


def _parsed_node(node):
    """One rule of a sheet, as what deciding on it needs."""
    if node.type == "at-rule" and node.lower_at_keyword in _GROUPS and node.content is not None:
        head = f"@{node.at_keyword}{tinycss2.serialize(node.prelude)}"
        rules = tinycss2.parse_rule_list(node.content, skip_comments=True, skip_whitespace=True)
        if all(rule.type != "error" for rule in rules):
            return ("group", head, [_parsed_node(rule) for rule in rules])
    if node.type != "qualified-rule":
        return ("keep", node.serialize(), _var_refs([node]))
    needs = _selector_needs(node.prelude)
    body = tinycss2.parse_declaration_list(node.content, skip_comments=True, skip_whitespace=True)
    if needs is None or any(item.type != "declaration" for item in body):
        return ("keep", node.serialize(), _var_refs([node]))
    declarations = [
        (d.name if d.name.startswith("--") else None, d.serialize(), _var_refs(d.value))
        for d in body
    ]
    return ("rule", tinycss2.serialize(node.prelude), needs, declarations)


@functools.lru_cache(maxsize=8)
def _parsed_sheet(css: str) -> tuple | None:
    """A Jupyter stylesheet's rules as ``_parsed_node`` gives them; None for another sheet."""
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    scoped = [rule for rule in rules if rule.type == "qualified-rule"][:1]
    if not scoped or tinycss2.serialize(scoped[0].prelude).strip() != JUPYTER_SCOPE:
        return None
    if any(rule.type == "error" for rule in rules):
        return None
    return tuple(_parsed_node(rule) for rule in rules)


def _kept(node, names: set[str]):
    """``node`` if a selector of it can match ``names`` (a group: with its rules that can)."""
    if node[0] == "group":
        rules = [kept for rule in node[2] if (kept := _kept(rule, names)) is not None]
        return ("group", node[1], rules) if rules else None
    if node[0] == "rule" and not any(need <= names for need in node[2]):
        return None
    return node


def _walk(nodes):
    for node in nodes:
        yield from _walk(node[2]) if node[0] == "group" else [node]


def _used_properties(nodes, mentioned: set[str]) -> set[str]:
    """Custom properties that kept rules or ``mentioned`` read, and all those read in turn."""
    used, declared = set(mentioned), {}
    for node in _walk(nodes):
        if node[0] == "keep":
            used |= node[2]
            continue
        for name, _text, refs in node[3]:
            if name is None:
                used |= refs
            else:
                declared.setdefault(name, set()).update(refs)
    todo = list(used)
    while todo:
        for ref in declared.get(todo.pop(), ()):
            if ref not in used:
                used.add(ref)
                todo.append(ref)
    return used


def _serialized(node, used: set[str]) -> str:
    if node[0] == "group":
        return node[1] + "{" + "".join(_serialized(rule, used) for rule in node[2]) + "}"
    if node[0] == "keep":
        return node[1]
    kept = [text for name, text, _refs in node[3] if name is None or name in used]
    return f"{node[1]}{{{';'.join(kept)}}}" if kept else ""


def notebook_css_purged(html: str, loaded: str = "") -> str:
    """``html`` with mkdocs-jupyter's stylesheets cut to the rules that can match it, and to the
    custom properties those rules, the rest of the page or ``loaded`` (the text of the files
    the page loads) read; and without the ``<style>`` that holds a printed Python list."""
    html = _PRINTED_LIST.sub("", html)
    sheets = {m.group(2): _parsed_sheet(m.group(2)) for m in _TEXT_CSS.finditer(html)}
    sheets = {css: nodes for css, nodes in sheets.items() if nodes is not None}
    if not sheets:
        return html
    names, _ = page_names(html)
    kept = {
        css: [k for node in nodes if (k := _kept(node, names)) is not None]
        for css, nodes in sheets.items()
    }
    elsewhere = _TEXT_CSS.sub(lambda m: "" if m.group(2) in sheets else m.group(0), html)
    mentioned = set(_MENTION.findall(elsewhere + loaded))
    used = _used_properties([node for nodes in kept.values() for node in nodes], mentioned)

    def purge(match: re.Match) -> str:
        head, css, tail = match.groups()
        if css not in sheets:
            return match.group(0)
        return head + "\n" + "".join(_serialized(node, used) for node in kept[css]) + tail

    return _TEXT_CSS.sub(purge, html)


@functools.lru_cache(maxsize=64)
def _file_text(path: Path, mtime_ns: int) -> str:
    return path.read_text(encoding="utf-8", errors="replace")


def loaded_text(html: str, page_dest: str, site_dir: str) -> str:
    """The text of the site's own files that ``html`` (the page at ``page_dest``) loads."""
    texts = []
    for href in page_names(html)[1]:
        if re.match(r"[a-z][\w+.-]*:|//", href):
            continue  # another host's, or data:
        path = Path(
            site_dir,
            posixpath.normpath(
                posixpath.join(posixpath.dirname(page_dest), href.split("?")[0].split("#")[0])
            ),
        )
        if path.is_file():
            texts.append(_file_text(path, path.stat().st_mtime_ns))
    return "\n".join(texts)


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


@event_priority(-200)  # last: what others add to the page counts
def on_post_page(output, page, config, **_):
    # notebook_css needs the whole page: the template's elements and the files the page loads.
    if "notebook_css" not in config.extra["speed"] or f"{JUPYTER_SCOPE}{{" not in output:
        return output
    return notebook_css_purged(output, loaded_text(output, page.file.dest_uri, config["site_dir"]))
