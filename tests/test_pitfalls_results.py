"""The "Pitfalls, measured" pages cite the stored runs of the code they show, and all of them.

``make pitfalls`` stores its trainings and baselines in ``snippets/results/pitfalls.json`` with
the hash of the definitions it ran and the numbers the pages cite (``cited``). A change to that
code, a missing training or a hand-edited number fails here, naming the command.
"""

import copy
import json
import re

import pytest

from conftest import DOCS, LANGUAGES
from experiments.pitfalls import PROGRAM, RESULTS, SEEDS, cited, code_hash, section_code

STORED = json.loads(RESULTS.read_text(encoding="utf-8"))
TOKEN = re.compile(r"\{\{\s*results\.pitfalls\.([^\s}]*)\s*\}\}")


def program_names(*sections: str) -> dict:
    """The names the program's ``sections`` define (no data loaded, nothing trained)."""
    namespace = {"runs": []}
    exec("import keras\nimport numpy as np\n", namespace)
    for name in sections:
        exec(section_code(name), namespace)
    return namespace


def stale(stored: dict, program: str) -> list[str]:
    if stored["code_hash"] != code_hash(program):
        return ["the stored runs are of other code than the page shows: run `make pitfalls`"]
    return []


def missing(stored: dict, settings: list[tuple]) -> list[tuple]:
    done = {(r["seed"], r["layer"], r["padding"], r["mask_zero"]) for r in stored["runs"]}
    return [(seed, *s) for seed in SEEDS for s in settings if (seed, *s) not in done]


def test_the_stored_runs_are_of_the_code_the_page_shows():
    assert stale(STORED, PROGRAM.read_text(encoding="utf-8")) == []


def test_every_training_and_baseline_is_stored():
    names = program_names("model", "baseline")
    assert missing(STORED, names["SETTINGS"]) == [], "run `make pitfalls` (it resumes)"
    assert [(b["num_words"], b["maxlen"]) for b in STORED["baseline"]] == names["BASELINES"]


def test_the_cited_numbers_are_the_stored_runs():
    selection = program_names("selection")["selection"]
    assert cited(STORED, selection) == STORED["cited"], "run `make pitfalls`"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_page_cites_stored_numbers(language):
    keys = TOKEN.findall((DOCS / language / "pitfalls.md").read_text(encoding="utf-8"))
    assert keys and set(keys) <= set(STORED["cited"])


def test_the_checks_catch_changed_code_a_missing_run_and_an_edited_number():
    program = PROGRAM.read_text(encoding="utf-8")
    assert "epochs=4)" in program
    assert stale(STORED, program.replace("epochs=4)", "epochs=5)"))

    names = program_names("model", "selection")
    fewer = copy.deepcopy(STORED)
    fewer["runs"].pop()
    assert len(missing(fewer, names["SETTINGS"])) == 1

    edited = copy.deepcopy(STORED)
    edited["runs"][0]["val"][-1] += 0.1
    assert cited(edited, names["selection"]) != STORED["cited"]
