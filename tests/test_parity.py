"""Korean and English are twins: the same pages, sections, figures, code and internal links.

Each check takes the Korean and the English build of one page (:class:`sitelib.Page`) and returns
the differences; the code blocks are compared in the built HTML, so snippet includes (``--8<--``)
are compared as the reader sees them. The checks run on every real page and on a probe project
(the repository's configuration with known pages) in which one thing is removed from one
language only.
"""

import difflib
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

import pytest
from sitelib import (
    base_path,
    existing_file,
    in_language,
    is_off_site,
    load_page,
    resolve,
    site_url,
    strip_language,
)

from conftest import DOCS, LANGUAGES, build_site, make_probe_project

KO, EN = LANGUAGES
PAGE_SUFFIXES = (".md", ".ipynb")
# generated links that are not the author's: heading permalinks, footnote references
# True: plain-text blocks (```text, no syntax highlighting) may be translated and are compared by
# position only; False: every <pre><code> must have the same text in both languages.
PLAIN_TEXT_BLOCKS_MAY_DIFFER = True
GENERATED_LINK_CLASSES = {"headerlink", "footnote-ref", "footnote-backref"}


def source_pages(folder: Path) -> set[str]:
    """Pages (Markdown and notebooks) under one language folder, as paths relative to it."""
    if not folder.is_dir():
        return set()
    return {
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.suffix in PAGE_SUFFIXES and p.is_file() and ".ipynb_checkpoints" not in p.parts
    }


def built_path(source: str) -> str:
    """The built file of a page source (``bptt.md`` -> ``bptt/index.html``), language-free."""
    path = PurePosixPath(source)
    if path.stem in ("index", "README"):
        return (path.parent / "index.html").as_posix()
    return (path.parent / path.stem / "index.html").as_posix()


# -- checks


def twin_problems(docs: Path) -> list[str]:
    pages = {language: source_pages(docs / language) for language in LANGUAGES}
    problems = []
    for language, names in pages.items():
        for other in LANGUAGES:
            for name in sorted(pages[other] - names):
                problems.append(f"docs/{other}/{name} has no twin docs/{language}/{name}")
    return problems


def sequence_differences(what, ko_keys, en_keys, ko_labels=None, en_labels=None) -> list[str]:
    """Where two sequences differ, with labels of the items involved."""
    ko_labels = ko_labels or [repr(k) for k in ko_keys]
    en_labels = en_labels or [repr(k) for k in en_keys]
    matcher = difflib.SequenceMatcher(None, list(ko_keys), list(en_keys), autojunk=False)
    differences = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            differences.append(
                f"{what} {tag}: {KO} #{i1 + 1} {ko_labels[i1:i2]} vs {EN} #{j1 + 1} "
                f"{en_labels[j1:j2]}"
            )
    return differences


def _sections(page):
    headings = [h for h in page.headings if h.level in (2, 3)]
    return [h.level for h in headings], [f"h{h.level} {h.text}" for h in headings]


def section_differences(ko, en) -> list[str]:
    """The same h2/h3 headings in the same order (compared by level: the texts are translated)."""
    (ko_levels, ko_labels), (en_levels, en_labels) = _sections(ko), _sections(en)
    return sequence_differences("sections", ko_levels, en_levels, ko_labels, en_labels)


def image_target(page, src: str, base: str) -> str:
    """An image address made comparable between languages: path below the language folder."""
    parts = urlsplit(src)
    if parts.scheme == "data":
        return "data:" + parts.path.split(";")[0].split(",")[0]
    target = None if is_off_site(src) else resolve(page.path, src, base)
    if target is None:
        return src
    return strip_language(target) + (f"#{parts.fragment}" if parts.fragment else "")


def figure_differences(ko, en, base: str = "/") -> list[str]:
    """The same images (same file names, same light/dark fragments) in the same order."""
    ko_images = [image_target(ko, src, base) for src in ko.images]
    en_images = [image_target(en, src, base) for src in en.images]
    return sequence_differences("figures", ko_images, en_images)


def code_differences(ko, en, plain_text_may_differ: bool = False) -> list[str]:
    """The same code blocks (text of every ``<pre><code>``) in the same order.

    With ``plain_text_may_differ``, blocks without syntax highlighting (```` ```text ````) only
    have to be there, at the same place: their text may be translated.
    """

    def keys(page):
        return [
            code if highlighted or not plain_text_may_differ else "(plain text block)"
            for code, highlighted in zip(page.code_blocks, page.code_highlighted, strict=True)
        ]

    def label(code: str) -> str:
        first = code.strip().split("\n")[0] if code.strip() else ""
        return f"{first[:60]!r} ({len(code.splitlines())} lines)"

    return sequence_differences(
        "code blocks",
        keys(ko),
        keys(en),
        [label(c) for c in ko.code_blocks],
        [label(c) for c in en.code_blocks],
    )


