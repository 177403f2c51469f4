"""2. The header's language selector leads from every page to its twin in the other language."""

import re
import shutil

import sitelib

from .conftest import browser_page, copy_site, page_url, serve

_HTML_LANG = re.compile(r"<html[^>]*\slang=\"([^\"]*)\"")


def language_switch_problems(browser, base_url: str, paths: list[str]) -> list[str]:
    """Follow each page's selector links to the other languages; each must reach the page's twin.

    The links are read from the rendered header and followed over HTTP; on the first page the
    selector is really used (hover, click), as a reader does.
    """
    problems: list[str] = []
    with browser_page(browser) as page:
        for index, path in enumerate(paths):
            page.goto(page_url(base_url, path), wait_until="domcontentloaded")
            links = page.locator(".md-header a.md-select__link[hreflang]")
            targets = links.evaluate_all("els => els.map(e => [e.hreflang, e.href])")
            if {language for language, _ in targets} != set(sitelib.LANGUAGES):
                problems.append(f"{path}: the language selector links to {targets}")
            for language, href in targets:
                if language == sitelib.language_of(path):
                    continue
                slug = sitelib.strip_language(path)
                twin = page_url(base_url, sitelib.in_language(slug, language))
                response = page.context.request.get(href)
                found = _HTML_LANG.search(response.text()) if response.ok else None
                lang = found.group(1) if found else None
                if not response.ok:
                    problems.append(f"{path}: the {language} link {href} fails ({response.status})")
                elif response.url != twin or lang != language:
                    problems.append(
                        f"{path}: the {language} link leads to {response.url} (lang={lang!r}), "
                        f"not to its twin {twin}"
                    )
                elif index == 0:  # use the selector itself once
                    page.hover(".md-header .md-select")
                    with page.expect_navigation():
                        page.click(f'.md-header a.md-select__link[hreflang="{language}"]')
                    if page.url != twin:
                        problems.append(f"{path}: clicking {language} opens {page.url}, not {twin}")
    return problems


def test_language_switch_leads_to_the_twin(browser, base_url, pages):
    assert language_switch_problems(browser, base_url, pages) == []


def test_language_switch_check_catches_a_page_without_twin(browser, site, tmp_path):
    broken = copy_site(site, tmp_path / "site")
    shutil.rmtree(broken / "en" / "bptt")
    with serve(broken) as url:
        problems = language_switch_problems(browser, url, ["bptt/index.html"])
    assert len(problems) == 1 and "en/bptt/" in problems[0] and "404" in problems[0], problems
