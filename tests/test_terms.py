"""The term list: pages use its words, never its ``avoid_*`` variants; no word names two terms;
and the glossary pages, rendered from it by ``hooks/glossary.py``, list every term in each
language, with its variants (the one marked place a built page may show them; readers search
for them there)."""

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from sitelib import html_files, in_language, language_of, load_hook, load_page, parse_page

from conftest import DOCS, LANGUAGES, ROOT, build_site, make_probe_project

KO, EN = LANGUAGES
TERMS_FILE = ROOT / "terms.yml"
GLOSSARY = "glossary/index.html"
glossary = load_hook("glossary")


def load_terms(path: Path = TERMS_FILE) -> list[dict]:
    return glossary.load_terms(path)


# -- avoided variants


_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_SNIPPET = re.compile(r"^[ \t]*-{1,3}8<-{1,3}.*$", re.M)


def _blank(match: re.Match) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def prose(markdown: str) -> str:
    """``markdown`` with code blocks, code spans, comments and snippet includes blanked out.

    Line and column numbers stay as they were, so problems can point at the source.
    """
    lines, fence = [], None
    for line in markdown.split("\n"):
        opened = _FENCE.match(line)
        if fence is None and opened:
            fence = opened.group(1)
            lines.append("")
        elif fence is not None:
            closing = line.strip()
            if closing.startswith(fence) and set(closing) == {fence[0]}:
                fence = None
            lines.append("")
        else:
            lines.append(_CODE_SPAN.sub(_blank, line))
    text = "\n".join(lines)
    return _SNIPPET.sub(_blank, _COMMENT.sub(_blank, text))


def page_text(path: Path) -> str:
    """The prose source of a page: a Markdown file, or the Markdown cells of a notebook."""
    if path.suffix == ".ipynb":
        cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
        return "\n\n".join(
            "".join(cell.get("source", "")) for cell in cells if cell.get("cell_type") == "markdown"
        )
    return path.read_text(encoding="utf-8")


def variant_pattern(variant: str, ignore_case: bool) -> re.Pattern:
    """A variant anywhere, its words split by any whitespace (a line break too).

    An English variant must start a word (``timesteps`` matches ``timestep``, ``n_timestep``
    does not); a Korean one may sit inside a word, since particles attach to it.
    """
    words = r"\s+".join(re.escape(word) for word in variant.split())
    if re.match(r"[A-Za-z0-9]", variant):
        words = r"(?<![\w-])" + words
    return re.compile(words, re.I if ignore_case else 0)


def avoided_variant_problems(
    text: str, variants: list[str], ignore_case: bool, name: str = "text"
) -> list[str]:
    text = prose(text)
    problems = []
    for variant in variants:
        for match in variant_pattern(variant, ignore_case).finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            problems.append(f"{name}:{line}: {match.group(0)!r} (avoid {variant!r})")
    return problems


def avoided(terms: list[dict], language: str) -> list[str]:
    return [variant for term in terms for variant in term.get(f"avoid_{language}", [])]


def page_term_problems(docs: Path, language: str, terms: list[dict]) -> list[str]:
    """Avoided variants in the pages of one language folder (English case-insensitively)."""
    variants = avoided(terms, language)
    problems = []
    for path in sorted((docs / language).rglob("*")):
        if path.suffix in (".md", ".ipynb") and path.is_file():
            name = path.relative_to(docs.parent).as_posix()
            text = page_text(path)
            problems += avoided_variant_problems(text, variants, language == EN, name)
    return problems


def test_pages_use_no_avoided_variant():
    terms = load_terms()
    assert [p for language in LANGUAGES for p in page_term_problems(DOCS, language, terms)] == []


def test_definitions_use_no_avoided_variant():
    """The definitions are shown on the glossary pages, so they follow the same rule."""
    terms = load_terms()
    problems = []
    for language in LANGUAGES:
        definitions = "\n".join(term[f"{language}_def"] for term in terms)
        variants = avoided(terms, language)
        problems += avoided_variant_problems(definitions, variants, language == EN, "terms.yml")
    assert problems == []


