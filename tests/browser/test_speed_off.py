"""With the speed layer off (``RNN_DOCS_SPEED=false``, hooks/speed.py) the site still works: the
same load, copy, accessibility and link checks as the site itself, on a few pages of each kind
(the home page, the longest chapters, tables, a notebook, both languages) to stay cheap.

That the switch turns every piece off is tests/test_speed.py's check.
"""

import pytest

from conftest import DOCS

from .conftest import serve
from .test_axe import axe_problems
from .test_copy import copy_problems, source_fences
from .test_links import anchor_problems, linkchecker_problems
from .test_load import load_problems

PAGES = [
    "index.html",
    "numpy-rnn/index.html",
    "en/checking/index.html",
    "glossary/index.html",
    "en/notebooks/lstm/index.html",
]


@pytest.fixture(scope="module")
def url_without_speed(site_without_speed):
    with serve(site_without_speed) as url:
        yield url


def test_pages_load_cleanly_without_the_speed_layer(browser, url_without_speed):
    assert load_problems(browser, url_without_speed, PAGES) == []


def test_copy_buttons_copy_the_code_without_the_speed_layer(browser, url_without_speed):
    fences = source_fences(DOCS / "ko" / "numpy-rnn.md")
    assert copy_problems(browser, url_without_speed, "numpy-rnn/index.html", fences) == []


def test_no_accessibility_violation_without_the_speed_layer(browser, url_without_speed, axe_script):
    assert axe_problems(browser, url_without_speed, PAGES, axe_script) == []


def test_links_hold_without_the_speed_layer(site_without_speed, url_without_speed, pages):
    assert anchor_problems(site_without_speed, pages) == []
    assert linkchecker_problems(url_without_speed, recursion=1) == []
