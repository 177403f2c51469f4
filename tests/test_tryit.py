"""The "try it" panel's files: weights from the chapter's current code, small, on its pages only.

``make notebooks SLUG=lstm`` (and ``SLUG=nsmc``) writes ``docs/assets/tryit/SLUG.json`` from the
run that fills the chapter's notebook (notebooks/tryit.py), with the notebook's ``source_hash``.
What the panel computes from it is tests/browser/test_tryit.py's.
"""

import gzip
import json
import shutil
from pathlib import Path

import pytest
from sitelib import load_hook

from conftest import ROOT
from notebooks import SNIPPETS, notebook_path
from notebooks.program import join_continuations, shown_steps, source_hash
from notebooks.tryit import MODELS, SKIP_TOP, export_path

TRYIT = ROOT / "docs" / "assets" / "tryit"
BUDGET = 150_000  # bytes, gzip: issue 16's "about 150 KB compressed" for what a panel loads


def stale_problems(slug: str, snippets: Path = SNIPPETS, docs: Path = ROOT / "docs") -> list[str]:
    """The export was not written from the chapter's current code, or not by the notebook's run."""
    path = export_path(slug, docs)
    command = f"make notebooks SLUG={slug}"
    if not path.is_file():
        return [f"{path.relative_to(docs.parent)} is missing: run {command}"]
    stored = json.loads(path.read_text(encoding="utf-8"))["source_hash"]
    cells = join_continuations(shown_steps(snippets / f"{slug}.md"))
    current = source_hash([cell.code for cell in cells])
    notebook = json.loads(notebook_path(slug, "ko", docs).read_text(encoding="utf-8"))
    if stored != current or stored != notebook["metadata"]["rnn_docs"]["source_hash"]:
        return [f"{path.relative_to(docs.parent)} is stale: run {command}"]
    return []


@pytest.mark.parametrize("slug", MODELS)
def test_weights_are_from_the_chapters_current_code(slug):
    assert stale_problems(slug) == []


def test_stale_check_catches_a_change_of_the_chapters_code(tmp_path):
    snippets = shutil.copytree(SNIPPETS, tmp_path / "snippets")
    program = snippets / "lstm.md"
    program.write_text(
        program.read_text(encoding="utf-8").replace("LSTM(8)", "LSTM(16)"), encoding="utf-8"
    )
    assert stale_problems("lstm", snippets) == [
        "docs/assets/tryit/lstm.json is stale: run make notebooks SLUG=lstm"
    ]


def test_export_holds_the_vocabulary_the_lstm_chapter_keeps():
    tokenizer = json.loads(export_path("lstm").read_text(encoding="utf-8"))["tokenizer"]
    assert tokenizer["kind"] == "imdb-words"
    # Ids first_id .. num_words - 1, one word each; below skip_top they are only named, as dropped.
    assert tokenizer["first_id"] + len(tokenizer["words"]) == tokenizer["num_words"]
    assert len(set(tokenizer["words"])) == len(tokenizer["words"])
    assert tokenizer["skip_top"] == SKIP_TOP
    assert tokenizer["words"][:3] == ["the", "and", "a"]  # ids 4, 5, 6: the most frequent words


def test_export_holds_the_syllables_the_nsmc_chapter_keeps():
    export = json.loads(export_path("nsmc").read_text(encoding="utf-8"))
    tokenizer = export["tokenizer"]
    assert tokenizer["kind"] == "syllables"
    # Ids: 0 padding, 1 unknown, then one syllable each, most frequent first, up to the
    # embedding's last row.
    assert (tokenizer["unknown_id"], tokenizer["first_id"]) == (1, 2)
    tokens = tokenizer["tokens"]
    assert len(set(tokens)) == len(tokens) and all(len(token) == 1 for token in tokens)
    assert tokenizer["first_id"] + len(tokens) == export["model"]["embedding"]["shape"][0]
    assert " " in tokens[:3] and {"영", "화", "다"} <= set(tokens[:50])


def size_problems(folder: Path, budget: int = BUDGET) -> list[str]:
    """What a panel loads: the script and its chapter's weights, compressed."""
    script = len(gzip.compress((folder / "tryit.js").read_bytes()))
    sizes = {
        path.name: script + len(gzip.compress(path.read_bytes())) for path in folder.glob("*.json")
    }
    return [
        f"tryit.js + {name}: {size} bytes compressed > {budget}"
        for name, size in sizes.items()
        if size > budget
    ]


def test_panel_files_fit_the_budget():
    assert size_problems(TRYIT) == []


def test_size_check_catches_weights_stored_as_text(tmp_path):
    folder = shutil.copytree(TRYIT, tmp_path / "tryit")
    data = json.loads((folder / "lstm.json").read_text(encoding="utf-8"))
    data["as_text"] = [float(i) / 7 for i in range(32_000)]  # the embedding as decimal numbers
    (folder / "lstm.json").write_text(json.dumps(data), encoding="utf-8")
    assert size_problems(folder) != []


def script_pages(site: Path) -> set[str]:
    return {
        path.relative_to(site).as_posix()
        for path in site.rglob("*.html")
        if "assets/tryit/tryit.js" in path.read_text(encoding="utf-8")
    }


def test_script_is_on_the_panel_pages_only(site):
    panels = {"index.html", "lstm/index.html", "nsmc/index.html"}  # home: a compact panel
    assert script_pages(site) == panels | {f"en/{path}" for path in panels}


def test_hook_adds_the_script_only_where_a_panel_is():
    hook = load_hook("tryit")

    class Page:
        url = "en/lstm/"

    script = '<script src="../../assets/tryit/tryit.js" defer></script>'
    assert hook.on_page_content("<p>text</p>", Page()) == "<p>text</p>"
    for classes in ("tryit", "tryit tryit--compact"):
        panel = f'<div class="{classes}" data-tryit="lstm"><noscript><p>x</p></noscript></div>'
        assert hook.on_page_content(panel, Page()).endswith(script)
