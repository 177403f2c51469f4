"""The speed layer (hooks/speed.py) is one unit: one switch turns all of it off, its build-time
steps run in their stated order, and with a piece off the overrides render Material's own
templates, as the installed theme has them.

What each piece buys is measured in tests/browser/test_speed_pieces.py; that the site with the
layer off still passes the browser checks, in tests/browser/test_speed_off.py.
"""

import re
from pathlib import Path

import material
import pytest
from mkdocs.exceptions import PluginError
from sitelib import html_files, load_hook

from conftest import ROOT

speed = load_hook("speed")

MATERIAL = Path(material.__file__).parent / "templates"
OVERRIDES = ROOT / "overrides"

# What each piece leaves in a built page (any one of its strings).
MARKUP = {
    "tables": ('<div class="table-box"',),
    "offscreen": ('style="--lines: ', "assets/stylesheets/speed.css", '"content.lazy"'),
    "palette": ('<form class="md-header__option" data-palette>',),
    "head_classes": ('<script>document.documentElement.className = "js js-focus-visible"',),
}
MATERIAL_PALETTE = 'data-md-component="palette"'
# mkdocs-jupyter's stylesheet on a notebook page, and one of its rules that no exported notebook
# can match (JupyterLab's launcher): notebook_css leaves the first without the second.
JUPYTER_SHEET = '@charset "UTF-8";.jupyter-wrapper{'
JUPYTER_UI_RULE = ".jupyter-wrapper .jp-LauncherIcon{"
_HIGHLIGHTED = re.compile(r'<div class="(?:language-\w+ )?highlight"><pre>.*?</pre></div>', re.S)
_PLAIN_TOKEN_SPAN = re.compile(r'<span class="[nwpo]">')


def traces(pages: list[str]) -> set[str]:
    """The pieces of the speed layer that built pages show, and ``material palette`` for
    Material's own palette component."""
    found = {
        piece
        for piece, marks in MARKUP.items()
        if any(mark in page for mark in marks for page in pages)
    }
    blocks = [block for page in pages for block in _HIGHLIGHTED.findall(page)]
    if blocks and not any(_PLAIN_TOKEN_SPAN.search(block) for block in blocks):
        found.add("code_spans")
    if any(MATERIAL_PALETTE in page for page in pages):
        found.add("material palette")
    notebooks = [page for page in pages if JUPYTER_SHEET in page]
    if notebooks and not any(JUPYTER_UI_RULE in page for page in notebooks):
        found.add("notebook_css")
    return found


def site_traces(site: Path) -> set[str]:
    return traces([(site / path).read_text(encoding="utf-8") for path in html_files(site)])


def test_the_switch_names_the_pieces_it_turns_on():
    assert speed.pieces_on(True) == list(speed.PIECES)
    assert speed.pieces_on(False) == []
    assert speed.pieces_on("palette, code_spans") == ["code_spans", "palette"]
    assert speed.pieces_on(["tables"]) == ["tables"]
    with pytest.raises(PluginError, match="no_such_piece"):
        speed.pieces_on("tables,no_such_piece")


def test_steps_run_in_their_stated_order():
    """offscreen marks the boxes that tables makes: in the other order it would find none."""
    table = "<table><tr><td>1</td></tr></table>"
    marked = f'<div class="table-box" style="--rows: 1; --chars: 1">{table}</div>'
    assert speed.page_content(table, ["offscreen", "tables"]) == marked
    assert speed.tables_boxed(speed.offscreen_marked(table)) != marked


def test_one_switch_turns_the_whole_layer_off(site, site_without_speed):
    assert site_traces(site) == set(speed.PIECES)
    assert site_traces(site_without_speed) == {"material palette"}


def test_traces_catch_a_piece_left_on():
    code = '<div class="highlight"><pre><span></span><code><span class="n">x</span></code>'
    code += "</pre></div>"
    page = f'<form class="md-header__option" {MATERIAL_PALETTE}>{code}'
    assert traces([page]) == {"material palette"}
    assert traces([page, '<div class="table-box">']) == {"material palette", "tables"}
    unwrapped = page.replace('<span class="n">x</span>', "x")
    assert traces([unwrapped]) == {"material palette", "code_spans"}
    notebook = f"<style>{JUPYTER_SHEET}--x: 1}}{JUPYTER_UI_RULE}}}</style>"
    assert traces([page, notebook]) == {"material palette"}
    purged = notebook.replace(f"{JUPYTER_UI_RULE}}}", "")
    assert traces([page, purged]) == {"material palette", "notebook_css"}


def material_template(name: str) -> str:
    """An installed Material template, less its "generated" comment."""
    return (MATERIAL / name).read_text(encoding="utf-8").split("-#}\n", 1)[1]


def override(name: str) -> str:
    """One of overrides/, less its opening comment."""
    return (OVERRIDES / name).read_text(encoding="utf-8").split("-#}\n", 1)[1]


def palette_fallbacks() -> dict[str, tuple[str, str]]:
    """What overrides/ render with the palette piece off, next to Material's template."""
    form = override("partials/palette.html").replace(
        '{% if "palette" in config.extra.speed %}data-palette{% else %}'
        f"{MATERIAL_PALETTE}{{% endif %}}",
        MATERIAL_PALETTE,
    )
    script = override("partials/javascripts/palette.html")
    script = script.split("{% else %}\n", 1)[1].removesuffix("{% endif %}\n")
    search = override("partials/search.html").replace(
        " aria-label=\"{{ lang.t('search.placeholder') }}\">", ">", 1
    )
    return {
        "partials/palette.html": (form, material_template("partials/palette.html")),
        "partials/javascripts/palette.html": (
            script,
            material_template("partials/javascripts/palette.html"),
        ),
        "partials/search.html": (search, material_template("partials/search.html")),
    }


def test_overrides_fall_back_to_the_installed_materials_templates():
    """The palette partials off, and search.html less its label, are Material's: a Material
    release that changes them (the ``__palette`` storage key, the form) fails here."""
    for name, (ours, materials) in palette_fallbacks().items():
        assert ours.strip() == materials.strip(), name


def test_fallback_check_catches_a_changed_material_template():
    fallbacks = palette_fallbacks()
    ours, materials = fallbacks["partials/javascripts/palette.html"]
    assert ours.strip() != materials.replace('"__palette"', '"__palette2"').strip()