def authored_links(page):
    """``(href, site path)`` of the article's links that stay on the site, in order."""
    links = []
    for href, classes in page.links:
        if GENERATED_LINK_CLASSES & set(classes) or is_off_site(href):
            continue
        links.append(href)
    return links


def link_differences(ko, en, base: str = "/") -> list[str]:
    """The same internal link targets in the same order (fragments ignored: ids are translated)."""

    def targets(page):
        out = []
        for href in authored_links(page):
            target = resolve(page.path, href, base)
            out.append(strip_language(target) if target else href)
        return out

    return sequence_differences("internal links", targets(ko), targets(en))


def anchor_problems(site: Path, page, base: str = "/") -> list[str]:
    """Every internal link with a ``#fragment`` in the article leads to an existing id."""
    problems = []
    for href, _ in page.links:
        fragment = urlsplit(href).fragment
        if not fragment or is_off_site(href):
            continue
        target = resolve(page.path, href, base)
        found = existing_file(site, target) if target else None
        if found is None:
            problems.append(f"{page.path}: link {href!r} leads to no built page")
        elif found.endswith(".html") and unquote(fragment) not in load_page(site, found).ids:
            problems.append(f"{page.path}: link {href!r}: no id {unquote(fragment)!r} in {found}")
    return problems


PAIR_CHECKS = {
    "sections": lambda ko, en, base: section_differences(ko, en),
    "figures": figure_differences,
    "code": lambda ko, en, base: code_differences(ko, en, PLAIN_TEXT_BLOCKS_MAY_DIFFER),
    "links": link_differences,
}


# -- the real pages

SOURCES = sorted(source_pages(DOCS / KO) | source_pages(DOCS / EN))


def test_every_page_has_a_twin():
    assert len(SOURCES) > 0
    assert twin_problems(DOCS) == []


def _pair(site: Path, source: str):
    slug = built_path(source)
    for language in LANGUAGES:
        if existing_file(site, in_language(slug, language)) is None:
            pytest.fail(f"{source}: no built page {in_language(slug, language)}")
    return load_page(site, in_language(slug, KO)), load_page(site, in_language(slug, EN))


@pytest.mark.parametrize("check", PAIR_CHECKS)
@pytest.mark.parametrize("source", SOURCES)
def test_twins_match(site, source, check):
    ko, en = _pair(site, source)
    assert PAIR_CHECKS[check](ko, en, base_path(site_url(site))) == []


@pytest.mark.parametrize("source", SOURCES)
def test_anchors_resolve(site, source):
    base = base_path(site_url(site))
    pages = _pair(site, source)
    assert [problem for page in pages for problem in anchor_problems(site, page, base)] == []


# -- the probe: one page pair per mutation, built with the repository's configuration

PROBE_SNIPPET = """\
<!-- --8<-- [start:probe] -->
```python
import numpy as np

h = np.tanh(np.zeros(3))  # hidden state
```
<!-- --8<-- [end:probe] -->
"""
PROBE_SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect/></svg>\n'
# (what a mutation removes or None, Korean line, English line)
PROBE_LINES = [
    (None, "# 탐침", "# Probe"),
    (None, "", ""),
    ("link", "[기준 탐침](parity-probe.md)을 본다.", "See [the base probe](parity-probe.md)."),
    (None, "", ""),
    (None, "## 첫 절", "## First section"),
    (None, "", ""),
    (None, "[첫 절](#첫-절)과 [기준의 첫 절](parity-probe.md#첫-절).", ""),
    (None, "", "[First](#first-section), [base first](parity-probe.md#first-section)."),
    (None, "", ""),
    (None, '<figure markdown="span">', '<figure markdown="span">'),
    (
        None,
        "  ![탐침](figures/probe-light.svg#only-light)",
        "  ![Probe](figures/probe-light.svg#only-light)",
    ),
    (
        "figure",
        "  ![탐침](figures/probe-dark.svg#only-dark)",
        "  ![Probe](figures/probe-dark.svg#only-dark)",
    ),
    (None, "  <figcaption>탐침 그림.</figcaption>", "  <figcaption>A probe.</figcaption>"),
    (None, "</figure>", "</figure>"),
    (None, "", ""),
    ("code", '--8<-- "snippets/parity-probe.md:probe"', '--8<-- "snippets/parity-probe.md:probe"'),
    (None, "", ""),
    ("section", "## 둘째 절", "## Second section"),
    (None, "", ""),
    (None, "### 세부", "### Detail"),
    (None, "", ""),
    (None, "```text", "```text"),
    (None, "pip install numpy", "pip install numpy"),
    (None, "```", "```"),
    (None, "", ""),
    ("bad-anchor", "[없는 절](#없는-절)", "[missing](parity-probe.md#no-such-section)"),
]
# probe page -> (removed from Korean, removed from English); "bad-anchor" lines are kept only
# in parity-probe-anchor
PROBES = {
    "parity-probe": (set(), set()),
    "parity-probe-section": (set(), {"section"}),
    "parity-probe-figure": (set(), {"figure"}),
    "parity-probe-code": ({"code"}, set()),
    "parity-probe-link": (set(), {"link"}),
    "parity-probe-anchor": (set(), set()),
}


