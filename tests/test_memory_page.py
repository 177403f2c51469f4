"""The "How far can it remember?" pages cite the numbers of the stored run, not others.

``make memory`` stores the run in ``snippets/results/memory.json`` (the program's hidden check
holds a new run to it). Here each page's table must show exactly those accuracies, row by row,
and every accuracy-like number in the prose must be one of them.
"""

import json
import re

import pytest

from conftest import DOCS, LANGUAGES, ROOT
from experiments.memory import LABELS, NAME, RESULTS

STORED = json.loads(RESULTS.read_text(encoding="utf-8"))
ACCURACY = re.compile(r"(?<![\d.])[01]\.\d{3}(?!\d)")


@pytest.mark.parametrize("language", LANGUAGES)
def test_table_rows_are_the_stored_run(language):
    page = (DOCS / language / "memory.md").read_text(encoding="utf-8")
    for name, accuracy in STORED["accuracy"].items():
        row = f"| {LABELS[name][language]} | " + " | ".join(f"{a:.3f}" for a in accuracy) + " |"
        assert row in page, f"{language}/memory.md lacks the row {row!r}: run `make memory`"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_accuracy_in_the_prose_is_stored(language):
    stored = {f"{a:.3f}" for accuracy in STORED["accuracy"].values() for a in accuracy}
    page = (DOCS / language / "memory.md").read_text(encoding="utf-8")
    assert set(ACCURACY.findall(page)) <= stored


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_figures_exist(language):
    for scheme in ("light", "dark"):
        path = ROOT / "docs" / language / "figures" / f"{NAME}-{scheme}.svg"
        assert path.read_text(encoding="utf-8").lstrip().startswith("<?xml")
