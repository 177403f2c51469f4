"""The colour scheme toggle (overrides/partials/javascripts/palette.html, in place of Material's).

A reader's system scheme picks the first one; the toggle switches it, by mouse or by keyboard, and
the choice holds on the next page, in the page's language.
"""

import pytest

from conftest import LANGUAGES

from .conftest import browser_page, page_url

SCHEMES = {"light": "default", "dark": "slate"}
# The toggle's name says what it does next, in the page's language (mkdocs.yml).
TOGGLE_NAMES = {
    ("ko", "default"): "어두운 테마로 바꾸기",
    ("ko", "slate"): "밝은 테마로 바꾸기",
    ("en", "default"): "Switch to dark mode",
    ("en", "slate"): "Switch to light mode",
}
PAGES = {"ko": "bptt/index.html", "en": "en/bptt/index.html"}


def palette_state(page) -> dict:
    """The scheme on <body>, the one toggle shown, and what the browser was told of the scheme."""
    return page.evaluate(
        """() => {
          const shown = [...document.querySelectorAll("form[data-palette] label")]
            .filter(label => !label.hidden && label.offsetParent !== null);
          const meta = name => document.querySelector(`meta[name=${name}]`)?.content;
          return {
            scheme: document.body.getAttribute("data-md-color-scheme"),
            toggles: shown.map(label => label.title),
            colorScheme: meta("color-scheme"),
            themeColor: meta("theme-color"),
          };
        }"""
    )


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("system", ["light", "dark"])
def test_scheme_follows_the_system_and_the_toggle_switches_it(browser, base_url, system, language):
    other = "dark" if system == "light" else "light"
    with browser_page(browser, color_scheme=system) as page:
        page.goto(page_url(base_url, PAGES[language]))
        state = palette_state(page)
        assert state["scheme"] == SCHEMES[system]
        assert state["toggles"] == [TOGGLE_NAMES[language, SCHEMES[system]]]
        assert state["colorScheme"] == system
        assert state["themeColor"].startswith("#") and len(state["themeColor"]) == 7

        page.locator("form[data-palette] label:not([hidden])").click()
        state = palette_state(page)
        assert state["scheme"] == SCHEMES[other]
        assert state["toggles"] == [TOGGLE_NAMES[language, SCHEMES[other]]]
        assert state["colorScheme"] == other

        # The choice outlives the page, and the system scheme no longer decides.
        page.goto(page_url(base_url, PAGES[language].replace("bptt", "lstm")))
        assert palette_state(page)["scheme"] == SCHEMES[other]


def test_toggle_works_from_the_keyboard(browser, base_url):
    with browser_page(browser, color_scheme="light") as page:
        page.goto(page_url(base_url, PAGES["en"]))
        page.locator("form[data-palette] input:checked").focus()
        page.keyboard.press("Enter")
        assert palette_state(page)["scheme"] == "slate"
        page.keyboard.press("Enter")
        assert palette_state(page)["scheme"] == "default"


def test_system_change_is_followed_until_the_reader_chooses(browser, base_url):
    with browser_page(browser, color_scheme="light") as page:
        page.goto(page_url(base_url, PAGES["ko"]))
        page.emulate_media(color_scheme="dark")
        # The page hears of the change from a media-query listener, after this call returns:
        # on a busy machine, later than the next line. A page that never follows times out.
        page.wait_for_function("() => document.body.dataset.mdColorScheme === 'slate'")
        assert palette_state(page)["scheme"] == "slate"
        page.locator("form[data-palette] label:not([hidden])").click()  # the reader picks light
        page.emulate_media(color_scheme="dark")
        page.reload()
        assert palette_state(page)["scheme"] == "default"
