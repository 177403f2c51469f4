"""The book's published accuracies: the stored file, its source, and the tokens that cite it."""

import json
import re

import pytest
from mkdocs.exceptions import PluginError
from sitelib import load_hook

from conftest import ROOT
from project import BOOK_CHAPTERS

RERUNS = ROOT / "snippets" / "results" / "book-reruns.json"
PEER_README = ROOT.parent / "shared" / "peer" / "README.md"
RUNS = json.loads(RERUNS.read_text(encoding="utf-8"))["runs"]


def peer_table(text: str) -> dict[str, list[float]]:
    """``commit -> [NumPy, SimpleRNN, Embedding, LSTM]`` from the peer README's table."""
    cells = r"^\| ([0-9a-f]{7}) \| (\d{4}-\d\d-\d\d) \|[^|]*\|" + r" ([\d.]+) \|" * 4
    row = re.compile(cells, re.M)
    return {m[1]: [float(x) for x in m.groups()[2:]] for m in row.finditer(text)}


@pytest.mark.skipif(
    not PEER_README.is_file(), reason="../shared/peer/ exists only on this project's machines"
)
def test_stored_reruns_are_the_book_repository_history():
    table = peer_table(PEER_README.read_text(encoding="utf-8"))
    stored = {
        run["commit"]: [run["val_accuracy"][slug] for slug in BOOK_CHAPTERS] for run in RUNS
    }
    assert stored == table
    assert [run["date"] for run in RUNS] == sorted(run["date"] for run in RUNS)


def test_tokens_give_the_range_and_the_first_and_last_runs():
    hook = load_hook("book_reruns")
    lstm = [run["val_accuracy"]["lstm"] for run in RUNS]
    text = "{{ book.lstm.min }}-{{book.lstm.max}} {{ book.lstm.first }} {{ book.lstm.last }}"
    assert hook.replace_tokens(text, RUNS) == (
        f"{min(lstm):.4f}-{max(lstm):.4f} {lstm[0]:.4f} {lstm[-1]:.4f}"
    )
    assert hook.replace_tokens("{{ book.last.tensorflow }}", RUNS) == RUNS[-1]["tensorflow"]
    assert hook.replace_tokens("{{ book.first.date }}", RUNS) == RUNS[0]["date"]


@pytest.mark.parametrize("token", ["{{ book.gru.min }}", "{{ book.lstm.median }}", "{{ book.x }}"])
def test_unknown_token_fails_the_build(token):
    with pytest.raises(PluginError, match="unknown token"):
        load_hook("book_reruns").replace_tokens(token, RUNS)


def test_peer_table_reader_catches_a_changed_value():
    text = "| c58397c | 2019-08-19 | first | 0.6572 | 0.6998 | 0.8096 | 0.8274 |\n"
    assert peer_table(text) == {"c58397c": [0.6572, 0.6998, 0.8096, 0.8274]}
    assert peer_table(text.replace("0.8274", "0.8275"))["c58397c"][3] == 0.8275
