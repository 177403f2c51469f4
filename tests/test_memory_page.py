"""The "How far can it remember?" pages cite the stored runs of the code they show, all of them.

``make memory`` stores one run per model, k and seed in ``snippets/results/memory.json``, with the
hash of the code it measured. Here: every run the program's ``run_experiment()`` makes is stored
for the code as it is now (else the pages cite a stale experiment), each page's tables cite every
stored point, the tokens the pages use compute what they say, and the program's hidden check
(``slice_problems``) rejects a rerun the stored seeds do not allow.
"""

import importlib.util
import json

import pytest

from conftest import DOCS, LANGUAGES, ROOT
from experiments.memory import LABELS, NAME, RESULTS, code_hash, key, plan, slice_problems

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
    for stat in ("spread", "epoch-spread"):
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


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_figures_exist(language):
    for scheme in ("light", "dark"):
        path = ROOT / "docs" / language / "figures" / f"{NAME}-{scheme}.svg"
        assert path.read_text(encoding="utf-8").lstrip().startswith("<?xml")
