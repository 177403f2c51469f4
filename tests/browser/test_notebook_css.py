"""A notebook page looks the same with the notebook_css piece of the speed layer (hooks/speed.py)
on and off: screenshots of its top and of a cell with an output and a plot, in the light and
the dark scheme, identical to the pixel.

No site is built for this: the piece rewrites nothing but the contents of mkdocs-jupyter's
stylesheets, so the page without it is the page with it, those stylesheets as the site without
the speed layer has them (mkdocs-jupyter's own). The browser is handed that page in place of
the built one; everything else it loads is the same.

What the purge decides on is the page's markup; what scripts add after load is not in it. The
page's live elements and classes, after the reader scrolls through it, are checked against the
markup: a name that only a script adds and that a Jupyter rule needs would be a rule dropped
in error.
"""

import re

import pytest
import tinycss2
from sitelib import load_hook

from .conftest import SCREENSHOTS, browser_page, page_url, scroll_through

PAGE = "notebooks/embedding/index.html"
VIEWPORT = {"width": 1280, "height": 800}
_JUPYTER_SHEET = re.compile(
    r'(<style type="text/css">)(\s*(?:@charset "UTF-8";)?\.jupyter-wrapper\{.*?)(</style>)', re.S
)
PLOT_CELL = "document.querySelector('.jp-OutputArea-output img').closest('.jp-Cell')"

speed = load_hook("speed")


def without_notebook_css(html: str, html_without_speed: str) -> str:
    """``html`` (a notebook page) with mkdocs-jupyter's stylesheets as the page of the site
    without the speed layer has them."""
    originals = [m.group(2) for m in _JUPYTER_SHEET.finditer(html_without_speed)]
    purged = list(_JUPYTER_SHEET.finditer(html))
    assert originals and len(originals) == len(purged), "not the same notebook page"
    sheets = iter(originals)
    return _JUPYTER_SHEET.sub(lambda m: m.group(1) + next(sheets) + m.group(3), html)


LIVE_NAMES = """() => {
  const names = new Set();
  for (const element of document.querySelectorAll("*")) {
    names.add(element.localName);
    for (const name of element.classList) names.add("." + name);
  }
  return [...names];
}"""


def look(browser, url: str, scheme: str, html: str, names: bool = False) -> dict:
    """Screenshots of the top of ``html`` served at ``url`` and of its plot's cell; with
    ``names``, the page's element names and classes once the reader has scrolled through it."""
    with browser_page(browser, color_scheme=scheme, viewport=VIEWPORT) as page:
        page.route(url, lambda route: route.fulfill(body=html, content_type="text/html"))
        page.goto(url, wait_until="load")
        page.evaluate("document.fonts.ready")
        # Material's header fades the page title in on scroll: transitions end before the shot.
        seen = {"top": page.screenshot(animations="disabled")}
        page.evaluate(f"{PLOT_CELL}.scrollIntoView()")
        page.evaluate("new Promise(done => requestAnimationFrame(() => setTimeout(done, 50)))")
        seen["plot"] = page.screenshot(animations="disabled")
        if names:
            scroll_through(page)
            seen["names"] = set(page.evaluate(LIVE_NAMES))
    return seen


@pytest.fixture(scope="module")
def page_with_piece(site) -> str:
    return (site / PAGE).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def page_without_piece(site_without_speed, page_with_piece) -> str:
    return without_notebook_css(
        page_with_piece, (site_without_speed / PAGE).read_text(encoding="utf-8")
    )


@pytest.fixture(scope="module")
def looks(browser, base_url, page_with_piece, page_without_piece):
    """``looks(scheme, piece_on)``: what ``look`` sees, each page and scheme loaded once."""
    url, seen = page_url(base_url, PAGE), {}

    def get(scheme: str, on: bool) -> dict:
        if (scheme, on) not in seen:
            html = page_with_piece if on else page_without_piece
            seen[scheme, on] = look(browser, url, scheme, html, names=on and scheme == "light")
        return seen[scheme, on]

    return get


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_notebook_page_looks_the_same_without_the_piece(looks, scheme):
    on, off = looks(scheme, True), looks(scheme, False)
    differ = [part for part in ("top", "plot") if on[part] != off[part]]
    if differ:
        SCREENSHOTS.mkdir(exist_ok=True)
        for part in differ:
            for name, seen in (("on", on), ("off", off)):
                (SCREENSHOTS / f"notebook-css-{scheme}-{part}-{name}.png").write_bytes(seen[part])
    assert differ == [], f"{PAGE} ({scheme}) differs with notebook_css off: see {SCREENSHOTS}"


def test_the_comparison_catches_a_dropped_property(browser, base_url, looks, page_with_piece):
    """A purge that drops a property read through another (code cells' background)."""
    broken = re.sub(r"--md-grey-100:[^;}]*;?", "", page_with_piece)
    assert broken != page_with_piece
    seen = look(browser, page_url(base_url, PAGE), "light", broken)
    assert seen["top"] != looks("light", False)["top"]


def test_the_page_without_the_piece_has_the_whole_stylesheet(site, page_without_piece):
    """The comparison is worth something only if one side has the rules the other lacks."""
    purged = (site / PAGE).read_text(encoding="utf-8")
    assert len(page_without_piece) > 2 * len(purged)
    assert without_notebook_css(purged, page_without_piece) == page_without_piece


ADDED_BY_A_SCRIPT = (
    "<script>document.querySelector('.jupyter-wrapper')"
    ".append(Object.assign(document.createElement('div'), {className: 'jp-LauncherIcon'}))</script>"
)


def selector_names(css: str) -> set[str]:
    """Every class (``.name``) and every other name in the selectors of ``css`` (element
    names, and pseudo-class names, which no element has)."""
    names = set()
    for rule in tinycss2.parse_rule_list(css, skip_comments=True, skip_whitespace=True):
        if rule.type == "at-rule" and rule.lower_at_keyword == "media":
            names |= selector_names(tinycss2.serialize(rule.content))
        elif rule.type == "qualified-rule":
            tokens = rule.prelude
            for before, token in zip([None, *tokens], tokens, strict=False):
                if token.type == "ident":
                    names.add(f".{token.value}" if before == "." else token.lower_value)
    return names


def added_names(live: set[str], html: str, needed: set[str]) -> set[str]:
    """Names a Jupyter rule needs that the live page has and its markup ``html`` has not."""
    return (live - speed.page_names(html)[0]) & needed


@pytest.fixture(scope="module")
def needed(page_without_piece) -> set[str]:
    return selector_names("".join(m.group(2) for m in _JUPYTER_SHEET.finditer(page_without_piece)))


def test_scripts_add_no_name_a_jupyter_rule_needs(looks, page_with_piece, needed):
    assert added_names(looks("light", True)["names"], page_with_piece, needed) == set()


def test_the_check_catches_a_name_a_script_adds(browser, base_url, page_with_piece, needed):
    html = page_with_piece.replace("</body>", ADDED_BY_A_SCRIPT + "</body>")
    live = look(browser, page_url(base_url, PAGE), "light", html, names=True)["names"]
    assert added_names(live, html, needed) == {".jp-LauncherIcon"}
