"""Highlighted code with colour only where colour says something, as GitHub highlights Python.

Pygments wraps every token in a ``<span>``; on a code-heavy chapter these spans were four fifths
of the page's elements, and every style recalculation on load walks them all. Keywords,
strings, numbers, comments, built-ins and definitions keep their spans and Material's colours.
Four kinds lose them and take the code's text colour:

- names (``.n``) and whitespace (``.w``): Material already draws them in the text colour, so
  nothing on screen changes;
- punctuation (``.p``) and operators (``.o``): Material greys them; GitHub leaves them in the text
  colour, which also reads with more contrast.

The two longest chapters went from 2,900 and 3,400 elements to 1,440 and 1,230. The text is
untouched, so what a reader copies is the same. tests/test_lighter_markup.py checks both claims
against Material's stylesheet and the built pages. Notebook pages (``highlight-ipynb``) keep
their own highlighting.
"""

import re

_BLOCK = re.compile(r'<div class="(?:language-\w+ )?highlight"><pre>.*?</code></pre></div>', re.S)
PLAIN_TOKENS = ("n", "w", "p", "o")
_PLAIN_TOKEN = re.compile(rf'<span class="(?:{"|".join(PLAIN_TOKENS)})">([^<]*)</span>')


def plain_tokens_unwrapped(html: str) -> str:
    """``html`` with the plain-token spans of its highlighted code blocks unwrapped."""
    return _BLOCK.sub(lambda block: _PLAIN_TOKEN.sub(r"\1", block.group(0)), html)


def on_page_content(html, page, **_):
    return plain_tokens_unwrapped(html)
