"""4. A code block's copy button puts exactly the program's code on the clipboard.

A page tells the reader to copy its code blocks in order and run them, so on the pages that
show printed output, everything the copy buttons give, joined, must compile: copied along with
the code, the checking page's printed table made the script fail with IndentationError. Each
output box has no copy button, a label in the page's language and a look of its own
(tests/test_output_blocks.py checks that output is marked).
"""

import io
import re
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from pytest_codeblocks import extract_from_buffer
from sitelib import in_language

from conftest import DOCS, LANGUAGES
from snippet_programs import CONT, expand_snippets

from .conftest import (
    TIMEOUT,
    copy_site,
    edit,
    open_solutions,
    page_url,
    scroll_through,
    serve,
    serve_edited,
)

COPY_BUTTON = "button[data-md-type=copy], button.md-clipboard"  # Material 9.7+, older
CODE_PAGES = ["numpy-rnn"]  # code chapters whose every block is copied, in both languages
OUTPUT_PAGES = ["checking", "bptt"]  # the pages that show printed output
OUTPUT_PAGE = OUTPUT_PAGES[0]
OUTPUT_LABELS = {"ko": "출력", "en": "Output"}
OUTPUT_MARKUP = '<div class="output no-copy">'
_LOOK = """box => {
  const output = box.querySelector('code'), code = document.querySelector('article pre > code');
  return {
    label: getComputedStyle(box, '::before').content,
    distinct: getComputedStyle(output).backgroundColor !== getComputedStyle(code).backgroundColor,
  };
}"""


def source_fences(markdown_file) -> list[str]:
    """The code of every fence of a page's Markdown, its snippet includes expanded."""
    text = expand_snippets(markdown_file).replace(CONT, "")
    return [block.code.rstrip("\n") for block in extract_from_buffer(io.StringIO(text))]


@contextmanager
def clipboard_page(browser, base_url: str, path: str) -> Iterator:
    """A fresh tab on ``path`` that may read and write the clipboard."""
    context = browser.new_context()
    context.set_default_timeout(TIMEOUT)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    try:
        page.goto(page_url(base_url, path))
        open_solutions(page)  # a reader opens a folded solution before copying its code
        yield page
    finally:
        context.close()


def copy_problems(browser, base_url: str, path: str, fences: list[str]) -> list[str]:
    """Click the copy button of each code block on ``path``; each copy must be one of ``fences``."""
    problems = []
    with clipboard_page(browser, base_url, path) as page:
        blocks = page.locator("article pre:has(> code)")
        if blocks.count() == 0:
            problems.append(f"{path}: no code block")
        for index in range(blocks.count()):
            block = blocks.nth(index)
            if block.evaluate("b => !!b.closest('.output')"):
                continue  # printed output has no copy button (checked on the output pages)
            page.evaluate("navigator.clipboard.writeText('')")
            block.hover()
            block.locator(COPY_BUTTON).click()
            copied = page.evaluate("navigator.clipboard.readText()").rstrip("\n")
            if copied not in fences:
                first = copied.splitlines()[0] if copied else ""
                problems.append(f"{path}: block {index + 1} copies text no fence has: {first!r}...")
    return problems


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("slug", CODE_PAGES)
def test_copy_button_copies_the_code(browser, base_url, language, slug):
    path = f"{slug}/index.html" if language == "ko" else f"{language}/{slug}/index.html"
    fences = source_fences(DOCS / language / f"{slug}.md")
    assert copy_problems(browser, base_url, path, fences) == []


def test_copy_check_catches_line_numbers_in_the_copy(browser, site, tmp_path):
    page = f"{CODE_PAGES[0]}/index.html"
    code = re.search(r"<pre><span></span><code[^>]*>", (site / page).read_text("utf-8")).group(0)
    fences = source_fences(DOCS / "ko" / f"{CODE_PAGES[0]}.md")
    with serve_edited(site, tmp_path, page, code, f"{code}1 ") as url:  # a line number
        problems = copy_problems(browser, url, page, fences)
    assert len(problems) == 1 and "block 1" in problems[0], problems


