"""3. Material's search box puts the page that explains a term first, in Korean and in English.

The queries are typed into the header's search box on the home page of their language; the first
result must be the page (in that language) that explains the term.

Measured before the fix (Material 9.8, ``search: lang: [ko, en]``, separator ``[\\s\\-]+``), first
result for each case:

* 역전파 -> bptt ✓; backpropagation -> en/bptt ✓; 은닉 상태는 -> recurrent-layer ✓
  (Material matches each query word as a prefix, so 상태 finds 상태는, 상태가, 상태(hidden ...)
* 은닉 상태 -> glossary ✗; hidden state -> en/glossary ✗: the glossary table names every term
  with its definition in one short page, so it outranked the chapter that explains the term.

The fix (``hooks/search_boost.py``) lowers the glossary's search boost: term queries land on the
chapter, and the glossary still shows up right after it.
"""

from urllib.parse import urlsplit

import pytest

from .conftest import browser_page, page_url

# (language of the page searched from, query, slug of the page expected first)
CASES = [
    ("ko", "역전파", "bptt/"),
    ("ko", "은닉 상태", "recurrent-layer/"),  # before the fix: glossary/ first
    ("ko", "은닉 상태는", "recurrent-layer/"),  # a particle glued to the noun
    ("ko", "임베딩", "embedding/"),
    ("ko", "장단기 메모리", "lstm/"),
    ("en", "backpropagation", "en/bptt/"),
    ("en", "hidden state", "en/recurrent-layer/"),  # before the fix: en/glossary/ first
    ("en", "embedding", "en/embedding/"),
]


def search_results(page, base_url: str, language: str, query: str) -> list[str]:
    """Type ``query`` into the search box of ``language``'s home page; the result paths in order."""
    home = page_url(base_url, "index.html" if language == "ko" else f"{language}/index.html")
    page.goto(home)
    box = page.locator("input.md-search__input")
    meta = page.locator(".md-search-result__meta")
    box.click()
    before = meta.inner_text()
    box.fill(query)
    box.press("End")  # Material searches on keyup
    page.wait_for_function(
        "before => document.querySelector('.md-search-result__meta').innerText !== before",
        arg=before,
    )
    hrefs = page.locator(".md-search-result__item > a.md-search-result__link").evaluate_all(
        "els => els.map(e => e.href)"
    )
    base_path = urlsplit(base_url).path
    return [urlsplit(href).path.removeprefix(base_path) for href in hrefs]


def search_problems(browser, base_url: str, cases) -> list[str]:
    problems = []
    with browser_page(browser) as page:
        for language, query, expected in cases:
            results = search_results(page, base_url, language, query)
            if not results or results[0] != expected:
                problems.append(
                    f"{query!r} ({language}): first results {results[:3]}, not {expected}"
                )
    return problems


@pytest.mark.parametrize(("language", "query", "expected"), CASES)
def test_search_puts_the_right_page_first(browser, base_url, language, query, expected):
    assert search_problems(browser, base_url, [(language, query, expected)]) == []


def test_search_check_catches_a_wrong_first_result(browser, base_url):
    problems = search_problems(browser, base_url, [("ko", "역전파", "lstm/")])
    assert len(problems) == 1 and "bptt/" in problems[0], problems
