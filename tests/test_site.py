"""The built site as a whole: a clean strict build, page languages, no third-party fetches,
the language switch, the page set and Hangul heading anchors.

Every check is a function returning a list of problems; each is run on the real build
(expecting ``[]``) and on a hand-made mutant (expecting the problem to be reported).
"""

import re
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import markdown
import pytest
from mkdocs.config import load_config
from sitelib import (
    HANGUL,
    base_path,
    css_urls,
    existing_file,
    html_files,
    in_language,
    is_off_site,
    language_of,
    load_page,
    page_slugs,
    parse_page,
    resolve,
    site_url,
    strip_language,
)

from conftest import LANGUAGES, ROOT
from project import REPO_URL, SITE_URL

MIN_PAGES = 10

# -- checks


def build_problems(result: subprocess.CompletedProcess) -> list[str]:
    problems = [] if result.returncode == 0 else [f"mkdocs exited with {result.returncode}"]
    output = f"{result.stdout}\n{result.stderr}"
    return problems + [line.strip() for line in output.splitlines() if "WARNING" in line]


def lang_problems(page) -> list[str]:
    expected = language_of(page.path)
    if page.lang != expected:
        return [f'{page.path}: <html lang="{page.lang}">, expected lang="{expected}"']
    return []


def off_site_problems(page, site_url_: str | None) -> list[str]:
    """Everything an HTML or SVG page fetches (elements, inline CSS) from another host."""
    fetched = list(page.fetches)
    fetched += [("CSS in <style>/style=", url) for css in page.styles for url in css_urls(css)]
    return [
        f"{page.path}: {what} loads {url}" for what, url in fetched if is_off_site(url, site_url_)
    ]


def css_problems(path: str, css: str, site_url_: str | None) -> list[str]:
    return [f"{path}: loads {url}" for url in css_urls(css) if is_off_site(url, site_url_)]


def language_switch_problems(site: Path, page, base: str) -> list[str]:
    """The header's language links lead to this page's twin in each language, and it exists.

    The 404 page has no twin: its links only have to lead to a built page.
    """
    problems = []
    languages = [language for language, _ in page.language_links]
    if sorted(languages) != sorted(LANGUAGES):
        problems.append(f"{page.path}: language selector offers {languages}, not {LANGUAGES}")
    for language, href in page.language_links:
        target = resolve(page.path, href, base)
        found = existing_file(site, target) if target else None
        if found is None:
            problems.append(f"{page.path}: {language} link {href!r} leads to no built page")
        elif page.slug != "404.html" and found != in_language(page.slug, language):
            expected = in_language(page.slug, language)
            problems.append(
                f"{page.path}: {language} link {href!r} leads to {found}, not {expected}"
            )
    return problems


def page_set_problems(site: Path, minimum: int = MIN_PAGES) -> list[str]:
    problems = []
    slugs = {language: page_slugs(site, language) for language in LANGUAGES}
    for language, pages in slugs.items():
        if len(pages) < minimum:
            problems.append(f"{language}: {len(pages)} pages, fewer than {minimum}")
        for other in LANGUAGES:
            for slug in sorted(slugs[other] - pages):
                problems.append(
                    f"{language}: no page {in_language(slug, language)} ({other} has it)"
                )
    return problems


def hangul_anchor_problems(page) -> list[str]:
    """Headings keep their Hangul in their id, and no heading gets an empty or ``_1`` id."""
    problems = []
    for heading in page.headings:
        if heading.level == 1:
            continue
        if not heading.id.strip("_0123456789-"):
            problems.append(f"{page.path}: h{heading.level} {heading.text!r} has id {heading.id!r}")
        elif HANGUL.search(heading.text) and not HANGUL.search(heading.id):
            problems.append(
                f"{page.path}: h{heading.level} {heading.text!r} lost its Hangul: id {heading.id!r}"
            )
    return problems