def test_term_check_catches_avoided_variants(tmp_path):
    terms = load_terms()
    docs = tmp_path / "docs"
    for language in LANGUAGES:
        shutil.copytree(DOCS / language, docs / language)  # the real pages, as they are now
        before = page_term_problems(docs, language, terms)
        variant = avoided(terms, language)[0]
        # in code the variant is fine
        quoted = f"# Quoted\n\n`{variant}`\n\n```text\n{variant}\n```\n"
        (docs / language / "quoted.md").write_text(quoted, encoding="utf-8")
        assert page_term_problems(docs, language, terms) == before
        # in prose it is not, even split by a line break (Korean) or in capitals (English)
        if language == KO:
            used = f"# Used\n\n{variant.replace(' ', chr(10))}를 쓴다.\n"
        else:
            used = f"# Used\n\nTwo {variant.upper()}S.\n"
        (docs / language / "used.md").write_text(used, encoding="utf-8")
        added = [p for p in page_term_problems(docs, language, terms) if p not in before]
        assert len(added) == 1, added
        assert added[0].startswith(f"docs/{language}/used.md:3:")


def test_prose_blanks_code_and_keeps_lines():
    text = 'a `timestep` b\n```python\ntimestep = 1\n```\n<!-- timestep -->\n--8<-- "x.md"\nc\n'
    cleaned = prose(text)
    assert "timestep" not in cleaned
    assert cleaned.count("\n") == text.count("\n")
    assert avoided_variant_problems("x\n\ntime timestep", ["timestep"], True) == [
        "text:3: 'timestep' (avoid 'timestep')"
    ]
    assert avoided_variant_problems("n_timestep and minibatches", ["timestep"], True) == []
    assert avoided_variant_problems("Minibatches", ["minibatch"], True) != []
    assert avoided_variant_problems("바이어스를 더한다", ["바이어스"], False) != []


# -- one meaning per word


def _word_key(word: str) -> str:
    """A word as readers tell it apart: case, spaces and hyphens aside (원-핫 = 원핫 = 원 핫)."""
    return re.sub(r"[\s-]+", "", word).casefold()


def term_meaning_problems(terms: list[dict]) -> list[str]:
    """Words that name two terms: in one language, a term's word or avoided variant is also the
    word or an avoided variant of another term, or a term avoids its own word."""
    problems = []
    for language in LANGUAGES:
        owners: dict[str, list[str]] = {}
        for term in terms:
            preferred = term[language]
            avoid = term.get(f"avoid_{language}", [])
            # (a spelling of the word, 타임스텝 for 타임 스텝, is a variant to avoid, not the word)
            if preferred.casefold() in {variant.casefold() for variant in avoid}:
                problems.append(f"{language}: {preferred!r} avoids its own word")
            for word in {_word_key(w): w for w in [preferred, *avoid]}.values():
                owners.setdefault(_word_key(word), []).append(f"{preferred!r} ({word!r})")
        for key, names in owners.items():
            if len(names) > 1:
                problems.append(f"{language}: {key!r} belongs to {' and '.join(names)}")
    return problems


def test_every_word_has_one_meaning():
    assert term_meaning_problems(load_terms()) == []


