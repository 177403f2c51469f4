"""Make the ``.ipynb`` files pages again after mkdocs-static-i18n has sorted the files.

mkdocs-jupyter turns notebooks into pages in its ``on_files`` by wrapping each ``File``. The i18n
plugin runs its own ``on_files`` last (priority -100) and rebuilds every file from scratch as a
plain ``File``; a plain ``File`` is a page only when it is Markdown
(``File.is_documentation_page``), so each notebook is left as an asset: its JSON is copied where
its page should be, and the page silently disappears (mkdocs-static-i18n issue #198; ``--strict``
does not notice).

This hook's ``on_files`` runs after the i18n plugin's (priority -110). It turns every ``.ipynb``
file, and the other-language twins the i18n plugin keeps as its ``alternates`` (they give the
language selector its links), into a page: destination ``notebooks/SLUG/index.html``
(``en/notebooks/SLUG/index.html``) instead of a copy of the file. mkdocs-jupyter then renders
those pages (it selects them by their source path) and, with ``include_source``, copies each
notebook next to its page for download.
"""

import html
import os
import posixpath
import re

from markdown.extensions.toc import slugify as default_slugify
from markdown.extensions.toc import unique
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import get_toc

SUFFIX = ".ipynb"


class NotebookPage(File):
    """A notebook file that MkDocs treats as a documentation page."""

    def is_documentation_page(self) -> bool:
        return True


def page_dest_uri(dest_uri: str, use_directory_urls: bool) -> str:
    """``notebooks/x.ipynb`` -> ``notebooks/x/index.html`` (or ``notebooks/x.html``).

    A destination that is already a page's stays: the i18n plugin copies the destination of
    mkdocs-jupyter's wrapper when it saw one (and then copies the JSON to that ``index.html``).
    """
    if not dest_uri.endswith(SUFFIX):
        return dest_uri
    stem = dest_uri[: -len(SUFFIX)]
    if posixpath.basename(stem) in ("index", "README"):
        return posixpath.join(posixpath.dirname(stem), "index.html")
    return f"{stem}/index.html" if use_directory_urls else f"{stem}.html"


def make_page(file: File, use_directory_urls: bool, site_dir: str) -> None:
    """Turn ``file`` (a notebook still mapped to a copy of itself) into a page, in place.

    ``site_dir`` rather than ``file.dest_dir``: the i18n plugin's copies do not keep the latter.
    """
    if isinstance(file, NotebookPage) or not file.src_uri.endswith(SUFFIX):
        return
    file.__class__ = NotebookPage
    file.dest_uri = page_dest_uri(file.dest_uri, use_directory_urls)
    file.abs_dest_path = os.path.normpath(os.path.join(site_dir, file.dest_uri))
    file.url = file._get_url(use_directory_urls)


@event_priority(-110)  # after mkdocs-static-i18n (-100)
def on_files(files: Files, config) -> Files:
    use_directory_urls = config["use_directory_urls"]
    for file in files:
        if file.src_uri.endswith(SUFFIX):
            for twin in [file, *getattr(file, "alternates", {}).values()]:
                make_page(twin, use_directory_urls, config["site_dir"])
    return files


# -- heading ids
#
# mkdocs-jupyter makes heading ids with an ASCII-only slugify, so every Korean heading of a
# notebook gets id="" (and its table of contents points nowhere). The rendered notebook's headings
# get the ids the site's Markdown pages get instead (the ``toc`` extension's configured slugify),
# and the page's table of contents is rebuilt from them.

_HEADING = re.compile(
    r'<h([1-6]) id="[^"]*">(.*?)<a class="anchor-link" href="#[^"]*">(.*?)</a>(\s*)</h\1>', re.S
)


def _slugify(config):
    toc = (config.get("mdx_configs") or {}).get("toc", {})
    return toc.get("slugify") or default_slugify


def fix_heading_ids(html_text: str, slugify) -> tuple[str, list[dict]]:
    """``html_text`` with unique slugified heading ids, and TOC tokens of its headings."""
    used: set[str] = set()
    tokens: list[dict] = []

    def replace(match: re.Match) -> str:
        level, inner, link_text, space = match.groups()
        name = html.unescape(re.sub(r"<[^>]+>", "", inner)).strip()
        id_ = unique(slugify(name, "-"), used)
        tokens.append({"level": int(level), "id": id_, "name": name, "children": []})
        return (
            f'<h{level} id="{html.escape(id_)}">{inner}'
            f'<a class="anchor-link" href="#{html.escape(id_)}">{link_text}</a>{space}</h{level}>'
        )

    return _HEADING.sub(replace, html_text), nest(tokens)


def nest(tokens: list[dict]) -> list[dict]:
    """Flat heading tokens as the nested tree ``get_toc`` expects."""
    roots: list[dict] = []
    stack: list[dict] = []
    for token in tokens:
        while stack and stack[-1]["level"] >= token["level"]:
            stack.pop()
        (stack[-1]["children"] if stack else roots).append(token)
        stack.append(token)
    return roots


# mkdocs-jupyter's code cells, and the <pre> of Keras' model.summary() output, scroll sideways but
# cannot take the keyboard's focus, so a reader without a mouse could not scroll them (axe:
# scrollable-region-focusable); the other outputs already can.
_SCROLLING = (
    '<div class="highlight-ipynb hl-python">',
    '<pre style="white-space:pre;overflow-x:auto',
)


# What mkdocs-jupyter's template puts in every notebook page that can do nothing here: a MathJax
# <script> with an empty src and the configuration it would read (MathJax is not loaded), and,
# on a page with no Mermaid diagram, the Mermaid loader (it returns at once; with a diagram it
# would import Mermaid from cdnjs) and its stylesheet.
_DEAD_MATHJAX = re.compile(
    r'<script src="">\s*</script>\s*(<!-- MathJax configuration -->\s*)?'
    r'<script type="text/x-mathjax-config">.*?</script>(\s*<!-- End of mathjax configuration -->)?',
    re.S,
)
_MERMAID_LOADER = re.compile(
    r'<script type="module">\s*document\.addEventListener\("DOMContentLoaded", async \(\) => \{'
    r'\s*const diagrams = document\.querySelectorAll\("\.jp-Mermaid > pre\.mermaid"\);'
    r".*?</script>",
    re.S,
)
_MERMAID_STYLE = re.compile(r"<style>\s*\.jp-Mermaid:not\(\.jp-RenderedMermaid\).*?</style>", re.S)
MERMAID_DIAGRAM = 'class="jp-Mermaid"'


def without_dead_scripts(html_text: str) -> str:
    """``html_text`` without the MathJax stub, and the Mermaid loader where no diagram is."""
    html_text = _DEAD_MATHJAX.sub("", html_text)
    if MERMAID_DIAGRAM not in html_text:
        html_text = _MERMAID_STYLE.sub("", _MERMAID_LOADER.sub("", html_text))
    return html_text


def on_page_content(html_text, page, config, **_):
    if not page.file.src_uri.endswith(SUFFIX):
        return html_text
    html_text = without_dead_scripts(html_text)
    for opening in _SCROLLING:
        tag = opening.split(" ", 1)[0]
        html_text = html_text.replace(opening, opening.replace(tag, f'{tag} tabindex="0"', 1))
    html_text, tokens = fix_heading_ids(html_text, _slugify(config))
    page.toc = get_toc(tokens)
    return html_text
