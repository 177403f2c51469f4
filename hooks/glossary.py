"""Render the glossary table from ``terms.yml`` in the page's own language.

A line ``<!-- glossary-table -->`` (on its own, outside code fences) in a page's Markdown is
replaced by a Markdown table:

* Korean pages: 용어 | English | 뜻 | 다른 표기 (``ko``, ``en``, ``ko_def``, variants), in 가나다
  order of ``ko``;
* English pages: Term | 한국어 | Meaning | Other forms (``en``, ``ko``, ``en_def``, variants),
  alphabetical by ``en``.

The page's language is the locale mkdocs-static-i18n gives the page's file (``page.file.locale``:
``ko`` for ``docs/ko/...``, ``en`` for ``docs/en/...``), so a page always gets the table in the
language it is written in; without the plugin the theme language is used.

Readers still type the spellings the site avoids (``avoid_ko``, ``avoid_en``: 타임스텝, 바이어스,
minibatch), so the glossary is where they find the term:

* the last column lists a term's variants, the page's language first, in a
  ``<span class="term-variants">``: the one place tests/test_terms.py lets an avoided variant stand
  on a built page;
* each term's cell carries an anchor (its slug, as a heading would get);
* each term's variants become a search document of their own, titled with them and leading to
  the term's row. In the page's text alone, whose search boost is lowered (hooks/search_boost.py),
  a variant ranked below every chapter that shares one of its words (시퀀셜 데이터 below every
  page with 데이터); in a title of their own its rare words count.
"""

import html
import re
import unicodedata
from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError
from pymdownx.slugs import slugify

MARKER = "<!-- glossary-table -->"
REQUIRED_FIELDS = ("ko", "en", "ko_def", "en_def")
OPTIONAL_LIST_FIELDS = ("avoid_ko", "avoid_en")

# language -> (column titles, fields shown in the first columns, field to sort by); the last
# column holds the avoided variants.
COLUMNS = {
    "ko": (("용어", "English", "뜻", "다른 표기"), ("ko", "en", "ko_def"), "ko"),
    "en": (("Term", "한국어", "Meaning", "Other forms"), ("en", "ko", "en_def"), "en"),
}
VARIANTS_CLASS = "term-variants"
_slug = slugify(case="lower")
# The variants' search documents rank at half the default: enough for a variant's own rare words
# (시퀀셜, 트렁케이티드) to put the glossary first or right after the chapter that shares its
# other words, not enough for a term's own name that begins a glued variant (은닉 상태는 and
# 은닉상태) to outrank the chapter. tests/browser/test_search.py holds both sides.
VARIANT_BOOST = 0.5  # as mkdocs.yml's toc slugifies headings

_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")


class GlossaryError(PluginError):
    """terms.yml is malformed or the page's language has no glossary columns."""


def load_terms(path: Path) -> list[dict]:
    """Read and validate ``terms.yml``; raise :class:`GlossaryError` naming what is wrong."""
    try:
        terms = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise GlossaryError(f"glossary: cannot read {path}: {error}") from error
    if not isinstance(terms, list) or not terms:
        raise GlossaryError(f"glossary: {path} must be a non-empty list of terms")
    for number, term in enumerate(terms, start=1):
        label = f"{path}, term #{number}"
        if not isinstance(term, dict):
            raise GlossaryError(f"glossary: {label} is not a mapping: {term!r}")
        label += f" ({term.get('ko') or term.get('en') or '?'})"
        for field in REQUIRED_FIELDS:
            value = term.get(field)
            if not isinstance(value, str) or not value.strip():
                raise GlossaryError(f"glossary: {label} lacks the field {field!r}")
        for field in OPTIONAL_LIST_FIELDS:
            value = term.get(field, [])
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise GlossaryError(f"glossary: {label}: {field!r} must be a list of strings")
    return terms


def language_of(locale: str) -> str:
    """``ko``/``en`` for a locale such as ``ko``, ``en`` or ``en_US``."""
    language = re.split(r"[-_]", str(locale or ""))[0].lower()
    if language not in COLUMNS:
        raise GlossaryError(f"glossary: no glossary columns for language {locale!r}")
    return language


