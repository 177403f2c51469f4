"""Render the glossary table from ``terms.yml`` in the page's own language.

A line ``<!-- glossary-table -->`` (on its own, outside code fences) in a page's Markdown is
replaced by a Markdown table:

* Korean pages: 용어 | English | 뜻 (``ko``, ``en``, ``ko_def``), in 가나다 order of ``ko``;
* English pages: Term | 한국어 | Meaning (``en``, ``ko``, ``en_def``), alphabetical by ``en``.

The page's language is the locale mkdocs-static-i18n gives the page's file (``page.file.locale``:
``ko`` for ``docs/ko/...``, ``en`` for ``docs/en/...``), so a page always gets the table in the
language it is written in; without the plugin the theme language is used.
"""

import re
import unicodedata
from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError

MARKER = "<!-- glossary-table -->"
REQUIRED_FIELDS = ("ko", "en", "ko_def", "en_def")
OPTIONAL_LIST_FIELDS = ("avoid_ko", "avoid_en")

# language -> (column titles, fields shown in those columns, field to sort by)
COLUMNS = {
    "ko": (("용어", "English", "뜻"), ("ko", "en", "ko_def"), "ko"),
    "en": (("Term", "한국어", "Meaning"), ("en", "ko", "en_def"), "en"),
}

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


def render_table(terms: list[dict], locale: str) -> str:
    """The glossary as a Markdown table for the page language ``locale``."""
    titles, fields, sort_field = COLUMNS[language_of(locale)]
    rows = sorted(terms, key=lambda term: _sort_key(term[sort_field]))
    lines = ["| " + " | ".join(titles) + " |", "|" + " --- |" * len(titles)]
    lines += ["| " + " | ".join(_cell(term[f]) for f in fields) + " |" for term in rows]
    return "\n".join(lines)


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


def on_page_markdown(markdown, page, config, **_):
    if MARKER not in markdown:
        return markdown
    terms = load_terms(Path(config["config_file_path"]).parent / "terms.yml")
    return replace_marker(markdown, render_table(terms, page_locale(page, config)))