def test_meaning_check_catches_a_word_used_twice(tmp_path):
    terms = yaml.safe_load(TERMS_FILE.read_text(encoding="utf-8"))
    by_ko = {term["ko"]: term for term in terms}
    broken_copies = {
        # the same Korean word for a second meaning (the cell as the whole layer's step)
        "same-word": terms
        + [{"ko": "셀", "en": "cell step", "ko_def": "한 타임 스텝.", "en_def": "One step."}],
        # one term's avoided variant is another term's word, written with other spacing
        "variant-is-a-term": [
            dict(term, avoid_ko=["셀상태"]) if term is by_ko["셀"] else term for term in terms
        ],
        # the same English word in two entries, in capitals
        "same-english": terms
        + [{"ko": "유닛", "en": "Cell", "ko_def": "단위.", "en_def": "A unit."}],
        # a term that avoids its own word
        "avoids-itself": [
            dict(term, avoid_en=["Padding"]) if term is by_ko["패딩"] else term for term in terms
        ],
    }
    for name, broken in broken_copies.items():
        path = tmp_path / f"terms-{name}.yml"
        path.write_text(yaml.safe_dump(broken, allow_unicode=True), encoding="utf-8")
        assert term_meaning_problems(load_terms(path)) != [], name


# -- avoided variants on the built pages: only in the glossary's marked list


