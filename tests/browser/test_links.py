"""8. No broken internal link (linkchecker over the served site) or anchor (Korean ones included).

linkchecker's AnchorCheck plugin fetches and parses a page again for every ``page#fragment`` link
(80 s instead of 20 s for this site on 2 cores), so fragments are checked against the built pages'
ids here instead, with the same address resolution the browser uses.
"""

import csv
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import sitelib

from .conftest import copy_site, edit, serve

LINKCHECKER = Path(sys.executable).with_name("linkchecker")
# Checked for syntax only: assets are the load test's business, and feeds/indexes have no links.
IGNORED = ["/assets/", r"\.(js|css|png|svg|json|xml|gz|ico|ipynb)$"]


def linkchecker_problems(start_url: str, recursion: int = -1) -> list[str]:
    """linkchecker's errors for the site from ``start_url`` (internal links only; ``recursion``
    limits the depth: 1 checks the start page's links only)."""
    command = [str(LINKCHECKER), "--no-status", "--no-robots", "--output", "csv"]
    command += ["--recursion-level", str(recursion)]
    for pattern in IGNORED:
        command += ["--ignore-url", pattern]
    result = subprocess.run(command + [start_url], capture_output=True, text=True, timeout=300)
    rows = [line for line in result.stdout.splitlines() if line and not line.startswith("#")]
    problems = []
    for row in csv.DictReader(rows, delimiter=";"):
        if row.get("valid") != "True":
            problems.append(f"{row['parentname']}: {row['urlname']} -> {row['result']}")
    if result.returncode not in (0, 1) or (result.returncode == 1 and not problems):
        problems.append(f"linkchecker failed ({result.returncode}): {result.stderr[-2000:]}")
    return problems


def anchor_problems(site: Path, paths: list[str]) -> list[str]:
    """Links with a fragment (``#id``) whose target page has no element with that id."""
    base = sitelib.base_path(sitelib.site_url(site))
    problems = []
    for path in paths:
        page = sitelib.load_page(site, path)
        for href, _ in page.links:
            parts = urlsplit(href)
            target = sitelib.resolve(path, href, base)
            if not parts.fragment or target is None:
                continue
            built = sitelib.existing_file(site, target)
            if built is None:
                continue  # a broken link: linkchecker reports it
            if built.endswith(".html") and unquote(parts.fragment) not in (
                sitelib.load_page(site, built).ids
            ):
                problems.append(f"{path}: {href} -> no #{unquote(parts.fragment)} in {built}")
    return problems


def test_no_broken_internal_link(base_url):
    if not LINKCHECKER.is_file():
        raise AssertionError(f"{LINKCHECKER} is missing: pip install -r requirements.txt")
    assert linkchecker_problems(base_url) == []


def test_no_broken_anchor(site, pages):
    assert anchor_problems(site, pages) == []


def test_link_checks_catch_a_broken_link_and_anchor(site, tmp_path):
    broken = copy_site(site, tmp_path / "site")
    edit(
        broken / "bptt" / "index.html",
        "</article>",
        '<p><a href="../no-such-page/">x</a> <a href="../recurrent-layer/#없는-제목">y</a></p>'
        "</article>",
    )
    assert anchor_problems(broken, ["bptt/index.html"]) == [
        "bptt/index.html: ../recurrent-layer/#없는-제목 -> no #없는-제목 in "
        "recurrent-layer/index.html"
    ]
    # linkchecker counts only addresses under its start address as internal: start at the home
    # page, which links to no-such-page too, and check its links only (cheap).
    edit(broken / "index.html", "</article>", '<a href="no-such-page/">x</a></article>')
    with serve(broken) as url:
        problems = linkchecker_problems(url, recursion=1)
    assert any("no-such-page" in p and "404" in p for p in problems), problems
