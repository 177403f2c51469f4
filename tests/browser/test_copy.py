"""4. A code block's copy button puts exactly the program's code on the clipboard."""

import io
import re

import pytest
from pytest_codeblocks import extract_from_buffer

from conftest import DOCS
from snippet_programs import CONT, expand_snippets

from .conftest import TIMEOUT, page_url, serve_edited

COPY_BUTTON = "button[data-md-type=copy], button.md-clipboard"  # Material 9.7+, older
CODE_PAGES = ["numpy-rnn"]  # code chapters whose every block is copied, in both languages


def source_fences(markdown_file) -> list[str]:
    """The code of every fence of a page's Markdown, its snippet includes expanded."""
    text = expand_snippets(markdown_file).replace(CONT, "")
    return [block.code.rstrip("\n") for block in extract_from_buffer(io.StringIO(text))]


def copy_problems(browser, base_url: str, path: str, fences: list[str]) -> list[str]:
    """Click the copy button of each code block on ``path``; each copy must be one of ``fences``."""
    problems = []
    context = browser.new_context()
    context.set_default_timeout(TIMEOUT)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    try:
        page.goto(page_url(base_url, path))
        blocks = page.locator("article pre:has(> code)")
        if blocks.count() == 0:
            problems.append(f"{path}: no code block")
        for index in range(blocks.count()):
            block = blocks.nth(index)
            page.evaluate("navigator.clipboard.writeText('')")
            block.hover()
            block.locator(COPY_BUTTON).click()
            copied = page.evaluate("navigator.clipboard.readText()").rstrip("\n")
            if copied not in fences:
                first = copied.splitlines()[0] if copied else ""
                problems.append(f"{path}: block {index + 1} copies text no fence has: {first!r}...")
    finally:
        context.close()
    return problems


@pytest.mark.parametrize("language", ["ko", "en"])
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
