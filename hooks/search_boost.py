"""What the site search ranks and what it leaves out.

- The glossary names every term next to its definition on one short page, so Material's search
  (lunr) ranked it above the chapter that explains a term ("은닉 상태", "hidden state" found the
  glossary first). Its documents get a lower boost: a term query lands on the chapter, and the
  glossary still follows it in the results. ``tests/browser/test_search.py`` measures this.
- The chapter that introduces the hidden state is a short concept page, while the later chapters
  (the LSTM's panel and exercises, the pitfalls) name the hidden state many times over: they
  ranked above it for "은닉 상태" / "hidden state". The concept page gets a higher boost.
- "다음 단계" (next steps) is the title of a reading list; with the fast chapter's "1단계, 2단계" it
  pushed the glossary out of the first results for the avoided variant "시간 단계". Lower boost.
- The notebooks repeat their chapter's code, and their training logs made up a quarter of the
  search index that every page downloads: they are left out of the index.
"""

from pathlib import PurePosixPath

# file name -> search boost (Material's default is 1)
PAGE_BOOSTS = {"glossary.md": 0.35, "recurrent-layer.md": 3.0, "next-steps.md": 0.5}


def search_meta(page) -> dict | None:
    search = page.meta.setdefault("search", {})
    return search if isinstance(search, dict) else None


def on_page_markdown(markdown, page, **_):
    boost = PAGE_BOOSTS.get(PurePosixPath(page.file.src_uri).name)
    if boost is not None and (search := search_meta(page)) is not None:
        search.setdefault("boost", boost)
    return markdown


def on_page_content(html, page, **_):
    if page.file.src_uri.endswith(".ipynb") and (search := search_meta(page)) is not None:
        search["exclude"] = True
    return html
