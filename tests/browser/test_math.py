"""6. Math is rendered: no raw TeX left in the page text, every shown ``<math>`` has a size."""

from .conftest import browser_page, page_url, scroll_through, serve_edited

_MATH = """() => {
  const article = document.querySelector('article.md-content__inner');
  const text = article.cloneNode(true);
  text.querySelectorAll('pre, code, math, script, style').forEach(e => e.remove());
  const raw = (text.textContent.match(/\\$[^$\\s][^$]*\\$|\\\\\\(|\\\\\\[/g) || []);
  const empty = [...article.querySelectorAll('math')]
    .filter(m => m.checkVisibility({checkVisibilityCSS: true}))
    .filter(m => { const r = m.getBoundingClientRect(); return !(r.width > 0 && r.height > 0); })
    .map(m => m.outerHTML.slice(0, 80));
  return {raw, empty};
}"""


def math_problems(browser, base_url: str, paths: list[str]) -> list[str]:
    problems = []
    with browser_page(browser) as page:
        for path in paths:
            page.goto(page_url(base_url, path), wait_until="load")
            scroll_through(page)  # tables far down are drawn only then
            found = page.evaluate(_MATH)
            problems += [f"{path}: raw TeX in the text: {raw!r}" for raw in found["raw"]]
            problems += [f"{path}: math with no size: {math}" for math in found["empty"]]
    return problems


def test_math_is_rendered(browser, base_url, pages):
    assert math_problems(browser, base_url, pages) == []


def test_math_check_catches_raw_tex_and_empty_math(browser, site, tmp_path):
    raw = r"<p>raw $h_t = x$ and \(y\) <math></math></p></article>"
    with serve_edited(site, tmp_path, "bptt/index.html", "</article>", raw) as url:
        problems = math_problems(browser, url, ["bptt/index.html"])
    assert len(problems) == 3, problems
