"""The notebook_css piece of the speed layer (hooks/speed.py): a notebook page keeps, of
mkdocs-jupyter's stylesheets, the rules that can match it and the custom properties read.

Each check is a function of a purge (``html, loaded -> html``) that returns what it got wrong,
so that the same check runs on the hook and on broken copies of it. That the pages look the
same with the piece on and off is tests/browser/test_notebook_css.py's.
"""

import importlib.util
import re
from pathlib import Path

import mkdocs_jupyter
import pytest
import tinycss2
from sitelib import load_hook

from conftest import ROOT

speed = load_hook("speed")

JUPYTER_ASSETS = Path(mkdocs_jupyter.__file__).parent / "templates" / "mkdocs_html" / "assets"
_STYLE = re.compile(r'<style type="text/css">(.*?)</style>', re.S)

SHEET = """@charset "UTF-8";.jupyter-wrapper{--read: red;--chain-a: 1px solid var(--chain-b);
--chain-b: var(--chain-c, blue);--chain-c: navy;--unread: green;--page-reads: 2px;
--file-reads: 3px}
.jupyter-wrapper .jp-Present{color: var(--read)}
.jupyter-wrapper .jp-Absent{color: black}
.jupyter-wrapper .jp-Present .jp-Absent{color: black}
.jupyter-wrapper .jp-Absent, .jupyter-wrapper .jp-Present{margin: 0}
.jupyter-wrapper .jp-Chain{border: var(--chain-a)}
.jupyter-wrapper video{width: 1px}
.jupyter-wrapper table tbody td{padding: 0}
.jupyter-wrapper .jp-Present:not(.jp-Absent)::before{content: ""}
.jupyter-wrapper .jp-Present[data-mime-type] > p:hover{color: black}
[data-md-color-scheme=slate] .jupyter-wrapper{--read: white}
.jupyter-wrapper svg|a{color: black}
.jupyter-wrapper .jp-Present{& .jp-Absent{color: black}}
@font-face{font-family: Jupyter;src: url(jupyter.woff2)}
@keyframes jp-spin{to{transform: rotate(1turn)}}
@media print{.jupyter-wrapper .jp-Absent{color: black}.jupyter-wrapper .jp-Present{color: gray}}
@media screen{.jupyter-wrapper .jp-Absent{color: black}}
"""
BODY = """<div class="jupyter-wrapper"><div class="jp-Present jp-Chain" data-mime-type="text/plain">
<p>x</p><table><tr><td>1</td></tr></table></div></div>
<div style="margin: var(--page-reads)"></div>"""
LOADED = ".md-typeset{padding: var(--file-reads)}"

# Rules (selector; in @media: "@media QUERY / selector") that must stay, and that must go.
KEPT = {
    '@charset "UTF-8";',
    ".jupyter-wrapper",
    ".jupyter-wrapper .jp-Present",
    ".jupyter-wrapper .jp-Absent, .jupyter-wrapper .jp-Present",
    ".jupyter-wrapper .jp-Chain",
    ".jupyter-wrapper table tbody td",  # the parser adds the <tbody> the markup leaves out
    ".jupyter-wrapper .jp-Present:not(.jp-Absent)::before",
    ".jupyter-wrapper .jp-Present[data-mime-type] > p:hover",
    "[data-md-color-scheme=slate] .jupyter-wrapper",
    ".jupyter-wrapper svg|a",  # a namespace: not decided
    "@font-face",
    "@keyframes jp-spin",
    "@media print / .jupyter-wrapper .jp-Present",
}
DROPPED = {
    ".jupyter-wrapper .jp-Absent",
    ".jupyter-wrapper .jp-Present .jp-Absent",
    ".jupyter-wrapper video",
    "@media print / .jupyter-wrapper .jp-Absent",
    "@media screen",
}
READ = {"--read", "--chain-a", "--chain-b", "--chain-c", "--page-reads", "--file-reads"}
UNREAD = {"--unread"}


def page(css: str, body: str = BODY) -> str:
    return f'<html><head><style type="text/css">\n{css}</style></head><body>{body}</body></html>'


def sheet_contents(css: str, within: str = "") -> tuple[list[str], set[str]]:
    """The rules of ``css`` (as KEPT names them) and the custom properties it declares."""
    rules, declared = [], set()
    for rule in tinycss2.parse_rule_list(css, skip_comments=True, skip_whitespace=True):
        prelude = " ".join(tinycss2.serialize(rule.prelude).split())
        if rule.type == "at-rule":
            name = f"@{rule.at_keyword} {prelude}".strip()
            if rule.lower_at_keyword == "media":
                inner, inner_declared = sheet_contents(tinycss2.serialize(rule.content), name)
                rules += inner
                declared |= inner_declared
            rules.append(name if rule.content is not None else tinycss2.serialize([rule]))
            continue
        rules.append(f"{within} / {prelude}" if within else prelude)
        for item in tinycss2.parse_blocks_contents(rule.content, skip_whitespace=True):
            if item.type == "declaration" and item.name.startswith("--"):
                declared.add(item.name)
    return rules, declared


def purged_sheets(html: str) -> str:
    return "".join(_STYLE.findall(html))


def purge_problems(purge) -> list[str]:
    """What ``purge`` gets wrong on the test sheet and page."""
    html = page(SHEET)
    out = purge(html, LOADED)
    rules, declared = sheet_contents(purged_sheets(out))
    problems = [f"dropped {rule}" for rule in sorted(KEPT - set(rules))]
    problems += [f"kept {rule}" for rule in sorted(DROPPED & set(rules))]
    problems += [f"dropped the read {name}" for name in sorted(READ - declared)]
    problems += [f"kept the unread {name}" for name in sorted(UNREAD & declared)]
    if out.replace(purged_sheets(out), "") != html.replace(purged_sheets(html), ""):
        problems.append("changed the page outside the stylesheet")
    return problems


