"""Language links that lead where they say, and no request that can only fail.

1. Material's JavaScript fetches ``sitemap.xml`` below the ``href`` of every
   ``<link rel="alternate" hreflang>`` in the page head. mkdocs-static-i18n points those links at
   the page's twin (``en/bptt/``), so every page load requested ``en/bptt/sitemap.xml`` and got a
   404 in the console (mkdocs-material#6582). The head links go; the language selector's own
   links already lead to the twin, and the root ``sitemap.xml`` keeps the hreflang alternates.
2. A notebook only becomes a page after mkdocs-static-i18n has computed each page's twins
   (``hooks/notebook_pages.py``), so the selector of an English notebook page would lead to the
   Korean home page. Twins share their path below the language prefix: the links are rewritten.
"""

import re

from mkdocs.utils import get_relative_url

_HEAD_ALTERNATE = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[a-z]+">')
_SELECTOR_LINK = re.compile(r'(<a href=")[^"]*(" hreflang="([a-z]+)")')


def twin_url(page_url: str, locale: str, language: str, default: str) -> str:
    """The site-relative URL of the ``language`` twin of the page at ``page_url``."""
    path = page_url if locale == default else page_url.removeprefix(f"{locale}/")
    return path if language == default else f"{language}/{path}"


def on_post_page(output, page, config):
    output = _HEAD_ALTERNATE.sub("", output)
    if not page.file.src_uri.endswith(".ipynb"):
        return output
    default = config.plugins["i18n"].default_language

    def link(match: re.Match) -> str:
        target = twin_url(page.url, page.file.locale, match.group(3), default)
        return f"{match.group(1)}{get_relative_url(target, page.url)}{match.group(2)}"

    return _SELECTOR_LINK.sub(link, output)
