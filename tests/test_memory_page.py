"""The "How far can it remember?" pages cite the stored runs of the code they show, all of them.

``make memory`` stores one run per model, k and seed in ``snippets/results/memory.json``, with the
hash of the code it measured. Here: every run the program's ``run_experiment()`` makes is stored
for the code as it is now (else the pages cite a stale experiment), each page's tables cite every
stored point, the tokens the pages use compute what they say, and the program's hidden check
(``slice_problems``) rejects a rerun the stored seeds do not allow.
"""

import importlib.util
import json
import statistics
from pathlib import Path

import pytest

from conftest import DOCS, LANGUAGES, ROOT
from experiments.memory import (
    LABELS,
    RESULTS,
    code_hash,
    current_runs,
    figure_digest,
    key,
    load,
    plan,
    slice_problems,
)

STORED = json.loads(RESULTS.read_text(encoding="utf-8"))["runs"]


def _hook():
    spec = importlib.util.spec_from_file_location("memory_hook", ROOT / "hooks" / "memory.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


hook = _hook()


def stale_problems(runs: list[dict], planned: list[tuple], digest: str) -> list[str]:
    """Planned runs with no stored run of the code ``digest``."""
    done = {key(r) for r in runs if r["code_hash"] == digest}
    missing = [p for p in planned if p not in done]
    return [f"{len(missing)} of {len(planned)} runs not stored for this code, first {missing[:3]}"
            ] if missing else []


def test_every_planned_run_is_stored_for_the_code_the_page_shows():
    assert stale_problems(STORED, plan(), code_hash()) == [], "run `make memory`"


def test_stale_check_catches_an_edited_program_and_a_missing_run():
    planned = plan()
    runs = [{"model": m, "k": k, "seed": s, "code_hash": "now"} for m, k, s in planned]
    assert stale_problems(runs, planned, "now") == []
    assert stale_problems(runs, planned, "edited") != []
    assert stale_problems(runs[1:], planned, "now") != []


def test_the_hook_reads_the_runs_the_check_holds_to_the_code():
    assert {r["code_hash"] for r in hook.current_runs(STORED)} == {code_hash()}


def test_hook_models_are_the_programs_models():
    assert set(hook.MODELS.values()) == {name for name, _, _ in plan()} == set(LABELS)


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_page_cites_every_stored_point(language):
    page = (DOCS / language / "memory.md").read_text(encoding="utf-8")
    points = sorted({(model, k) for model, k, _ in plan()})
    slugs = {name: slug for slug, name in hook.MODELS.items()}
    for stat in ("spread", "epoch-spread", "learned"):
        missing = [
            (model, k) for model, k in points
            if f"{{{{ memory.{slugs[model]}.k{k}.{stat} }}}}" not in page
        ]
        assert missing == [], f"{language}/memory.md: no {stat} token for {missing}"


def _run(model="Keras LSTM", k=70, seed=1, accuracy=0.5, epochs=60, code_hash="a", when="1"):
    return {
        "model": model, "k": k, "seed": seed, "accuracy": accuracy, "train_accuracy": 0.9,
        "epochs": epochs, "seconds": 30.0, "code_hash": code_hash, "finished": when,
    }


def test_tokens_compute_the_spread_over_seeds_of_the_newest_code():
    runs = [
        _run(seed=1, accuracy=0.5, epochs=60),
        _run(seed=2, accuracy=0.98, epochs=20),
        _run(seed=3, accuracy=0.52, epochs=31),
        _run(seed=1, accuracy=0.1, code_hash="old", when="0"),  # stale: left out
    ]
    text = "{{ memory.lstm.k70.spread }} {{ memory.lstm.k70.learned }}/{{ memory.seeds }}"
    assert hook.replace_tokens(text, runs) == "0.520 (0.500–0.980) 1/3"
    assert hook.replace_tokens("{{ memory.lstm.k70.epoch-spread }}", runs) == "31 (20–60)"
    assert hook.replace_tokens("{{ memory.runs }} {{ memory.minutes }}", runs) == "3 2"
    failed = "{{ memory.lstm.k70.train-failed }} {{ memory.lstm.k70.median-failed }}"
    assert hook.replace_tokens(failed, runs) == "0.900 0.510"


@pytest.mark.parametrize(
    "token", ["memory.lstm.k71.median", "memory.gru.k70.median", "memory.lstm.k70.mean"]
)
def test_unknown_token_fails_the_build(token):
    with pytest.raises(hook.MemoryResultsError):
        hook.replace_tokens(f"{{{{ {token} }}}}", [_run()])


def test_slice_check_accepts_a_repeat_and_rejects_what_no_seed_allows():
    stored = [_run(seed=s, accuracy=a) for s, a in ((1, 0.5), (2, 0.55), (3, 0.6))]
    assert slice_problems([_run(seed=1, accuracy=0.5)], stored, n_val=512) == []
    assert slice_problems([_run(seed=1, accuracy=0.65)], stored, n_val=512) == []  # noise
    assert slice_problems([_run(seed=1, accuracy=1.0)], stored, n_val=512) != []
    assert slice_problems([_run(seed=4, accuracy=0.5)], stored, n_val=512) != []  # not stored


def stale_figures(docs: Path, digest: str) -> list[str]:
    """The figures that do not name ``digest`` as what they drew (or are missing)."""
    paths = [docs / lang / "figures" / f"memory-{s}.svg" for lang in LANGUAGES
             for s in ("light", "dark")]
    return [str(p.relative_to(docs)) for p in paths
            if not p.is_file() or f"runs {digest}" not in p.read_text(encoding="utf-8")]


def test_figures_drew_the_stored_runs_with_the_pages_plot():
    digest = figure_digest(current_runs(load(), code_hash()))
    assert stale_figures(DOCS, digest) == [], "run `make memory FIGURES=only`"


def test_stale_figure_check_catches_a_changed_run_and_a_missing_figure(tmp_path):
    runs = current_runs(load(), code_hash())
    changed = [{**runs[0], "accuracy": 1 - runs[0]["accuracy"]}, *runs[1:]]
    assert len(stale_figures(DOCS, figure_digest(changed))) == 2 * len(LANGUAGES)
    assert len(stale_figures(tmp_path, figure_digest(runs))) == 2 * len(LANGUAGES)


# -- what the pages' prose says about the stored runs (the numbers themselves are tokens)

GUESSING = 3 * (0.25 / 512) ** 0.5  # three standard deviations of 512 coin flips


def claims(runs: list[dict]) -> dict[str, bool]:
    """Each statement of the pages' "Results" in words, evaluated on ``runs``."""
    def at(slug, k):
        return [r for r in runs if (r["model"], r["k"]) == (hook.MODELS[slug], k)]

    def learned(slug, k):
        return sum(r["accuracy"] >= hook.LEARNED for r in at(slug, k))

    def failed(slug, k):
        return [r for r in at(slug, k) if r["accuracy"] < hook.LEARNED]

    def median_failed(slug, k, field):
        return statistics.median([r[field] for r in failed(slug, k)] or [0])

    seeds = len(at("lstm", 70))
    return {
        "at k = 10 all four remembered with every seed": all(
            learned(m, 10) == seeds for m in hook.MODELS
        ),
        "at k = 40 both Keras models and full BPTT remembered with every seed": all(
            learned(m, 40) == seeds for m in ("simplernn", "lstm", "numpy-full")
        ),
        "at k = 40 truncated BPTT remembered with some seeds, not all": (
            0 < learned("numpy-truncated", 40) < seeds
        ),
        "from k = 70 on, SimpleRNN at 70 and 100 and LSTM at 70 depend on the seed": all(
            0 < learned(m, k) < seeds for m, k in (("simplernn", 70), ("simplernn", 100),
                                                 ("lstm", 70))
        ),
        "at k = 100 LSTM never remembered": learned("lstm", 100) == 0,
        "at k = 200 no training remembered": all(learned(m, 200) == 0 for m in hook.MODELS),
        "LSTM's failed trainings from k = 70 on fit their training samples and guessed": all(
            median_failed("lstm", k, "train_accuracy") - median_failed("lstm", k, "accuracy")
            > 0.1
            and all(abs(r["accuracy"] - 0.5) <= GUESSING for r in failed("lstm", k))
            for k in (70, 100, 200)
        ),
        "SimpleRNN's trainings that remembered at k = 70 score alike on both sets": all(
            abs(r["train_accuracy"] - r["accuracy"]) < 0.02
            for r in at("simplernn", 70) if r["accuracy"] >= hook.LEARNED
        ),
    }


def test_what_the_pages_say_about_the_runs_holds():
    false = [claim for claim, holds in claims(hook.current_runs(STORED)).items() if not holds]
    assert false == [], "rewrite these statements in docs/*/memory.md to what the runs show"


def test_claims_catch_runs_that_say_otherwise():
    runs = hook.current_runs(STORED)
    lstm_remembers = [
        {**r, "accuracy": 1.0, "train_accuracy": 1.0} if r["model"] == "Keras LSTM" else r
        for r in runs
    ]
    broken = [c for c, holds in claims(lstm_remembers).items() if not holds]
    assert "from k = 70 on, SimpleRNN at 70 and 100 and LSTM at 70 depend on the seed" in broken
    assert "at k = 100 LSTM never remembered" in broken
