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

The spellings the site avoids (``avoid_ko``, ``avoid_en`` in terms.yml) are what readers still
type. Before the glossary listed them, 타임스텝, 바이어스 or minibatch found nothing, and 시퀀셜
데이터 found the glossary only below every page with 데이터. Every variant, typed on either
language's home page, must now find that language's glossary among the first two pages of that
language, and the row of its term there (``hooks/glossary.py``); second only where a chapter
shares the variant's other words (시퀀셜 데이터: sequential-data/). One tab types them all, one
after the other.
"""

import json
from urllib.parse import unquote, urlsplit

import pytest
from sitelib import LANGUAGES, in_language, language_of, load_hook
from test_terms import load_terms

from .conftest import browser_page, copy_site, page_url, serve

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


glossary = load_hook("glossary")
NO_MATCH = "qxzqxz"  # a query nothing matches


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


# -- the avoided variants


def open_search(page, base_url: str, language: str) -> str:
    """Open the search box on ``language``'s home page; return the text it shows for no match."""
    page.goto(page_url(base_url, in_language("index.html", language)))
    page.locator("input.md-search__input").click()
    return _typed(page, NO_MATCH, page.locator(".md-search-result__meta").inner_text())


def _typed(page, query: str, before: str) -> str:
    """Type ``query`` and wait until the results' meta line changes from ``before``."""
    box = page.locator("input.md-search__input")
    box.fill(query)
    box.press("End")  # Material searches on keyup
    page.wait_for_function(
        "before => document.querySelector('.md-search-result__meta').innerText !== before",
        arg=before,
    )
    return page.locator(".md-search-result__meta").inner_text()


def typed_links(page, base_url: str, query: str, no_match: str) -> list[tuple[str, str]]:
    """(site path, fragment) of each result for ``query``, typed into the open search box.

    The box is first taken to the no-match state, so a query with results always changes what
    the meta line says; a query that finds nothing leaves it there and yields no links.
    """
    box = page.locator("input.md-search__input")
    if page.locator(".md-search-result__meta").inner_text() != no_match:
        box.fill(NO_MATCH)
        box.press("End")
        page.wait_for_function(
            "text => document.querySelector('.md-search-result__meta').innerText === text",
            arg=no_match,
        )
    try:
        _typed(page, query, no_match)
    except Exception as error:  # Playwright's timeout: the meta line still says no match
        if "Timeout" not in type(error).__name__:
            raise
        return []
    hrefs = page.locator(".md-search-result__item > a.md-search-result__link").evaluate_all(
        "els => els.map(e => e.href)"
    )
    base_path = urlsplit(base_url).path
    links = [urlsplit(href) for href in hrefs]
    return [(link.path.removeprefix(base_path), unquote(link.fragment)) for link in links]


def variant_problems(browser, base_url: str, terms: list[dict]) -> list[str]:
    """Each term's variants, typed on each home page, find that language's glossary among the
    first three pages of that language, and the term's row there. (Three, not one: a variant's
    words also occur in the chapters that use the term, and the ten chapters with exercises
    use them often.)"""
    problems = []
    with browser_page(browser) as page:
        for language in LANGUAGES:
            no_match = open_search(page, base_url, language)
            glossary_page = in_language("glossary/", language)
            for term in terms:
                row = (glossary_page, glossary.anchor(term, language))
                for variant in glossary.variants(term, language):
                    links = typed_links(page, base_url, variant, no_match)
                    own = [path for path, _ in links if language_of(path) == language]
                    own = list(dict.fromkeys(own))  # pages, in order
                    if glossary_page not in own[:3] or row not in links:
                        problems.append(
                            f"{variant!r} ({language}): first results {own[:3]}, "
                            f"row {'#'.join(row)} {'found' if row in links else 'not found'}"
                        )
    return problems


def test_every_avoided_variant_leads_to_the_glossary(browser, base_url):
    terms = load_terms()
    assert any(glossary.variants(term, "ko") for term in terms)
    assert variant_problems(browser, base_url, terms) == []


def test_variant_check_catches_variants_left_out_of_the_index(browser, site, tmp_path):
    terms = [term for term in load_terms() if glossary.variants(term, "ko")][:2]
    broken = copy_site(site, tmp_path / "site")
    index_file = broken / "search" / "search_index.json"
    index = json.loads(index_file.read_text(encoding="utf-8"))
    index["docs"] = [doc for doc in index["docs"] if "glossary/#" not in doc["location"]]
    index_file.write_text(json.dumps(index), encoding="utf-8")
    with serve(broken) as url:
        problems = variant_problems(browser, url, terms)
    expected = sum(len(glossary.variants(term, "ko")) for term in terms) * len(LANGUAGES)
    assert len(problems) == expected, problems
