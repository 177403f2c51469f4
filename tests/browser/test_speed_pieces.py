"""What each piece of the speed layer (hooks/speed.py) buys, measured; one that buys nothing fails.

The site is built with every piece on, with none, and with each piece off in turn. On the numpy-rnn
chapter the measure is test_load_work.py's deterministic one: the page's elements, and how many
elements Chromium restyles while it loads. A piece earns its keep when turning it off (the others
on) adds elements or restyles beyond the few restyles that move between runs. The numbers go to
the git-ignored ``lighthouse/speed-pieces.json``.
"""

import json

import pytest
from sitelib import load_hook

from conftest import ROOT, build_with_speed

from .conftest import page_url, serve
from .test_load_work import restyles_on_load

OUT = ROOT / "lighthouse" / "speed-pieces.json"
PAGE = "numpy-rnn/index.html"
MARGIN = 0.02  # restyle counts move by a few elements between runs of the same page


def load_work(browser, site, trace) -> dict[str, float]:
    """Elements of ``PAGE`` of ``site``, elements restyled on load, and their ratio."""
    with serve(site) as url:
        work = restyles_on_load(browser, page_url(url, PAGE), trace)
    per_element = round(work["restyled"] / work["elements"], 2)
    return {"elements": work["elements"], "restyled": work["restyled"], "per element": per_element}


def earns_its_keep(without: dict[str, float], every: dict[str, float]) -> bool:
    """True when the page without a piece has more elements, or clearly more restyles."""
    return without["elements"] > every["elements"] or without["restyled"] > every["restyled"] * (
        1 + MARGIN
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
    for piece in pieces:
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
    every = {"elements": 1000, "restyled": 500}
    assert not earns_its_keep({"elements": 1000, "restyled": 505}, every)  # noise, no gain
    assert not earns_its_keep({"elements": 990, "restyled": 500}, every)
    assert earns_its_keep({"elements": 1000, "restyled": 600}, every)
    assert earns_its_keep({"elements": 1200, "restyled": 500}, every)
