"""Speed, counted rather than timed: how many times a page's elements are styled while it loads.

Lighthouse's scores (test_lighthouse.py) move with the load on this shared machine; the number of
elements Chromium restyles on load does not, and it is the performance gate. On the long
chapters most of the time to interactive went to whole-page restyles that Material's scripts
forced (its palette component, its table wrapper, the classes it puts on <html>); the speed layer
(hooks/speed.py) keeps them out. Styling every element once would be 1.0 per element; code
blocks and tables off screen are not styled at load at all, so a chapter comes in under that.
What each piece of the layer buys on this measure is tests/browser/test_speed_pieces.py's.
"""

import json
import time
from collections import Counter

from .conftest import browser_page, page_url, serve_edited

RESTYLE_LIMIT = 1.5
CATEGORIES = ["devtools.timeline", "disabled-by-default-devtools.timeline.stack"]
# The LSTM chapter holds the try-it panel, whose script draws its controls at load.
CHAPTERS = [
    "numpy-rnn/index.html",
    "checking/index.html",
    "en/memory/index.html",
    "lstm/index.html",
]
BUNDLE = "**/assets/javascripts/bundle.*.min.js"
BUNDLE_HOLD = 1.0  # seconds: long after the page's first style pass, even on a loaded machine


def hold_bundle(route) -> None:
    time.sleep(BUNDLE_HOLD)
    route.continue_()


def restyles_on_load(browser, url: str, trace_file, color_scheme: str = "light") -> dict:
    """Elements restyled from navigation to a second after load, by the function that forced it.

    The theme's bundle is held back until the page has been parsed and styled, as on a phone's
    network, where its download outlasts the page's. Served from this machine it may arrive
    before or after the first style pass, depending on the load, and what its scripts cost
    would change with it.
    """
    with browser_page(browser, color_scheme=color_scheme) as page:
        page.route(BUNDLE, hold_bundle)
        browser.start_tracing(page=page, path=str(trace_file), categories=CATEGORIES)
        page.goto(url, wait_until="load")
        page.wait_for_timeout(1000)
        browser.stop_tracing()
        elements = page.evaluate("document.getElementsByTagName('*').length")
    events = json.loads(trace_file.read_text(encoding="utf-8"))["traceEvents"]
    renderer = Counter(
        (event["pid"], event["tid"]) for event in events if event.get("name") == "Layout"
    ).most_common(1)[0][0]
    by_cause: Counter = Counter()
    for event in events:
        if (event["pid"], event["tid"]) != renderer or event.get("name") != "UpdateLayoutTree":
            continue
        args = event.get("args", {})
        stack = (args.get("beginData") or {}).get("stackTrace") or [{"functionName": "(frame)"}]
        by_cause[stack[0]["functionName"] or "(anonymous)"] += args.get("elementCount", 0)
    return {"elements": elements, "restyled": sum(by_cause.values()), "by_cause": by_cause}


def restyle_problems(path: str, work: dict) -> list[str]:
    ratio = work["restyled"] / work["elements"]
    if ratio <= RESTYLE_LIMIT:
        return []
    causes = ", ".join(f"{name} {count}" for name, count in work["by_cause"].most_common(5))
    return [
        f"{path}: {work['restyled']} elements restyled on load for {work['elements']} elements "
        f"({ratio:.1f}x > {RESTYLE_LIMIT}x); the largest: {causes}"
    ]


def test_chapters_are_styled_about_once_on_load(browser, base_url, tmp_path):
    problems, seen = [], {}
    for path in CHAPTERS:
        for scheme in ("light", "dark"):
            work = restyles_on_load(browser, page_url(base_url, path), tmp_path / "t.json", scheme)
            seen[f"{path} {scheme}"] = round(work["restyled"] / work["elements"], 2)
            problems += restyle_problems(f"{path} ({scheme})", work)
    print("\nrestyled elements per element on load:", seen)
    assert problems == []


def test_restyle_check_catches_materials_palette_component(browser, site, tmp_path):
    """Material's own palette component back on a page: three whole-page restyles more."""
    material = 'data-md-component="palette"'
    with serve_edited(site, tmp_path, "numpy-rnn/index.html", "data-palette", material) as url:
        work = restyles_on_load(browser, page_url(url, "numpy-rnn/index.html"), tmp_path / "t")
    assert restyle_problems("numpy-rnn", work) != []
