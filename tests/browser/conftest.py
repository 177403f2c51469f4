"""Browser tests: serve a built site on 127.0.0.1 and drive Debian's Chromium with Playwright.

Every check is a function that returns a list of problems (empty when all is well), so the same
function runs on the real site and on a deliberately broken copy of it. Playwright's own browser
downloads are not used: the browser is ``/usr/bin/chromium``. Without it (or without the npm
tools) the tests skip with how to install them, except under CI (``CI=true``), where they fail.
"""

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import sitelib

from conftest import ROOT
from webcheck import CHROMIUM, CHROMIUM_ARGS, LIGHTHOUSE, NODE_MODULES, server

AXE = NODE_MODULES / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "screenshots"  # git-ignored: for people to look at
TIMEOUT = 10_000  # ms: Playwright waits this long for a page or an element
INSTALL_HINT = (
    "install the browser and the Node tools: `apt-get install chromium fonts-noto-cjk` "
    "(Debian) and `npm ci` in the repository"
)


def unavailable(what: str) -> None:
    """Skip the test because ``what`` is missing; under CI (``CI=true``) fail it instead."""
    message = f"{what} is missing: {INSTALL_HINT}"
    if os.environ.get("CI", "").lower() in ("true", "1", "yes"):
        pytest.fail(f"{message} (CI must run the browser tests)")
    pytest.skip(message)


# -- serving a site


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve the built site in ``directory`` on a free port; yield its address (ends with ``/``).

    The site is served under the path of its ``site_url`` (``/rnn-docs/``), as on GitHub Pages:
    a few links of the theme are root-relative.
    """
    with server.serve(directory, sitelib.base_path(sitelib.site_url(directory))) as url:
        yield url


def site_pages(site: Path) -> list[str]:
    """Site paths of every page of every language (not the 404 page), Korean first."""
    return [
        sitelib.in_language(slug, language)
        for language in sitelib.LANGUAGES
        for slug in sorted(sitelib.page_slugs(site, language))
    ]


def open_solutions(page) -> None:
    """Open every folded exercise solution, as a reader who reads them does: folded, their code
    blocks are hidden, and no copy button, focus or layout check can reach them."""
    page.evaluate("document.querySelectorAll('article details').forEach(d => { d.open = true })")


def page_url(base_url: str, path: str) -> str:
    """The address of site path ``path`` (``bptt/index.html`` -> ``BASE/bptt/``)."""
    return base_url + (path[: -len("index.html")] if path.endswith("index.html") else path)


def copy_site(site: Path, dest: Path) -> Path:
    """A copy of the built site to break."""
    shutil.copytree(site, dest)
    return dest


def edit(file: Path, old: str, new: str, count: int = 1) -> None:
    """Replace ``old`` by ``new`` in ``file`` (which must contain it)."""
    text = file.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {file}"
    file.write_text(text.replace(old, new, count), encoding="utf-8")


@contextmanager
def serve_edited(site: Path, tmp_path: Path, page: str, old: str, new: str) -> Iterator[str]:
    """Serve a copy of the built site in which ``page`` has ``old`` replaced by ``new``."""
    broken = copy_site(site, tmp_path / "site")
    edit(broken / page, old, new)
    with serve(broken) as url:
        yield url


_SCROLL_THROUGH = """async () => {
  const frame = () => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
  for (let y = 0; y < document.documentElement.scrollHeight; y += innerHeight / 2) {
    scrollTo(0, y);
    await frame();
  }
  scrollTo(0, 0);
  await frame();
}"""


def scroll_through(page) -> None:
    """Scroll to the bottom half a screen at a time, as a reader would, and back to the top.

    Code blocks and tables are drawn, and Material mounts a code block, only once they near the
    screen (the offscreen piece of hooks/speed.py); checks that look at all of a page's blocks
    come here first.
    """
    page.evaluate(_SCROLL_THROUGH)


# -- fixtures


@pytest.fixture(scope="session")
def pages(site) -> list[str]:
    return site_pages(site)


@pytest.fixture(scope="session")
def base_url(site) -> Iterator[str]:
    with serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("Playwright (pip install -r requirements.txt)")
    if not CHROMIUM.is_file():
        unavailable(f"Chromium ({CHROMIUM})")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@contextmanager
def browser_page(browser, **options):
    """One tab in a fresh browser context (its own storage, permissions, colour scheme)."""
    context = browser.new_context(**options)
    context.set_default_timeout(TIMEOUT)
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture(scope="session")
def axe_script() -> Path:
    if not AXE.is_file():
        unavailable(f"axe-core ({AXE.relative_to(ROOT)})")
    return AXE


@pytest.fixture(scope="session")
def lighthouse_cli() -> Path:
    if not LIGHTHOUSE.is_file():
        unavailable(f"Lighthouse ({LIGHTHOUSE.relative_to(ROOT)})")
    if not CHROMIUM.is_file():
        unavailable(f"Chromium ({CHROMIUM})")
    if not shutil.which("node"):
        unavailable("Node.js 20 (node)")
    return LIGHTHOUSE