def _sort_key(text: str) -> str:
    # Hangul syllables are in 가나다 order in Unicode; NFC keeps decomposed input comparable.
    return unicodedata.normalize("NFC", text).casefold()


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", r"\|")


def _other(language: str) -> str:
    return next(code for code in COLUMNS if code != language)


def variants(term: dict, language: str) -> list[str]:
    """The term's avoided variants, those of ``language`` first."""
    return term.get(f"avoid_{language}", []) + term.get(f"avoid_{_other(language)}", [])


def anchor(term: dict, language: str) -> str:
    """The id of the term's row on the glossary page of ``language``."""
    return _slug(term[language], "-")


def _term_cell(term: dict, language: str) -> str:
    return f'<span id="{anchor(term, language)}">{_cell(term[language])}</span>'


def _variants_cell(term: dict, language: str) -> str:
    listed = ", ".join(_cell(variant) for variant in variants(term, language))
    return f'<span class="{VARIANTS_CLASS}">{listed}</span>' if listed else ""


def render_table(terms: list[dict], locale: str) -> str:
    """The glossary as a Markdown table for the page language ``locale``."""
    language = language_of(locale)
    titles, fields, sort_field = COLUMNS[language]
    rows = sorted(terms, key=lambda term: _sort_key(term[sort_field]))
    lines = ["| " + " | ".join(titles) + " |", "|" + " --- |" * len(titles)]
    for term in rows:
        cells = [_term_cell(term, language), *(_cell(term[f]) for f in fields[1:])]
        lines.append("| " + " | ".join([*cells, _variants_cell(term, language)]) + " |")
    return "\n".join(lines)


def search_documents(terms: list[dict], language: str, url: str) -> list[dict]:
    """A search document per term with variants, titled with them, leading to its row at ``url``.

    One per term, not per variant: Material's search keys documents by address, and a row has one.
    No text: the term's own name there would make every query for the term match it in full.
    """
    return [
        {
            "location": f"{url}#{anchor(term, language)}",
            "title": html.escape(", ".join(variants(term, language)), quote=False),
            "text": "",
            "boost": VARIANT_BOOST,
        }
        for term in terms
        if variants(term, language)
    ]


def replace_marker(markdown: str, table: str) -> str:
    """Replace every marker line outside code fences by ``table`` (with blank lines around it)."""
    out, fence = [], None
    for line in markdown.split("\n"):
        opened = _FENCE.match(line)
        if fence is None and opened:
            fence = opened.group(1)
        elif fence is not None:
            closing = line.strip()
            if closing.startswith(fence) and set(closing) == {fence[0]}:
                fence = None
        elif fence is None and line.strip() == MARKER:
            out += ["", table, ""]
            continue
        out.append(line)
    return "\n".join(out)


def page_locale(page, config) -> str:
    """The language the page is written in (set by mkdocs-static-i18n on each file)."""
    return getattr(page.file, "locale", None) or config["theme"]["language"]


def _terms(config) -> list[dict]:
    return load_terms(Path(config["config_file_path"]).parent / "terms.yml")


def on_page_markdown(markdown, page, config, **_):
    if MARKER not in markdown:
        return markdown
    return replace_marker(markdown, render_table(_terms(config), page_locale(page, config)))


def on_page_context(context, page, config, **_):
    """Add the variants' search documents after the page's own (the search plugin, a plugin,
    indexed it first): Material's search takes a document whose address has a ``#`` for a
    section of the page whose document came before it."""
    search = config["plugins"].get("material/search") or config["plugins"].get("search")
    if search is None or f'class="{VARIANTS_CLASS}"' not in (page.content or ""):
        return context
    entries = getattr(getattr(search, "search_index", None), "entries", None)
    if not isinstance(entries, list) or not any(e.get("location") == page.url for e in entries):
        raise GlossaryError(
            f"glossary: the search index has no document for {page.url} to add variants to"
        )
    language = language_of(page_locale(page, config))
    entries += search_documents(_terms(config), language, page.url)
    return context
