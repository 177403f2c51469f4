"""5. Figures load, the variant of the reader's colour scheme is shown, and its text is readable.

Screenshots of every page with figures, light and dark, 1280 and 390 px wide, go to the
git-ignored ``screenshots/`` folder for people to look at (``PAGE-SCHEME-WIDTH.jpg``).
"""

import os
import re
import shutil

import sitelib

from .conftest import SCREENSHOTS, TIMEOUT, copy_site, edit, page_url, serve

# Full-page shots take ~3 s each here (40 of them); by default each shot is the window around the
# page's first figure. SCREENSHOTS_FULL_PAGE=1 takes whole pages.
FULL_PAGE = os.environ.get("SCREENSHOTS_FULL_PAGE", "") not in ("", "0")
SCHEMES = {"light": "default", "dark": "slate"}  # prefers-color-scheme -> Material's scheme
WIDTHS = (1280, 390)
MIN_CONTRAST = 3.0  # WCAG 2 for large text and graphics; figure labels are 14-16 px bold-ish
_IMAGES = """els => els.map(e => ({src: e.getAttribute('src'), url: e.currentSrc || e.src,
    visible: e.checkVisibility({checkVisibilityCSS: true}), width: e.naturalWidth,
    complete: e.complete}))"""
_SCROLL_TO_FIGURE = """() => [...document.querySelectorAll('article img')]
    .find(e => e.checkVisibility())?.scrollIntoView({block: 'center'})"""
_FILLS = """() => [...document.querySelectorAll('text, tspan')]
    .filter(e => e.textContent.trim()).map(e => [getComputedStyle(e).fill, e.textContent.trim()])"""


def rgba(css: str) -> tuple[float, float, float, float] | None:
    numbers = re.fullmatch(r"rgba?\(([^)]*)\)", css.strip())
    if not numbers:
        return None
    parts = [float(p) for p in re.split(r"[\s,/]+", numbers.group(1).strip()) if p]
    return (*parts[:3], parts[3] if len(parts) > 3 else 1.0)


def luminance(rgb) -> float:
    def channel(value):
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(foreground, background) -> float:
    alpha = foreground[3]  # a translucent fill shows the background through it
    blended = [
        f * alpha + b * (1 - alpha) for f, b in zip(foreground[:3], background[:3], strict=True)
    ]
    lighter, darker = sorted((luminance(blended), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def figure_problems(browser, base_url: str, paths: list[str], screenshots=None) -> list[str]:
    """For each page and colour scheme: images load, the scheme's variant alone is shown, and the
    text of each shown SVG contrasts with the page background. With ``screenshots`` (a folder),
    pages that have figures are photographed there."""
    problems: list[str] = []
    fills: dict[str, list] = {}  # SVG address -> [(fill, text)]
    for scheme, material_scheme in SCHEMES.items():
        context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
        context.set_default_timeout(TIMEOUT)
        page = context.new_page()  # one tab: screenshots of a background tab are slow
        try:
            for path in paths:
                where = f"{path} ({scheme})"
                page.goto(page_url(base_url, path), wait_until="load")
                shown = page.evaluate("document.body.dataset.mdColorScheme")
                background = rgba(page.evaluate("getComputedStyle(document.body).backgroundColor"))
                if shown != material_scheme:
                    problems.append(f"{where}: the page shows scheme {shown!r}")
                images = page.locator("article.md-content__inner img").evaluate_all(_IMAGES)
                other = "dark" if scheme == "light" else "light"
                for image in images:
                    src = image["src"]
                    if image["visible"] and (not image["complete"] or image["width"] == 0):
                        problems.append(f"{where}: image {src} does not load")
                    if src.endswith(f"#only-{other}") and image["visible"]:
                        problems.append(f"{where}: {src} is shown in the {scheme} scheme")
                    if src.endswith(f"#only-{scheme}") and not image["visible"]:
                        problems.append(f"{where}: {src} is hidden in the {scheme} scheme")
                if screenshots is not None and images:
                    name = path.removesuffix("index.html").strip("/").replace("/", "-") or "home"
                    for width in WIDTHS:
                        page.set_viewport_size({"width": width, "height": 900})
                        file = screenshots / f"{name}-{scheme}-{width}.jpg"
                        if not FULL_PAGE:  # the first shown figure, in its page
                            page.evaluate(_SCROLL_TO_FIGURE)
                        page.screenshot(path=str(file), full_page=FULL_PAGE, quality=80)
                    page.set_viewport_size({"width": 1280, "height": 900})
                for image in images:
                    url = image["url"].split("#")[0]
                    if not image["visible"] or not url.endswith(".svg") or not image["width"]:
                        continue
                    if url not in fills:
                        page.goto(url)  # the page itself is done with
                        fills[url] = page.evaluate(_FILLS)
                    for fill, text in fills[url]:
                        colour = rgba(fill)
                        if colour is None or background is None:
                            continue  # no fill, or a gradient
                        ratio = contrast(colour, background)
                        if ratio < MIN_CONTRAST:
                            problems.append(
                                f"{where}: {image['src']}: text {text!r} ({fill}) has contrast "
                                f"{ratio:.2f} < {MIN_CONTRAST} on the page background"
                            )
        finally:
            context.close()
    return problems


def test_figures_load_and_read_in_both_schemes(browser, site, base_url, pages):
    with_images = [path for path in pages if sitelib.load_page(site, path).images]
    SCREENSHOTS.mkdir(exist_ok=True)
    assert figure_problems(browser, base_url, with_images, screenshots=SCREENSHOTS) == []


def test_figure_check_catches_a_missing_image_and_unreadable_dark_text(browser, site, tmp_path):
    broken = copy_site(site, tmp_path / "site")
    html = broken / "recurrent-layer" / "index.html"
    dark = re.findall(r'src="([^"]+-dark\.svg)#only-dark"', html.read_text(encoding="utf-8"))
    assert len(dark) >= 2, "the recurrent-layer page needs two figures for this test"
    # the first dark figure gets the light figure's dark text; the second one goes missing
    first = html.parent / dark[0]
    shutil.copy(first.with_name(first.name.replace("-dark", "-light")), first)
    edit(html, f'src="{dark[1]}#only-dark"', 'src="figures/missing-dark.svg#only-dark"')
    with serve(broken) as url:
        problems = figure_problems(browser, url, ["recurrent-layer/index.html"])
    assert any("contrast" in p and "(dark)" in p for p in problems), problems
    assert any("missing-dark.svg#only-dark does not load" in p for p in problems), problems
    assert not any("(light)" in p for p in problems), problems