def pages_url(repo_url: str) -> str:
    """Where GitHub Pages publishes ``https://github.com/OWNER/NAME``."""
    parts = urlsplit(repo_url)
    owner, name = parts.path.strip("/").split("/")[:2]
    if parts.netloc != "github.com":
        raise ValueError(f"repo_url must be a github.com repository, got {repo_url!r}")
    return f"https://{owner.lower()}.github.io/{name}/"


# -- the real site


def test_site_url_is_where_github_pages_publishes_the_repository():
    assert pages_url(REPO_URL) == SITE_URL, "set site_url in mkdocs.yml to pages_url(repo_url)"


def test_pages_url_tells_a_moved_repository():
    assert pages_url("https://github.com/Someone/rnn-docs") == "https://someone.github.io/rnn-docs/"
    assert pages_url(REPO_URL.replace("rnn-docs/rnn-docs", "a/b")) != SITE_URL
    with pytest.raises(ValueError, match="github.com"):
        pages_url("https://gitlab.com/rnn-docs/rnn-docs")


def test_strict_build_without_warnings(site_build):
    _, result = site_build
    assert build_problems(result) == []


def test_every_page_has_its_language(site):
    pages = [load_page(site, path) for path in html_files(site)]
    assert pages
    assert [problem for page in pages for problem in lang_problems(page)] == []


def test_nothing_is_fetched_from_another_host(site):
    url = site_url(site)
    problems = []
    for path in html_files(site) + sorted(
        p.relative_to(site).as_posix() for p in site.rglob("*.svg")
    ):
        problems += off_site_problems(load_page(site, path), url)
    css_files = sorted(site.rglob("*.css"))
    assert css_files, "no style sheets built"
    for file in css_files:
        problems += css_problems(file.relative_to(site).as_posix(), file.read_text("utf-8"), url)
    assert problems == []


UNRENDERED = re.compile(r"<(code|pre|math|script|style|textarea)\b.*?</\1>", re.S)
RAW_TEX = re.compile(r"\$[^$\s<>][^$<>]{0,80}\$|\\\(|\\\[")


def raw_tex(path: str, html: str) -> list[str]:
    """TeX left as text in a page's article (math in raw HTML, such as a figcaption, is not
    rendered); the browser test (tests/browser/test_math.py) checks the drawn math as well."""
    article = html[html.find("<article") : html.find("</article>")]
    text = re.sub(r"<[^>]+>", " ", UNRENDERED.sub("", article))
    return [f"{path}: raw TeX {m.group(0)!r}" for m in RAW_TEX.finditer(text)]


def test_no_raw_tex_on_any_page(site):
    problems = [
        p
        for path in html_files(site)
        if "/notebooks/" not in f"/{path}"
        for p in raw_tex(path, (site / path).read_text(encoding="utf-8"))
    ]
    assert problems == []


def test_raw_tex_check_catches_math_in_a_caption():
    caption = "<article><figcaption>with $W_h$ at \\(T-k\\)</figcaption></article>"
    assert len(raw_tex("x.html", caption)) == 2
    assert raw_tex("x.html", "<article><math><mi>W</mi></math><code>$x$</code></article>") == []


def test_language_switch_leads_to_the_twin(site):
    base = base_path(site_url(site))
    problems = []
    for path in html_files(site):
        problems += language_switch_problems(site, load_page(site, path), base)
    assert problems == []


def test_same_pages_in_every_language(site):
    assert page_set_problems(site) == []


