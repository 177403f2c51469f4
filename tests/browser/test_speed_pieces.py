"""What each piece of the speed layer (hooks/speed.py) buys, measured; one that buys nothing fails.

The site is built with every piece on, with none, and with each piece off in turn. On the numpy-rnn
chapter the measure is test_load_work.py's deterministic one: the page's elements, and how many
elements Chromium restyles while it loads; on a notebook page, the bytes of its stylesheets in
the page, which the browser parses and matches before it draws. A piece earns its keep when
turning it off (the others on) adds elements, CSS, or restyles beyond the few restyles that move
between runs. The numbers go to the git-ignored ``lighthouse/speed-pieces.json``.

notebook_css changes nothing but mkdocs-jupyter's stylesheets on notebook pages, so the site
without it is not built: it is the site with every piece, those stylesheets as the site without
any piece has them (test_notebook_css.py's page without the piece).
"""

import json
import re

import pytest
from sitelib import load_hook

from conftest import ROOT, build_with_speed

from .conftest import page_url, serve
from .test_load_work import restyles_on_load
from .test_notebook_css import PAGE as NOTEBOOK
from .test_notebook_css import without_notebook_css

OUT = ROOT / "lighthouse" / "speed-pieces.json"
PAGE = "numpy-rnn/index.html"
MARGIN = 0.02  # restyle counts move by a few elements between runs of the same page
_STYLE = re.compile(r"<style[^>]*>(.*?)</style>", re.S)


def css_bytes(html: str) -> int:
    """Bytes of the stylesheets in a page's markup."""
    return sum(len(css.encode()) for css in _STYLE.findall(html))


def load_work(browser, site, trace) -> dict[str, float]:
    """Elements of ``PAGE`` of ``site``, elements restyled on load, their ratio, and the bytes
    of CSS in ``NOTEBOOK``."""
    with serve(site) as url:
        work = restyles_on_load(browser, page_url(url, PAGE), trace)
    per_element = round(work["restyled"] / work["elements"], 2)
    return {
        "elements": work["elements"],
        "restyled": work["restyled"],
        "per element": per_element,
        "notebook css": css_bytes((site / NOTEBOOK).read_text(encoding="utf-8")),
    }


def earns_its_keep(without: dict[str, float], every: dict[str, float]) -> bool:
    """True when the pages without a piece have more elements or CSS, or clearly more
    restyles."""
    return (
        without["elements"] > every["elements"]
        or without["notebook css"] > every["notebook css"]
        or without["restyled"] > every["restyled"] * (1 + MARGIN)
    )


@pytest.fixture(scope="module")
def measured(browser, site, site_without_speed, tmp_path_factory) -> dict[str, dict]:
    tmp = tmp_path_factory.mktemp("speed-pieces")
    trace = tmp / "trace.json"
    pieces = load_hook("speed").PIECES
    results = {
        "every piece": load_work(browser, site, trace),
        "no piece": load_work(browser, site_without_speed, trace),
    }
    notebook = (site / NOTEBOOK).read_text(encoding="utf-8")
    original = (site_without_speed / NOTEBOOK).read_text(encoding="utf-8")
    results["without notebook_css"] = {
        **results["every piece"],
        "notebook css": css_bytes(without_notebook_css(notebook, original)),
    }
    for piece in pieces:
        if piece == "notebook_css":
            continue
        others = ",".join(p for p in pieces if p != piece)
        results[f"without {piece}"] = load_work(
            browser, build_with_speed(others, tmp / f"without-{piece}"), trace
        )
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(json.dumps({"page": PAGE, **results}, indent=2) + "\n", encoding="utf-8")
    print("\nspeed pieces:", json.dumps(results, indent=2))
    return results


def test_every_piece_makes_the_page_lighter(measured):
    every = measured["every piece"]
    idle = [
        piece
        for piece in load_hook("speed").PIECES
        if not earns_its_keep(measured[f"without {piece}"], every)
    ]
    assert idle == [], f"pieces that buy nothing measurable: {idle} (see {OUT})"
    assert earns_its_keep(measured["no piece"], every)


def test_the_measure_catches_a_piece_that_buys_nothing():
    every = {"elements": 1000, "restyled": 500, "notebook css": 20_000}
    assert not earns_its_keep({**every, "restyled": 505}, every)  # noise, no gain
    assert not earns_its_keep({**every, "elements": 990}, every)
    assert not earns_its_keep(every, every)  # a purge that purges nothing
    assert earns_its_keep({**every, "restyled": 600}, every)
    assert earns_its_keep({**every, "elements": 1200}, every)
    assert earns_its_keep({**every, "notebook css": 600_000}, every)
