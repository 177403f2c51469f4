"""Read the built site: one stdlib HTML parser for pages, URL and language helpers.

Paths here are *site paths*: a built file's path relative to the site folder, with ``/``
(``index.html``, ``bptt/index.html``, ``en/bptt/index.html``). The default language (Korean) lives
at the site root, every other language under its own folder (``en/``); a page's *slug* is its
site path without that language folder, so twins share a slug.
"""

import importlib.util
import re
import sys
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from conftest import LANGUAGES, ROOT
from webcheck.server import base_path  # noqa: F401  (tests import it from here)

DEFAULT_LANGUAGE = LANGUAGES[0]
HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")

# <link rel=...> values that only describe a relation; every other rel makes the browser fetch
# (stylesheet, icon, preload, modulepreload, prefetch, preconnect, manifest, ...).
NOT_FETCHED_RELS = frozenset(
    {"alternate", "author", "bookmark", "canonical", "edit", "external", "help", "license"}
    | {"me", "next", "nofollow", "noopener", "noreferrer", "prev", "search", "tag"}
)
# attributes through which an element fetches what it names
FETCHING_ATTRS = {
    "script": ("src",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "iframe": ("src",),
    "frame": ("src",),
    "embed": ("src",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "input": ("src",),
    "object": ("data",),
    "image": ("href", "xlink:href"),  # SVG
    "use": ("href", "xlink:href"),  # SVG: may name an external file
    "feimage": ("href", "xlink:href"),  # SVG
}
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)""", re.I)
_CSS_IMPORT = re.compile(r"""@import\s+(?:"([^"]*)"|'([^']*)')""", re.I)
_PI_HREF = re.compile(r"""href\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def css_urls(css: str) -> list[str]:
    """Every address a style sheet fetches: ``url(...)`` and ``@import "..."``."""
    css = _CSS_COMMENT.sub("", css)
    found = [m.group(1) or m.group(2) or m.group(3) or "" for m in _CSS_URL.finditer(css)]
    found += [m.group(1) or m.group(2) for m in _CSS_IMPORT.finditer(css)]
    return found


def srcset_urls(srcset: str) -> list[str]:
    return [part.split()[0] for part in srcset.split(",") if part.strip()]


def is_off_site(url: str, site_url: str | None = None) -> bool:
    """True when fetching ``url`` would contact a host other than the site itself.

    Relative and root-relative addresses, fragments and ``data:``/``blob:`` URIs stay local;
    an absolute address is local only when it lies under ``site_url``.
    """
    url = url.strip()
    parts = urlsplit(url)
    if not parts.scheme and not parts.netloc:
        return False
    if parts.scheme.lower() in ("data", "blob", "about"):
        return False
    same_site = bool(site_url) and not url.startswith("//") and url.startswith(site_url)
    return not same_site


@dataclass
class Heading:
    level: int
    id: str
    text: str


@dataclass
class Page:
    """What the tests need from one built HTML (or SVG) file."""

    path: str = "index.html"
    lang: str | None = None
    ids: set = field(default_factory=set)
    fetches: list = field(default_factory=list)  # (what, url) for everything the page loads
    styles: list = field(default_factory=list)  # CSS text of <style> elements and style=""
    canonical: str | None = None
    language_links: list = field(default_factory=list)  # (hreflang, href) of the header selector
    # in the article body (article.md-content__inner) only:
    headings: list = field(default_factory=list)  # Heading
    images: list = field(default_factory=list)  # src of <img>
    code_blocks: list = field(default_factory=list)  # text of <pre><code>
    code_highlighted: list = field(default_factory=list)  # per code block: has Pygments tokens
    links: list = field(default_factory=list)  # (href, classes) of <a href>
    tables: list = field(default_factory=list)  # rows of cell texts

    @property
    def language(self) -> str:
        return language_of(self.path)

    @property
    def slug(self) -> str:
        return strip_language(self.path)


class _PageParser(HTMLParser):
    def __init__(self, page: Page):
        super().__init__(convert_charrefs=True)
        self.page = page
        self.article = 0  # depth of <article> elements inside the main article
        self.pre = 0
        self.code: list | None = None
        self.code_tokens = False
        self.heading: tuple | None = None  # (level, id, text parts)
        self.headerlink = False
        self.style: list | None = None
        self.row: list | None = None
        self.cell: list | None = None

    # -- tags
    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        classes = attributes.get("class", "").split()
        page = self.page
        for name in ("id",) + (("name",) if tag == "a" else ()):
            if attributes.get(name):
                page.ids.add(attributes[name])
        if tag == "html" and page.lang is None:
            page.lang = attributes.get("lang")
        if "style" in attributes:
            page.styles.append(attributes["style"])
        if tag == "style":
            self.style = []
        self._fetches(tag, attributes)
        if tag == "a" and "md-select__link" in classes and "hreflang" in attributes:
            page.language_links.append((attributes["hreflang"], attributes.get("href", "")))
        if tag == "article" and (self.article or "md-content__inner" in classes):
            self.article += 1
        if not self.article:
            return
        if tag == "pre":
            self.pre += 1
        elif tag == "code" and self.pre and self.code is None:
            self.code = []
            self.code_tokens = False
        elif tag == "span" and self.code is not None and attributes.get("class"):
            self.code_tokens = True
        elif re.fullmatch(r"h[1-6]", tag):
            self.heading = (int(tag[1]), attributes.get("id", ""), [])
        elif tag == "a":
            if "headerlink" in classes:
                self.headerlink = True
            if "href" in attributes:
                page.links.append((attributes["href"], tuple(classes)))
        elif tag == "img":
            page.images.append(attributes.get("src", ""))
        elif tag == "table":
            page.tables.append([])
        elif tag == "tr" and page.tables:
            self.row = []
            page.tables[-1].append(self.row)
        elif tag in ("td", "th") and self.row is not None:
            self.cell = []

    def handle_endtag(self, tag):
        page = self.page
        if tag == "style" and self.style is not None:
            page.styles.append("".join(self.style))
            self.style = None
        if not self.article:
            return
        if tag == "article":
            self.article -= 1
        elif tag == "pre" and self.pre:
            self.pre -= 1
        elif tag == "code" and self.code is not None:
            page.code_blocks.append("".join(self.code))
            page.code_highlighted.append(self.code_tokens)
            self.code = None
        elif self.heading and tag == f"h{self.heading[0]}":
            level, id_, parts = self.heading
            page.headings.append(Heading(level, id_, " ".join("".join(parts).split())))
            self.heading = None
        elif tag == "a":
            self.headerlink = False
        elif tag in ("td", "th") and self.cell is not None:
            self.row.append(" ".join("".join(self.cell).split()))
            self.cell = None
        elif tag == "tr":
            self.row = None

    def handle_data(self, data):
        if self.style is not None:
            self.style.append(data)
        if self.code is not None:
            self.code.append(data)
        if self.heading and not self.headerlink:
            self.heading[2].append(data)
        if self.cell is not None:
            self.cell.append(data)

    def handle_pi(self, data):
        # <?xml-stylesheet href="..."?> in SVG files
        if data.startswith("xml-stylesheet"):
            for match in _PI_HREF.finditer(data):
                self.page.fetches.append(("<?xml-stylesheet?>", match.group(1) or match.group(2)))

    def _fetches(self, tag, attributes):
        page = self.page
        if tag == "link":
            rels = attributes.get("rel", "").lower().split()
            if rels and all(rel in NOT_FETCHED_RELS for rel in rels):
                if "canonical" in rels:
                    page.canonical = attributes.get("href")
                return
            if "href" in attributes:
                page.fetches.append((f'<link rel="{" ".join(rels)}" href>', attributes["href"]))
            return
        for name in FETCHING_ATTRS.get(tag, ()):
            if name not in attributes:
                continue
            if tag == "input" and attributes.get("type", "").lower() != "image":
                continue
            value = attributes[name]
            urls = srcset_urls(value) if name == "srcset" else [value]
            page.fetches += [(f"<{tag} {name}>", url) for url in urls]


def parse_page(html: str, path: str = "index.html") -> Page:
    page = Page(path=path)
    parser = _PageParser(page)
    parser.feed(html)
    parser.close()
    return page


@cache
def _load_page(file: Path, mtime: float, path: str) -> Page:
    return parse_page(file.read_text(encoding="utf-8"), path)


def load_page(site: Path, path: str) -> Page:
    file = Path(site) / path
    return _load_page(file, file.stat().st_mtime, path)


# -- languages and paths


def language_of(path: str) -> str:
    """The language of a site path: its first folder if that is a language, else the default."""
    first = path.split("/", 1)[0]
    return first if first in LANGUAGES[1:] else DEFAULT_LANGUAGE


def strip_language(path: str) -> str:
    language = language_of(path)
    return path if language == DEFAULT_LANGUAGE else path[len(language) + 1 :]


def in_language(slug: str, language: str) -> str:
    return slug if language == DEFAULT_LANGUAGE else f"{language}/{slug}"


def html_files(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in Path(site).rglob("*.html"))


def page_slugs(site: Path, language: str) -> set[str]:
    """Slugs of the built pages of ``language`` (every ``.html`` but its 404 page)."""
    return {
        strip_language(path)
        for path in html_files(site)
        if language_of(path) == language and strip_language(path) != "404.html"
    }


def site_url(site: Path) -> str | None:
    """The site's public address, read from the home page's canonical link (None without one)."""
    home = Path(site) / "index.html"
    return load_page(site, "index.html").canonical if home.exists() else None


def resolve(page_path: str, href: str, base: str = "/") -> str | None:
    """The site path ``href`` on page ``page_path`` points to, without its fragment.

    Folders become their ``index.html``. None when ``href`` leaves the site (another scheme or
    host, or a root-relative address outside ``base``, the site's path on its host).
    """
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    page_url = base + page_path
    target = urljoin(page_url, parts.path) if parts.path else page_url
    if not target.startswith(base):
        return None
    target = unquote(target[len(base) :])
    if target == "" or target.endswith("/"):
        target += "index.html"
    return target


def existing_file(site: Path, path: str) -> str | None:
    """``path`` if it is a built file, its ``index.html`` if it is a built folder, else None."""
    file = Path(site) / path
    if file.is_file():
        return path
    if file.is_dir() and (file / "index.html").is_file():
        return f"{path.rstrip('/')}/index.html"
    return None


def load_hook(name: str):
    """Import ``hooks/NAME.py`` of the repository as a module."""
    module_name = f"rnn_docs_hook_{name}"
    if module_name not in sys.modules:
        spec = importlib.util.spec_from_file_location(module_name, ROOT / "hooks" / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[module_name] = module
        spec.loader.exec_module(module)
    return sys.modules[module_name]
