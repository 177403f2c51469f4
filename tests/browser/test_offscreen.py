"""Off-screen code and tables (the offscreen piece of hooks/speed.py): skipped at load, unseen.

Skipping the style and layout of what is off screen is a gain only if nothing shows it: a skipped
code block reserves exactly the height it will have, the containment moves nothing on the page,
and the keyboard still reaches every code block that scrolls, with focus never dropped.

Chromium (since 130) and Firefox make a scrolling box focusable by themselves, so here the Tab walk
reaches such blocks even without the ``tabindex`` the hook writes; that attribute is for Safari,
and tests/test_offscreen.py checks it is on every block.
"""

import pytest

from .conftest import browser_page, open_solutions, page_url, scroll_through, serve_edited

PAGES = ["numpy-rnn/index.html", "en/checking/index.html", "glossary/index.html"]
WIDTHS = (390, 1280)
SKIPPABLE = "article .highlight > pre > code, article > .table-box"

# A block's contents, not the block, are what is skipped: ask its first child.
_CODE_HEIGHTS = """() => [...document.querySelectorAll('article .highlight > pre > code')]
  .map(code => ({
    skipped: !(code.firstElementChild?.checkVisibility({contentVisibilityAuto: true}) ?? true),
    height: code.getBoundingClientRect().height,
  }))"""

# Where every box of the article sits: its children, and the code blocks and tables inside them.
_LAYOUT = """() => [...document.querySelectorAll('article > *, article pre, article table')]
  .filter(e => !e.matches('.table-box'))  /* the box itself takes its wrapper's margins */
  .map(e => { const r = e.getBoundingClientRect();
    return [e.tagName, ...[r.top + scrollY, r.left, r.width, r.height].map(Math.round)]; })"""

# The stylesheet without the rules that skip off-screen boxes: the page as Material lays it out.
_WITHOUT_SKIPPING = """() => { for (const sheet of document.styleSheets) {
  const rules = [...sheet.cssRules];
  for (let i = rules.length - 1; i >= 0; i--)
    if (/--lines|--rows/.test(rules[i].selectorText || '')) sheet.deleteRule(i);
} }"""


@pytest.mark.parametrize("width", WIDTHS)
def test_skipped_code_blocks_keep_the_height_they_will_have(browser, base_url, width):
    problems, skipped = [], 0
    with browser_page(browser, viewport={"width": width, "height": 800}) as page:
        for path in PAGES:
            page.goto(page_url(base_url, path), wait_until="load")
            open_solutions(page)
            at_load = page.evaluate(_CODE_HEIGHTS)
            scroll_through(page)
            drawn = page.evaluate(_CODE_HEIGHTS)
            skipped += sum(block["skipped"] for block in at_load)
            problems += [
                f"{path} at {width}px: code block {index + 1} reserved {before['height']:.1f}px, "
                f"drawn {after['height']:.1f}px"
                for index, (before, after) in enumerate(zip(at_load, drawn, strict=True))
                if abs(before["height"] - after["height"]) > 1
            ]
    assert skipped >= 10, "code blocks off screen are no longer skipped at load"
    assert problems == []


@pytest.mark.parametrize("width", WIDTHS)
def test_skipping_moves_nothing_on_the_page(browser, base_url, width):
    problems = []
    with browser_page(browser, viewport={"width": width, "height": 800}) as page:
        for path in PAGES:
            page.goto(page_url(base_url, path), wait_until="load")
            open_solutions(page)
            scroll_through(page)
            skipping = page.evaluate(_LAYOUT)
            page.evaluate(_WITHOUT_SKIPPING)
            assert page.locator(SKIPPABLE).evaluate_all(
                "boxes => boxes.every(b => getComputedStyle(b).contentVisibility === 'visible')"
            )
            material = page.evaluate(_LAYOUT)
            problems += [
                f"{path} at {width}px: {ours[0]} at {ours[1:]} (top, left, width, height), "
                f"without skipping {theirs[1:]}"
                for ours, theirs in zip(skipping, material, strict=True)
                if ours != theirs
            ]
    assert problems == []


_FOCUS = """() => {
  const focused = document.activeElement;
  const codes = [...document.querySelectorAll('article pre > code')];
  return {tag: focused.tagName, code: codes.indexOf(focused), footer: !!focused.closest('footer')};
}"""
_SCROLLING = """() => [...document.querySelectorAll('article pre > code')]
  .flatMap((code, index) => code.scrollWidth > code.clientWidth ? [index] : [])"""


def tab_through(browser, url: str) -> dict:
    """Press Tab from the top of the page until focus reaches the footer: what had focus after
    each press, and which code blocks scroll sideways (all laid out, nothing skipped)."""
    focused = []
    with browser_page(browser, viewport={"width": 1280, "height": 800}) as page:
        page.goto(url, wait_until="load")
        open_solutions(page)
        page.evaluate(_WITHOUT_SKIPPING)
        scrolling = set(page.evaluate(_SCROLLING))
        page.reload(wait_until="load")
        open_solutions(page)
        while len(focused) < 400 and not (focused and focused[-1]["footer"]):
            page.keyboard.press("Tab")
            page.wait_for_timeout(30)  # a frame or two: a block that came into view is mounted
            focused.append(page.evaluate(_FOCUS))
    return {
        "tags": [step["tag"] for step in focused],
        "code blocks": {step["code"] for step in focused} - {-1},
        "scrolling": scrolling,
    }


def test_tabbing_through_a_chapter_reaches_every_block_and_never_drops_focus(browser, base_url):
    steps = tab_through(browser, page_url(base_url, "numpy-rnn/index.html"))
    assert steps["tags"].count("BODY") == 0, steps["tags"]
    assert len(steps["scrolling"]) >= 3  # some blocks do scroll at 1280px: the check has teeth
    assert steps["scrolling"] <= steps["code blocks"]


def test_tab_check_catches_focus_dropped_when_a_block_is_mounted(browser, site, tmp_path):
    keep_focus = "target.focus({ preventScroll: true });"
    with serve_edited(site, tmp_path, "numpy-rnn/index.html", keep_focus, "") as url:
        steps = tab_through(browser, page_url(url, "numpy-rnn/index.html"))
    assert "BODY" in steps["tags"]
