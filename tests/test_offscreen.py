"""The speed layer's offscreen piece (hooks/speed.py): what the stylesheet needs to skip
off-screen blocks, and what it relies on.

The browser side (heights kept, nothing moved, focus kept) is tests/browser/test_offscreen.py.
"""

import re

from sitelib import html_files, load_hook

speed = load_hook("speed")

BLOCK = '<div class="highlight"><pre><span></span><code>{}</code></pre></div>'


def test_a_code_block_gets_its_line_count_and_a_place_in_the_tab_order():
    code = 'print(<span class="s2">"a"</span>)\nx = 1\n'
    html = speed.offscreen_marked(BLOCK.format(code))
    assert html == BLOCK.format(code).replace("<code>", '<code tabindex="0" style="--lines: 2">')
    last_line_open = speed.offscreen_marked(BLOCK.format("a\nb"))
    assert '"--lines: 2"' in last_line_open


def test_a_table_box_gets_its_rows_and_the_length_of_its_text():
    table = "<table><tr><th>a&amp;b</th></tr><tr><td><code>xy</code></td></tr></table>"
    html = speed.offscreen_marked(f'<div class="table-box">{table}</div>')
    assert html == f'<div class="table-box" style="--rows: 2; --chars: 5">{table}</div>'


def test_every_built_code_block_and_table_box_is_marked(site):
    blocks = boxes = 0
    for path in html_files(site):
        page = (site / path).read_text(encoding="utf-8")
        blocks += page.count('<div class="highlight">')
        boxes += page.count('<div class="table-box"')
        marked = re.findall(r'<div class="highlight"><pre><span></span><code tabindex="0" ', page)
        assert len(marked) == page.count('<div class="highlight">'), path
        assert page.count('<div class="table-box" style="--rows: ') == page.count("<table>"), path
    assert blocks >= 50 and boxes >= 10


def test_material_still_mounts_code_blocks_lazily(site):
    """``content.lazy`` is not in Material's documentation. If a Material release drops it, the
    skipped blocks would all be mounted, and so laid out, on load: slower than no skipping."""
    assert '"content.lazy"' in (site / "numpy-rnn" / "index.html").read_text(encoding="utf-8")
    (bundle,) = (site / "assets" / "javascripts").glob("bundle.*.min.js")
    assert f'"{speed.LAZY_FEATURE}"' in bundle.read_text(encoding="utf-8")
