"""Two pieces of the speed layer (hooks/speed.py) that make pages cheaper to style on load:
code_spans and tables.

Their reason (fewer elements to restyle) is measured in tests/browser/test_load_work.py; here,
that they change nothing else: the code's text, the colours Material gives the spans that go,
the tables' place on the page.
"""

import html
import re

import markdown
from sitelib import html_files, load_hook

speed = load_hook("speed")

SAMPLE = """```python
def loss(y, a):  # binary cross-entropy
    return -(y * np.log(a) + (1 - y) * np.log(1 - a)).mean() if a.size else 0.0
```"""
_TAG = re.compile(r"<[^>]+>")
_BLOCK = r'<div class="(?:language-\w+ )?highlight"><pre>.*?</code></pre></div>'
_BLOCKS = re.compile(_BLOCK, re.S)


def highlighted(text: str) -> str:
    return markdown.markdown(text, extensions=["pymdownx.highlight", "pymdownx.superfences"])


def span_classes(page: str) -> set[str]:
    return {
        name
        for block in _BLOCKS.findall(page)
        for name in re.findall(r'<span class="([^"]*)">', block)
    }


def test_unwrapping_keeps_the_code_text_and_the_coloured_tokens():
    before = highlighted(SAMPLE)
    after = speed.plain_tokens_unwrapped(before)
    assert html.unescape(_TAG.sub("", after)) == html.unescape(_TAG.sub("", before))
    assert span_classes(before) >= set(speed.PLAIN_TOKENS)  # the sample has all four
    assert span_classes(after) == span_classes(before) - set(speed.PLAIN_TOKENS)
    assert {"k", "c1", "mi", "mf", "nf"} <= span_classes(after)


def test_notebook_highlighting_is_left_alone():
    notebook_cell = (
        '<div class="highlight-ipynb hl-python"><pre><span class="n">x</span></pre></div>'
    )
    assert speed.plain_tokens_unwrapped(notebook_cell) == notebook_cell


def test_names_and_whitespace_already_had_the_text_colour(site):
    """Unwrapping ``.n`` and ``.w`` is invisible only while Material colours them as plain text."""
    stylesheets = sorted((site / "assets" / "stylesheets").glob("*.min.css"))
    css = "\n".join(sheet.read_text(encoding="utf-8") for sheet in stylesheets)
    rules = [
        ([s.strip() for s in selector.split(",")], body)
        for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css)
    ]
    assert [body for sels, body in rules if ".highlight .n" in sels] == [
        "color:var(--md-code-hl-name-color)"
    ]
    name_colours = set(re.findall(r"--md-code-hl-name-color:([^;}]*)", css))
    assert name_colours == {"var(--md-code-fg-color)"}
    assert not [sels for sels, _ in rules if any(s.endswith(".w") for s in sels)]


def test_built_code_blocks_have_no_plain_token_spans(site):
    pages = [site / path for path in html_files(site)]
    chapters = [page for page in pages if '<div class="highlight"><pre>' in page.read_text()]
    assert len(chapters) >= 8  # four code chapters and the checks, in two languages
    kept = set()
    for page in chapters:
        classes = span_classes(page.read_text(encoding="utf-8"))
        assert not classes & set(speed.PLAIN_TOKENS), page
        kept |= classes
    assert {"k", "nb", "s2", "mi", "mf", "c1", "nf", "nc"} <= kept


def test_every_table_sits_alone_in_its_box(site):
    boxed = 0
    for path in html_files(site):
        page = (site / path).read_text(encoding="utf-8")
        boxed_here = re.findall(r'<div class="table-box"[^>]*><table>', page)
        assert page.count("<table>") == len(boxed_here), path
        boxed += page.count("<table>")
    assert boxed >= 10


def test_table_box_wraps_only_plain_tables():
    page = '<p>a</p><table><tr><td>1</td></tr></table><table class="dataframe"></table>'
    assert speed.tables_boxed(page) == (
        '<p>a</p><div class="table-box"><table><tr><td>1</td></tr></table></div>'
        '<table class="dataframe"></table>'
    )