def probe_markdown(name: str, language: str) -> str:
    removed = PROBES[name][LANGUAGES.index(language)]
    if name != "parity-probe-anchor":
        removed = removed | {"bad-anchor"}
    column = 1 + LANGUAGES.index(language)
    return "\n".join(line[column] for line in PROBE_LINES if line[0] not in removed) + "\n"


@pytest.fixture(scope="module")
def probe(tmp_path_factory):
    """The probe project (``docs`` folder) and its built site."""
    project = tmp_path_factory.mktemp("parity-probe")
    pages = {}
    for language in LANGUAGES:
        pages[f"{language}/index.md"] = "# Probe\n"
        pages[f"{language}/figures/probe-light.svg"] = PROBE_SVG
        pages[f"{language}/figures/probe-dark.svg"] = PROBE_SVG
        for name in PROBES:
            pages[f"{language}/{name}.md"] = probe_markdown(name, language)
    pages[f"{KO}/parity-probe-twin.md"] = "# 짝 없는 쪽\n"  # no English twin
    config = make_probe_project(project, pages)
    (project / "snippets" / "parity-probe.md").write_text(PROBE_SNIPPET, encoding="utf-8")
    site = project / "site"
    result = build_site(config, site)
    assert result.returncode == 0, f"probe build failed:\n{result.stdout}\n{result.stderr}"
    return project / "docs", site


def _probe_pair(site: Path, name: str):
    return load_page(site, f"{name}/index.html"), load_page(site, f"{EN}/{name}/index.html")


def test_probe_base_is_identical_in_both_languages(probe):
    _, site = probe
    ko, en = _probe_pair(site, "parity-probe")
    base = base_path(site_url(site))
    assert {name: check(ko, en, base) for name, check in PAIR_CHECKS.items()} == dict.fromkeys(
        PAIR_CHECKS, []
    )
    # the probe holds what the checks compare: snippet code included, figures, links, sections
    assert ko.code_blocks == [
        PROBE_SNIPPET.split("```python\n")[1].split("```")[0],
        "pip install numpy\n",
    ]
    assert ko.code_highlighted == [True, False]
    assert len(ko.images) == 2
    assert [h.level for h in ko.headings] == [1, 2, 2, 3]
    assert "첫-절" in ko.ids  # a Korean heading keeps its Hangul id
    assert len(authored_links(ko)) == 3
    assert anchor_problems(site, ko, base) == anchor_problems(site, en, base) == []


@pytest.mark.parametrize(
    "name, check",
    [
        ("parity-probe-section", "sections"),
        ("parity-probe-figure", "figures"),
        ("parity-probe-code", "code"),
        ("parity-probe-link", "links"),
    ],
)
def test_parity_checks_catch_a_one_sided_removal(probe, name, check):
    _, site = probe
    ko, en = _probe_pair(site, name)
    base = base_path(site_url(site))
    reports = {other: PAIR_CHECKS[other](ko, en, base) for other in PAIR_CHECKS}
    assert reports[check] != []
    assert {other: r for other, r in reports.items() if other != check} == dict.fromkeys(
        set(PAIR_CHECKS) - {check}, []
    )


def test_anchor_check_catches_missing_ids(probe):
    _, site = probe
    base = base_path(site_url(site))
    for page in _probe_pair(site, "parity-probe-anchor"):
        problems = anchor_problems(site, page, base)
        assert len(problems) == 1, page.path
        assert "no id" in problems[0]


def test_twin_check_catches_a_page_without_twin(probe):
    docs, _ = probe
    assert twin_problems(docs) == [
        f"docs/{KO}/parity-probe-twin.md has no twin docs/{EN}/parity-probe-twin.md"
    ]


def test_code_check_can_let_plain_text_blocks_be_translated(probe):
    _, site = probe
    ko, en = _probe_pair(site, "parity-probe")
    en.code_blocks = [en.code_blocks[0], "pip install numpy  # translated\n"]
    assert code_differences(ko, en) != []
    assert code_differences(ko, en, plain_text_may_differ=True) == []
    en.code_blocks = ["import numpy\n", en.code_blocks[1]]
    assert code_differences(ko, en, plain_text_may_differ=True) != []


def test_built_path():
    assert built_path("index.md") == "index.html"
    assert built_path("bptt.md") == "bptt/index.html"
    assert built_path("code/lstm.ipynb") == "code/lstm/index.html"
