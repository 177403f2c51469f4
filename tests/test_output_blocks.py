"""Printed output is marked as output, never shown as code to copy.

A code page tells the reader to copy its code blocks in order and run them. Output in a box that
looks like code, with the same copy button, breaks that program: copied along, the checking
page's printed table made the script fail with IndentationError. Output sits in
``<div class="output no-copy" markdown>`` in the snippets: extra.css labels it and draws it apart,
and Material adds no copy button inside ``.no-copy`` (tests/browser/test_copy.py checks both in
the browser).

On a page with a chapter program, every code block is one of the program's shown Python blocks
or printed output, and exactly the output is marked.
"""

import re
from html import unescape

from sitelib import html_files, strip_language
from test_code_pages import shown_blocks

from project import is_hidden
from snippet_programs import SNIPPETS

OUTPUT = '<div class="output no-copy">'
_BLOCK = re.compile(
    rf"({re.escape(OUTPUT)}\s*)?"
    r'<div class="highlight"><pre>(?:<span></span>)?<code[^>]*>(.*?)</code>',
    re.S,
)
_TAG = re.compile(r"<[^>]+>")


def page_blocks(html: str) -> list[tuple[bool, str]]:
    """(marked as output, text) of each code block of a built page."""
    return [
        (bool(match.group(1)), unescape(_TAG.sub("", match.group(2))).rstrip("\n"))
        for match in _BLOCK.finditer(html)
    ]


def program_code(slug: str) -> list[str] | None:
    """The shown Python blocks of page ``slug``'s program, or None when it has none."""
    program = SNIPPETS / f"{slug}.md"
    if not program.is_file():
        return None
    return [code.rstrip("\n") for code in shown_blocks(program) if not is_hidden(code)]


def output_problems(path: str, html: str, code: list[str]) -> list[str]:
    problems = []
    for index, (marked, text) in enumerate(page_blocks(html), start=1):
        first = text.splitlines()[0] if text else ""
        if marked and text in code:
            problems.append(f"{path}: block {index} is program code marked as output: {first!r}")
        elif not marked and text not in code:
            problems.append(f"{path}: block {index} is not program code, not marked: {first!r}")
    return problems


def test_output_on_code_pages_is_marked_and_code_is_not(site):
    problems, marked = [], 0
    for path in html_files(site):
        code = program_code(strip_language(path).removesuffix("/index.html"))
        if code is None:
            continue
        html = (site / path).read_text(encoding="utf-8")
        problems += output_problems(path, html, code)
        marked += html.count(OUTPUT)
    assert problems == []
    assert marked >= 2  # the checking page's table, in both languages


def test_output_check_catches_unmarked_output_and_marked_code(site):
    path = "checking/index.html"
    html = (site / path).read_text(encoding="utf-8")
    code = program_code("checking")
    assert OUTPUT in html
    unmarked = html.replace(OUTPUT, "<div>")
    assert len(output_problems(path, unmarked, code)) == html.count(OUTPUT)
    first_code = '<div class="highlight">'
    marked_code = html.replace(first_code, OUTPUT + first_code, 1)
    assert output_problems(path, marked_code, code) == [
        f"{path}: block 1 is program code marked as output: {code[0].splitlines()[0]!r}"
    ]