def output_page_problems(browser, base_url: str, path: str, language: str) -> list[str]:
    """Copy every block that has a copy button, in order: the copies, joined, compile; the output
    boxes have no copy button, their label and a look unlike code's."""
    problems, copied = [], []
    with clipboard_page(browser, base_url, path) as page:
        scroll_through(page)
        blocks = page.locator("article pre:has(> code)")
        in_output = [
            blocks.nth(i).evaluate("b => !!b.closest('.output')") for i in range(blocks.count())
        ]
        for index, output in enumerate(in_output):
            block = blocks.nth(index)
            block.hover()  # in view: Material mounts it (content.lazy)
            if not output:
                block.locator(COPY_BUTTON).wait_for()
        for index, output in enumerate(in_output):
            buttons = blocks.nth(index).locator(COPY_BUTTON)
            if not buttons.count():
                continue
            if output:
                problems.append(f"{path}: output block {index + 1} has a copy button")
            page.evaluate("navigator.clipboard.writeText('')")
            blocks.nth(index).hover()
            buttons.click()
            copied.append(page.evaluate("navigator.clipboard.readText()"))
        boxes = page.locator("article .output")
        if not any(in_output) or boxes.count() != sum(in_output):
            problems.append(f"{path}: {boxes.count()} output boxes, {sum(in_output)} in them")
        for index in range(boxes.count()):
            look = boxes.nth(index).evaluate(_LOOK)
            if look["label"] != f'"{OUTPUT_LABELS[language]}"':
                problems.append(f"{path}: output box {index + 1} labelled {look['label']}")
            if not look["distinct"]:
                problems.append(f"{path}: output box {index + 1} has the code's background")
    try:
        compile("\n".join(copied), path, "exec")
    except SyntaxError as error:
        problems.append(
            f"{path}: the copied blocks do not compile: {error.msg} (line {error.lineno})"
        )
    return problems


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("slug", OUTPUT_PAGES)
def test_copying_every_block_of_an_output_page_gives_a_program(browser, base_url, language, slug):
    path = in_language(f"{slug}/index.html", language)
    assert output_page_problems(browser, base_url, path, language) == []


STYLESHEET = "assets/stylesheets/extra.css"
BROKEN_OUTPUT = {  # (file, old, new, how many): the first output box, or all
    # a copy button on the output: a reader copies it along
    "button": [(OUTPUT_PAGE, OUTPUT_MARKUP, '<div class="output">', 1)],
    # shown as code: no label, the code's look, a copy button
    "code": [(OUTPUT_PAGE, OUTPUT_MARKUP, "<div>", -1)],
    # labelled in the other language, drawn like code
    "look": [
        (STYLESHEET, 'content: "출력"', 'content: "Output"', 1),
        (STYLESHEET, "background-color: transparent;", "", 1),
    ],
}
EXPECTED = {
    "button": ("has a copy button", "do not compile"),
    "code": ("output boxes", "do not compile"),
    "look": ("labelled", "the code's background"),
}


@pytest.mark.parametrize("broken", BROKEN_OUTPUT)
def test_output_check_catches_output_shown_as_code(browser, site, tmp_path, broken):
    copy = copy_site(site, tmp_path / "site")
    for file, old, new, count in BROKEN_OUTPUT[broken]:
        edit(copy / (f"{file}/index.html" if file == OUTPUT_PAGE else file), old, new, count)
    with serve(copy) as url:
        problems = output_page_problems(browser, url, f"{OUTPUT_PAGE}/index.html", "ko")
    kinds = EXPECTED[broken]
    assert all(any(kind in problem for problem in problems) for kind in kinds), problems
    assert all(any(kind in problem for kind in kinds) for problem in problems), problems
