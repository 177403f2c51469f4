"""Render the pages' LaTeX to MathML at build time, so no math script is fetched.

``pymdownx.arithmatex`` in generic mode wraps math in ``<span class="arithmatex">\\(..\\)``
and ``<div class="arithmatex">\\[..\\]``; this hook swaps those for MathML, which current
browsers draw natively.
"""

import html
import re

from latex2mathml.converter import convert

_INLINE = re.compile(r'<span class="arithmatex">\\\((.+?)\\\)</span>', re.S)
_BLOCK = re.compile(r'<div class="arithmatex">\\\[(.+?)\\\]</div>', re.S)


def _mathml(match: re.Match, display: str) -> str:
    latex = html.unescape(match.group(1)).strip()
    return convert(latex, display=display)


def render(page_html: str) -> str:
    page_html = _BLOCK.sub(lambda m: _mathml(m, "block"), page_html)
    return _INLINE.sub(lambda m: _mathml(m, "inline"), page_html)


def on_page_content(html_text, **_):
    return render(html_text)