class _ArticleText(HTMLParser):
    """The article's text, without code, scripts and the glossary's marked list of variants."""

    SKIPPED = {"code", "pre", "script", "style", "svg"}
    VOID = {"br", "hr", "img", "input", "link", "meta", "source", "wbr", "col", "area"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.stack: list[bool] = []  # per open element inside the article: is it skipped?
        self.article = False

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if not self.article:
            self.article = tag == "article" and "md-content__inner" in classes
            return
        if tag not in self.VOID:
            skipped = tag in self.SKIPPED or glossary.VARIANTS_CLASS in classes
            self.stack.append(skipped or (bool(self.stack) and self.stack[-1]))

    def handle_endtag(self, tag):
        if self.article and tag not in self.VOID:
            if self.stack:
                self.stack.pop()
            else:
                self.article = False

    def handle_data(self, data):
        if self.article and not (self.stack and self.stack[-1]):
            self.parts.append(data)


def article_text(html: str) -> str:
    parser = _ArticleText()
    parser.feed(html)
    parser.close()
    return " ".join("".join(parser.parts).split())


def built_page_problems(site: Path, terms: list[dict]) -> list[str]:
    """Avoided variants in the text of every built page of their language."""
    problems = []
    for path in html_files(site):
        language = language_of(path)
        text = article_text((site / path).read_text(encoding="utf-8"))
        for variant in avoided(terms, language):
            if variant_pattern(variant, language == EN).search(text):
                problems.append(f"{path}: {variant!r}")
    return problems


def test_built_pages_show_variants_only_in_the_glossary_list(site):
    assert built_page_problems(site, load_terms()) == []


def test_built_page_check_catches_an_unmarked_variant(site, tmp_path):
    terms = load_terms()
    for language in LANGUAGES:
        path = in_language(GLOSSARY, language)
        copy = tmp_path / language / path
        copy.parent.mkdir(parents=True)
        html = (site / path).read_text(encoding="utf-8")
        unmarked = html.replace(f'class="{glossary.VARIANTS_CLASS}"', 'class="other"')
        assert unmarked != html
        copy.write_text(unmarked, encoding="utf-8")
        found = built_page_problems(tmp_path / language, terms)
        assert len(found) == len(avoided(terms, language)), found  # each variant of the language
    marked = '<span class="term-variants">c<br>d</span>'
    page = f'<article class="md-content__inner"><p>a <code>b</code> {marked} e</p></article>'
    assert article_text(page + "<p>f</p>") == "a e"


# -- the glossary pages


def glossary_problems(page, terms: list[dict], language: str) -> list[str]:
    """The page has the glossary table of ``language``: its columns, every term, sorted."""
    titles, fields, sort_field = glossary.COLUMNS[language]
    tables = [t for t in page.tables if t and tuple(t[0]) == titles]
    if len(tables) != 1:
        return [f"{page.path}: {len(tables)} tables with the columns {' | '.join(titles)}"]
    rows = [tuple(row[:2]) for row in tables[0][1:]]
    problems = []
    for term in terms:
        pair = (term[fields[0]], term[fields[1]])
        if pair not in rows:
            problems.append(f"{page.path}: no row {' | '.join(pair)}")
    if len(rows) != len(terms):
        problems.append(f"{page.path}: {len(rows)} rows for {len(terms)} terms")
    if rows != sorted(rows, key=lambda row: row[0].casefold()):
        problems.append(f"{page.path}: rows not sorted by {sort_field}")
    return problems


def test_glossary_pages_list_every_term(site):
    terms = load_terms()
    problems = []
    for language in LANGUAGES:
        path = in_language(GLOSSARY, language)
        if not (site / path).is_file():
            problems.append(f"no page {path}")
            continue
        problems += glossary_problems(load_page(site, path), terms, language)
    assert problems == []


MARKER_PAGE = {KO: "# 용어집\n\n{marker}\n", EN: "# Glossary\n\n{marker}\n"}


@pytest.fixture(scope="module")
def glossary_probe(tmp_path_factory):
    """A build of glossary pages that hold the marker, with the repository's hooks and terms."""
    project = tmp_path_factory.mktemp("glossary-probe")
    pages = {}
    for language in LANGUAGES:
        pages[f"{language}/index.md"] = "# Probe\n"
        page = MARKER_PAGE[language].format(marker=glossary.MARKER)
        # a marker inside a code block stays as it is
        pages[f"{language}/glossary.md"] = page + f"\n```text\n{glossary.MARKER}\n```\n"
    config = make_probe_project(project, pages)
    result = build_site(config, project / "site")
    assert result.returncode == 0, f"glossary probe failed:\n{result.stdout}\n{result.stderr}"
    return project


def test_glossary_hook_renders_each_language(glossary_probe):
    terms = load_terms()
    site = glossary_probe / "site"
    for language in LANGUAGES:
        page = load_page(site, in_language(GLOSSARY, language))
        assert page.lang == language
        assert glossary_problems(page, terms, language) == []
        assert page.code_blocks == [glossary.MARKER + "\n"]
    ko_rows = load_page(site, GLOSSARY).tables[0]
    assert ko_rows[0] == ["용어", "English", "뜻", "다른 표기"]
    hangul_rows = [row[0] for row in ko_rows[1:] if re.match(r"[가-힣]", row[0])]
    assert hangul_rows == sorted(hangul_rows)  # 가나다 order
    en_rows = load_page(site, in_language(GLOSSARY, EN)).tables[0]
    assert en_rows[0] == ["Term", "한국어", "Meaning", "Other forms"]


def test_glossary_check_catches_a_missing_term(glossary_probe):
    terms = load_terms()
    extra = {"ko": "게이트", "en": "gate", "ko_def": "문.", "en_def": "A gate."}
    site = glossary_probe / "site"
    for language in LANGUAGES:
        page = load_page(site, in_language(GLOSSARY, language))
        assert glossary_problems(page, terms + [extra], language) != []
        assert glossary_problems(page, terms[1:], language) != []
    empty = parse_page('<article class="md-content__inner"><p>none</p></article>', GLOSSARY)
    assert glossary_problems(empty, terms, KO) != []


def test_render_table_columns_and_order():
    terms = [
        {"ko": "셀", "en": "cell", "ko_def": "단위.", "en_def": "A unit | one step."},
        {"ko": "가중치 공유", "en": "weight sharing", "ko_def": "같은 가중치.", "en_def": "Same."},
        {"ko": "BPTT", "en": "backpropagation through time", "ko_def": "역전파.", "en_def": "B."},
    ]
    terms[1] |= {"avoid_ko": ["웨이트 셰어링"], "avoid_en": ["weight-tying"]}

    def first_cells(lines):
        return [re.sub(r"<[^>]+>", "", line.split(" | ")[0]) for line in lines[2:]]

    ko = glossary.render_table(terms, "ko").splitlines()
    assert ko[0] == "| 용어 | English | 뜻 | 다른 표기 |"
    assert first_cells(ko) == ["| BPTT", "| 가중치 공유", "| 셀"]
    assert '| <span id="가중치-공유">가중치 공유</span> | weight sharing |' in ko[3]
    assert ko[3].endswith('| <span class="term-variants">웨이트 셰어링, weight-tying</span> |')
    assert ko[2].endswith("| 역전파. |  |")  # no variants, an empty cell
    en = glossary.render_table(terms, "en").splitlines()
    assert en[0] == "| Term | 한국어 | Meaning | Other forms |"
    assert first_cells(en) == ["| backpropagation through time", "| cell", "| weight sharing"]
    assert r"A unit \| one step." in en[3]
    assert en[4].endswith('| <span class="term-variants">weight-tying, 웨이트 셰어링</span> |')
    with pytest.raises(glossary.GlossaryError, match="language"):
        glossary.render_table(terms, "ja")


def test_search_documents_title_each_terms_variants_and_lead_to_its_row():
    terms = [
        {"ko": "가중치 공유", "en": "weight sharing", "avoid_ko": ["웨이트 셰어링", "<b>"]},
        {"ko": "셀", "en": "cell"},
    ]
    assert glossary.search_documents(terms, "en", "en/glossary/") == [
        {
            "location": "en/glossary/#weight-sharing",
            "title": "웨이트 셰어링, &lt;b&gt;",
            "text": "",
            "boost": glossary.VARIANT_BOOST,
        }
    ]
    assert glossary.search_documents(terms, "ko", "glossary/")[0]["location"] == (
        "glossary/#가중치-공유"
    )


def test_glossary_pages_list_every_variant_in_its_terms_row(site):
    terms = load_terms()
    problems = []
    for language in LANGUAGES:
        path = in_language(GLOSSARY, language)
        html = (site / path).read_text(encoding="utf-8")
        rows = {row[0]: row for row in load_page(site, path).tables[0][1:]}
        for term in terms:
            row = rows.get(term[language], [])
            listed = row[-1].split(", ") if row and row[-1] else []
            if listed != glossary.variants(term, language):
                problems.append(f"{path}: {term[language]} lists {listed}")
            if html.count(f'id="{glossary.anchor(term, language)}"') != 1:
                problems.append(f"{path}: no single anchor {glossary.anchor(term, language)}")
    assert sum(map(len, (glossary.variants(term, KO) for term in terms))) > 0
    assert problems == []


def test_load_terms_names_a_missing_field(tmp_path):
    terms = yaml.safe_load(TERMS_FILE.read_text(encoding="utf-8"))
    for field in glossary.REQUIRED_FIELDS:
        broken = [dict(term) for term in terms]
        del broken[1][field]
        path = tmp_path / f"terms-{field}.yml"
        path.write_text(yaml.safe_dump(broken, allow_unicode=True), encoding="utf-8")
        with pytest.raises(glossary.GlossaryError, match=f"lacks the field '{field}'"):
            glossary.load_terms(path)


def test_build_fails_clearly_without_a_field(tmp_path):
    terms = yaml.safe_load(TERMS_FILE.read_text(encoding="utf-8"))
    del terms[0]["en_def"]
    pages = {f"{language}/index.md": f"# Probe\n\n{glossary.MARKER}\n" for language in LANGUAGES}
    config = make_probe_project(tmp_path, pages)
    (tmp_path / "terms.yml").write_text(yaml.safe_dump(terms, allow_unicode=True), "utf-8")
    result = build_site(config, tmp_path / "site")
    assert result.returncode != 0
    assert "lacks the field 'en_def'" in result.stdout + result.stderr


def test_replace_marker_skips_code_fences():
    marker = glossary.MARKER
    markdown = f"a\n{marker}\n````text\n```python\n{marker}\n```\n````\n  {marker}\n"
    replaced = glossary.replace_marker(markdown, "TABLE")
    assert replaced.count("TABLE") == 2
    assert replaced.count(marker) == 1
    assert glossary.replace_marker("no marker\n", "TABLE") == "no marker\n"
