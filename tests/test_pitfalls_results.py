"""The "Pitfalls, measured" pages cite the stored runs of the code they show, and all of them.

``make pitfalls`` stores its trainings and baselines in ``snippets/results/pitfalls.json`` with
the hash of the definitions it ran and the numbers the pages cite (``cited``). A change to that
code, a missing training or a hand-edited number fails here, naming the command.
"""

import copy
import json
import re

import pytest
from mkdocs.exceptions import PluginError
from sitelib import load_hook

from conftest import DOCS, LANGUAGES
from experiments.pitfalls import PROGRAM, RESULTS, SEEDS, cited, code_hash, section_code
from experiments.pitfalls_figure import NAME, draw

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
    unknown = sorted(set(keys) - set(STORED["cited"]))
    assert keys and unknown == [], f"not stored: {unknown}: run `make pitfalls`"


def test_a_token_reads_the_stored_number_and_fails_on_an_unknown_key(tmp_path):
    results = load_hook("results")
    seeds = results.replace_tokens("{{ results.pitfalls.seeds }}", tmp_path)
    assert seeds == STORED["cited"]["seeds"]
    with pytest.raises(PluginError, match="cites no nothing.here: run make pitfalls"):
        results.replace_tokens("{{ results.pitfalls.nothing.here }}", tmp_path)


def test_the_checks_catch_changed_code_a_missing_run_and_an_edited_number():
    program = PROGRAM.read_text(encoding="utf-8")
    assert "epochs=4)" in program
    assert stale(STORED, program.replace("epochs=4)", "epochs=5)"))

    names = program_names("model", "selection")
    fewer = copy.deepcopy(STORED)
    fewer["runs"].pop()
    assert len(missing(fewer, names["SETTINGS"])) == len(missing(STORED, names["SETTINGS"])) + 1

    edited = copy.deepcopy(STORED)
    edited["runs"][0]["val"][-1] += 0.1
    assert cited(edited, names["selection"]) != STORED["cited"]


def claim_problems(cited: dict[str, str]) -> list[str]:
    """What the pages say of the stored runs, checked on their cited numbers."""
    n = {key: float(value) for key, value in cited.items()}
    claims = {
        "SimpleRNN, end, no mask: short reviews at the level of guessing":
            n["simplernn_post_nomask.short_median"] < 0.55,
        "SimpleRNN, end, no mask: long reviews below padding in front":
            n["simplernn_post_nomask.long_median"] < n["simplernn_pre_nomask.long_median"],
        "LSTM, end, no mask: below padding in front":
            n["lstm_post_nomask.val_median"] < n["lstm_pre_nomask.val_median"],
        "LSTM, end, no mask: short reviews lost at the median seed, learned at the best":
            n["lstm_post_nomask.short_median"] < 0.6 < 0.8 < n["lstm_post_nomask.short_max"],
        "masking reaches at least padding in front, either side, both layers": all(
            n[f"{layer}_{side}_mask.val_median"] >= n[f"{layer}_pre_nomask.val_median"]
            for layer in ("simplernn", "lstm")
            for side in ("pre", "post")
        ),
        # One standard error of an accuracy near 0.8 on 5,000 test reviews is about 0.006.
        "the validation accuracy of the epoch chosen on it comes out above its test accuracy":
            n["selection.val_over_test_median"] > 0,
        "choosing on the test set: small here":
            max(n["selection.epoch_median"], n["selection.model_median"]) < 0.006,
    }
    return [claim for claim, holds in claims.items() if not holds]


def test_what_the_pages_say_of_the_runs_holds():
    assert claim_problems(STORED["cited"]) == [], "the pages' findings no longer hold: reword them"


def test_the_claim_check_catches_a_run_that_contradicts_the_page():
    flipped = dict(STORED["cited"])
    flipped["lstm_post_nomask.val_median"] = flipped["lstm_pre_nomask.val_median"]
    flipped["selection.epoch_median"] = "0.020"
    assert len(claim_problems(flipped)) == 2


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_figures_are_drawn_from_the_stored_runs(language):
    for scheme in ("light", "dark"):
        path = DOCS / language / "figures" / f"{NAME}-{scheme}.svg"
        drawn = draw(STORED["runs"], language, scheme)
        assert path.read_text(encoding="utf-8") == drawn, "run `make pitfalls`"
        assert drawn != draw(STORED["runs"][1:], language, scheme)  # the check sees a lost run