def test_configured_slugify_keeps_hangul():
    """The site's Markdown configuration gives a Korean h2 a Hangul id, whatever the pages say."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    md = markdown.Markdown(
        extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"]
    )
    html = md.convert("# 제목\n\n## 은닉 상태(hidden state)\n\n### BPTT와 잘린 BPTT\n")
    page = parse_page(f'<article class="md-content__inner">{html}</article>', "x/index.html")
    assert [(h.level, h.id) for h in page.headings[1:]] == [
        (2, "은닉-상태hidden-state"),
        (3, "bptt와-잘린-bptt"),
    ]
    assert hangul_anchor_problems(page) == []


def test_korean_headings_keep_hangul_anchors(site):
    pages = [load_page(site, path) for path in html_files(site)]
    korean = [page for page in pages if page.language == "ko"]
    assert [problem for page in korean for problem in hangul_anchor_problems(page)] == []


# -- the checks catch what they look for


def test_build_problems_catches_warnings_and_failure():
    clean = subprocess.CompletedProcess([], 0, "INFO    -  Building\n", "INFO    -  done\n")
    assert build_problems(clean) == []
    warned = subprocess.CompletedProcess([], 0, "", "WARNING -  Doc file 'ko/x.md' contains..\n")
    assert len(build_problems(warned)) == 1
    assert build_problems(subprocess.CompletedProcess([], 1, "", "Aborted")) != []


def test_lang_problems_catches_a_wrong_language():
    assert lang_problems(parse_page('<html lang="ko">', "bptt/index.html")) == []
    assert lang_problems(parse_page('<html lang="en">', "en/bptt/index.html")) == []
    assert lang_problems(parse_page('<html lang="ko">', "en/bptt/index.html")) != []
    assert lang_problems(parse_page('<html lang="en">', "404.html")) != []
    assert lang_problems(parse_page("<html>", "index.html")) != []


ALLOWED = """<html lang="ko"><head>
<link rel="canonical" href="https://rnn-docs.github.io/rnn-docs/x/">
<link rel="alternate" href="https://example.org/en/x/" hreflang="en">
<link rel="stylesheet" href="../assets/main.css">
<link rel="icon" href="/rnn-docs/assets/favicon.png">
<link rel="preload" href="https://rnn-docs.github.io/rnn-docs/assets/font.woff2">
<script src="../assets/bundle.js"></script>
<style>body { background: url("data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg'/>") }
/* @import url(https://fonts.googleapis.com/css); */</style>
</head><body><article class="md-content__inner">
<a href="https://arxiv.org/abs/1409.3215">a paper</a>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">
<use xlink:href="#icon"></use></svg>
<img src="../figures/unrolled-light.svg#only-light" srcset="a.png 1x, b.png 2x">
<p style="background: url(../figures/x.png)">text</p>
</article></body></html>"""
FORBIDDEN = {
    "script": '<script src="https://cdn.jsdelivr.net/npm/mathjax@3/es5/tex-mml-chtml.js"></script>',
    "stylesheet": '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">',
    "alternate stylesheet": '<link rel="alternate stylesheet" href="//cdn.example.org/dark.css">',
    "preconnect": '<link rel="preconnect" href="https://fonts.gstatic.com">',
    "modulepreload": '<link rel="modulepreload" href="https://esm.sh/x.js">',
    "icon": '<link rel="shortcut icon" href="http://example.org/favicon.ico">',
    "manifest": '<link rel="manifest" href="https://example.org/site.webmanifest">',
    "img": '<img src="https://img.shields.io/badge/x-y-blue">',
    "srcset": '<img src="a.png" srcset="a.png 1x, https://example.org/a@2x.png 2x">',
    "source": '<picture><source srcset="https://example.org/a.webp"></picture>',
    "iframe": '<iframe src="https://www.youtube.com/embed/x"></iframe>',
    "video poster": '<video poster="https://example.org/p.jpg"></video>',
    "svg image": '<svg><image href="https://example.org/p.png"/></svg>',
    "style @import": "<style>@import 'https://fonts.googleapis.com/css2?family=Noto';</style>",
    "style url()": "<style>@font-face { src: url(https://fonts.gstatic.com/x.woff2) }</style>",
    "style attribute": "<div style=\"background-image: url('https://example.org/bg.png')\"></div>",
    "other host, same start": '<script src="https://rnn-docs.github.io/other/x.js"></script>',
}


def test_off_site_problems_allows_links_and_local_files():
    assert off_site_problems(parse_page(ALLOWED, "x/index.html"), SITE_URL) == []


def test_off_site_problems_catches_every_kind_of_fetch():
    missed = []
    for kind, element in FORBIDDEN.items():
        mutant = ALLOWED.replace("<p style", element + "<p style")
        if off_site_problems(parse_page(mutant, "x/index.html"), SITE_URL) == []:
            missed.append(kind)
    assert missed == []


def test_css_problems_catches_imports_and_urls():
    local = '@charset "utf-8";\n.a{background:url(../images/a.svg)}\n.b{mask:url("data:x")}'
    assert css_problems("a.css", local, SITE_URL) == []
    for css in (
        '@import "https://fonts.googleapis.com/css2?family=Noto+Sans+KR";',
        "@import url(//fonts.googleapis.com/css);",
        "@font-face{font-family:x;src:url('https://fonts.gstatic.com/x.woff2')}",
        ".a { background: URL( http://example.org/a.png ) }",
    ):
        assert css_problems("a.css", local + css, SITE_URL) != [], css


def _selector(ko_href: str, en_href: str) -> str:
    return (
        f'<a href="{ko_href}" hreflang="ko" class="md-select__link">한국어</a>'
        f'<a href="{en_href}" hreflang="en" class="md-select__link">English</a>'
    )


def test_language_switch_problems_catches_wrong_and_missing_targets(tmp_path):
    for path in ("index.html", "bptt/index.html", "en/index.html", "en/bptt/index.html"):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text("<html>")
    base = "/rnn-docs/"

    def problems(path, ko_href, en_href):
        return language_switch_problems(
            tmp_path, parse_page(_selector(ko_href, en_href), path), base
        )

    assert problems("bptt/index.html", "./", "../en/bptt/") == []
    assert problems("en/bptt/index.html", "../../bptt/", "./") == []
    assert problems("en/index.html", "/rnn-docs/", "/rnn-docs/en/") == []
    assert problems("404.html", "/rnn-docs/bptt/", "/rnn-docs/en/bptt/") == []
    assert problems("bptt/index.html", "./", "../en/") != []  # English home, not the twin
    assert problems("bptt/index.html", "./", "../en/lstm/") != []  # no such page
    assert problems("en/bptt/index.html", "../../", "./") != []
    assert problems("404.html", "/rnn-docs/bptt/", "/elsewhere/en/bptt/") != []
    only_ko = parse_page('<a href="./" hreflang="ko" class="md-select__link">ko</a>', "index.html")
    assert language_switch_problems(tmp_path, only_ko, base) != []


def test_page_set_problems_catches_a_missing_twin_and_too_few_pages(tmp_path):
    for slug in ("index.html", "a/index.html", "b/index.html", "404.html"):
        for language in LANGUAGES:
            file = tmp_path / in_language(slug, language)
            file.parent.mkdir(parents=True, exist_ok=True)
            file.write_text("<html>")
    assert page_set_problems(tmp_path, minimum=3) == []
    assert page_set_problems(tmp_path, minimum=4) != []  # 404.html is not a page
    (tmp_path / in_language("b/index.html", LANGUAGES[-1])).unlink()
    assert page_set_problems(tmp_path, minimum=2) != []
    assert strip_language(in_language("b/index.html", LANGUAGES[-1])) == "b/index.html"


def test_hangul_anchor_problems_catches_lost_hangul():
    good = '<article class="md-content__inner"><h2 id="은닉-상태">은닉 상태</h2></article>'
    assert hangul_anchor_problems(parse_page(good, "bptt/index.html")) == []
    for heading in (
        '<h2 id="">은닉 상태</h2>',
        '<h2 id="_1">은닉 상태</h2>',
        '<h3 id="bptt">잘린 BPTT</h3>',
    ):
        mutant = f'<article class="md-content__inner">{heading}</article>'
        assert hangul_anchor_problems(parse_page(mutant, "bptt/index.html")) != [], heading