def test_the_purge_keeps_what_can_match_and_what_is_read():
    assert purge_problems(speed.notebook_css_purged) == []


def test_other_stylesheets_and_pages_are_left_alone():
    other = page(".highlight-ipynb .k{color: green}.jp-Absent{color: black}")
    assert speed.notebook_css_purged(other) == other
    chapter = "<html><body><p>no stylesheet</p></body></html>"
    assert speed.notebook_css_purged(chapter) == chapter


def mutant(tmp_path: Path, old: str, new: str):
    """A copy of hooks/speed.py with ``old`` replaced by ``new``, loaded as a module."""
    source = (ROOT / "hooks" / "speed.py").read_text(encoding="utf-8")
    assert old in source, old
    path = tmp_path / "speed_mutant.py"
    path.write_text(source.replace(old, new, 1), encoding="utf-8")
    spec = importlib.util.spec_from_file_location(f"speed_mutant_{abs(hash(new))}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    "old, new, caught",
    [
        # drops every custom property no rule reads directly (the chain's links go)
        ("    todo = list(used)\n", "    todo = []\n", "dropped the read --chain-c"),
        # reads only the sheet: what the page and the files it loads read goes
        ("used, declared = set(mentioned), {}", "used, declared = set(), {}", "--file-reads"),
        # drops every custom property
        ("if name is None or name in used]", "if name is None]", "dropped the read --read"),
        # keeps a rule when one of its selector's names exists, not all of them
        ("any(need <= names ", "any(need & names ", "kept .jupyter-wrapper .jp-Present .jp-Absent"),
        # decides on a namespace as on an element
        ("return None  # a namespace", "pass  # a namespace", "dropped .jupyter-wrapper svg|a"),
        # forgets the elements the HTML parser adds
        ('"body", "tbody"}', '"body"}', "dropped .jupyter-wrapper table tbody td"),
        # ignores @media: keeps every rule in it
        ('_GROUPS = {"media", "supports"}', "_GROUPS = set()", "kept @media screen"),
    ],
)
def test_a_broken_purge_is_caught(tmp_path, old, new, caught):
    problems = purge_problems(mutant(tmp_path, old, new).notebook_css_purged)
    assert any(caught in problem for problem in problems), problems


# -- the built notebook pages


def read_properties(css: str) -> set[str]:
    """Custom properties ``css`` (or any text) reads through ``var()``."""
    return set(re.findall(r"var\(\s*(--[\w-]+)", css))


def missing_properties(html: str, originally: set[str]) -> set[str]:
    """Custom properties the page reads anywhere that mkdocs-jupyter's sheets declare
    (``originally``) and the page's sheets no longer do."""
    _, declared = sheet_contents(purged_sheets(html))
    return (read_properties(html) & originally) - declared


@pytest.fixture(scope="module")
def original() -> tuple[str, set[str]]:
    """mkdocs-jupyter's stylesheets as it puts them in a page, and the properties they declare."""
    css = "".join(
        (JUPYTER_ASSETS / name).read_text(encoding="utf-8")
        for name in ("index.css", "theme-light.css")
    )
    return css, sheet_contents(css)[1]


def notebook_pages(site: Path) -> list[Path]:
    return sorted([*site.glob("notebooks/*/index.html"), *site.glob("*/notebooks/*/index.html")])


def test_built_notebook_pages_keep_every_property_they_read(site, original):
    css, declared = original
    pages = notebook_pages(site)
    assert len(pages) >= 2
    for path in pages:
        html = path.read_text(encoding="utf-8")
        assert len(purged_sheets(html)) < len(css) / 4, f"{path}: sheet not purged"
        assert missing_properties(html, declared) == set(), path


def test_the_property_check_catches_a_dropped_one(site, original):
    html = notebook_pages(site)[0].read_text(encoding="utf-8")
    broken = re.sub(r"--jp-border-width:[^;}]*;?", "", html)
    assert missing_properties(broken, original[1]) == {"--jp-border-width"}


PRINTED_LIST = "<style>\n  ['pre { line-height: 125%; }\\ntd.linenos { color: red; }']\n</style>"


def test_the_printed_python_list_holds_no_rule():
    """Why it can go: its quote opens a CSS string that runs to the end, as a browser reads it."""
    body = PRINTED_LIST.removeprefix("<style>").removesuffix("</style>")
    assert [r.type for r in tinycss2.parse_stylesheet(body, skip_whitespace=True)] == ["error"]


def test_the_printed_python_list_goes_and_other_styles_stay():
    other = "<style>.md-typeset{margin: 0}</style>"
    html = page(SHEET).replace("</head>", f"{PRINTED_LIST}{other}</head>")
    purged = speed.notebook_css_purged(html)
    assert "['pre" not in purged and other in purged
    assert speed.notebook_css_purged(page(SHEET)) == speed.notebook_css_purged(
        page(SHEET).replace("</head>", f"{PRINTED_LIST}</head>"))


def test_built_notebook_pages_hold_no_printed_list(site):
    for path in notebook_pages(site):
        bodies = re.findall(r"<style>(.*?)</style>", path.read_text(encoding="utf-8"), re.S)
        assert not [b for b in bodies if b.strip().startswith("['")], path
