"""Rank reference pages below chapters in the site search.

The glossary names every term next to its definition on one short page, so Material's search
(lunr) ranked it above the chapter that explains a term ("은닉 상태", "hidden state" found the
glossary first). Its documents get a lower search boost: a term query lands on the chapter, and
the glossary still follows it in the results. ``tests/browser/test_search.py`` measures this.
"""

from pathlib import PurePosixPath

REFERENCE_PAGES = {"glossary.md": 0.2}  # file name -> search boost (Material's default is 1)


def on_page_markdown(markdown, page, **_):
    boost = REFERENCE_PAGES.get(PurePosixPath(page.file.src_uri).name)
    if boost is not None:
        search = page.meta.setdefault("search", {})
        if isinstance(search, dict):
            search.setdefault("boost", boost)
    return markdown
