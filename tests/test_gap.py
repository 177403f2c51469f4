"""`make gap` without training: its rank tests, its code variants, its stored runs, its tokens.

The experiment (``experiments/gap.py``) looks for the cause of the accuracy gap between our code
and the book's; the results page cites it through ``{{ gap... }}`` and ``{{ bench.p... }}``.
"""

import json
from math import comb

import pytest
from mkdocs.exceptions import PluginError
from sitelib import load_hook

from benchmarks import book, ranks, runs
from conftest import ROOT
from experiments import gap

GAP = ROOT / "benchmarks" / "gap.json"
STORED = json.loads(GAP.read_text(encoding="utf-8"))["runs"] if GAP.is_file() else []


# ---- the rank tests


def test_rank_test_of_five_runs_against_three_higher_ones_is_one_split_in_56():
    ours, theirs = [0.70, 0.71, 0.72, 0.73, 0.74], [0.80, 0.81, 0.82]
    assert ranks.wins(ours, theirs) == 15
    assert ranks.p_higher(ours, theirs) == pytest.approx(1 / comb(8, 3))
    # The other direction: every split does at least as well, so nothing is shown.
    assert ranks.p_higher(theirs, ours) == 1.0
    # Interleaved runs are no evidence either way.
    assert 0.3 < ranks.p_higher([0.1, 0.3, 0.5, 0.7, 0.9], [0.2, 0.6, 0.8]) < 0.7


def test_ties_count_half_and_identical_runs_show_nothing():
    assert ranks.wins([0.5, 0.6], [0.5]) == 0.5
    assert ranks.p_higher([0.5] * 5, [0.5] * 3) == 1.0


def test_the_stratified_test_pools_models_without_mixing_their_scales():
    low, high = [0.1, 0.2, 0.3, 0.4, 0.5], [0.6, 0.7, 0.8]
    one = ranks.p_higher(low, high)
    # Two models each with the same clear gap: stronger evidence than one.
    assert ranks.p_higher_all([(low, high), (low, high)]) == pytest.approx(one * one)
    # One model's accuracies far above another's must not count as a gap between the codes.
    assert ranks.p_higher_all([(low, [0.0, 0.05, 0.06]), ([0.9] * 5, high)]) == 1.0


def test_the_paired_test_counts_sign_flips():
    a = [0.80, 0.81, 0.79, 0.82]
    assert ranks.p_paired(a, [x + 0.01 for x in a]) == pytest.approx(1 / 2**4)
    assert ranks.p_paired(a, [x - 0.01 for x in a]) == 1.0
    with pytest.raises(ValueError, match="paired"):
        ranks.p_paired(a, a[:3])


# ---- the variants of the code


def test_without_jit_removes_the_one_option_line_only():
    shown = runs.shown_codes("embedding")
    edited = gap.without_jit(shown)
    removed = [line for code in shown for line in code.split("\n")
               if line not in {x for c in edited for x in c.split("\n")}]
    assert len(removed) == 1 and removed[0].strip().startswith("jit_compile=True,")
    assert sum(c.count("\n") for c in shown) - sum(c.count("\n") for c in edited) == 1


@pytest.mark.parametrize("codes", [["model.compile(optimizer='adam')"],
                                   ["    jit_compile=True,\n", "    jit_compile=True,\n"]])
def test_without_jit_refuses_code_with_no_or_two_options(codes):
    with pytest.raises(gap.VariantError):
        gap.without_jit(codes)


def test_the_book_alone_keeps_its_setup_and_drops_the_other_models():
    codes = ["load()", "class Net: ...", "rn.fit(x)", "import plt", "plot()", "rn.score(x)",
             "import Dense", "m.fit(x)", "m.evaluate(x)", "import Embedding", "e.fit(x)",
             "plot()", "e.evaluate(x)", "other()", "l.fit(x)", "l.evaluate(x)"]
    assert book.alone_codes(codes, "embedding") == [
        "load()", "class Net: ...", "import plt", "import Dense", "import Embedding", "e.fit(x)",
        "plot()", "e.evaluate(x)"]
    assert book.alone_codes(codes, "numpy-rnn") == codes[:6]
    with pytest.raises(book.BookError, match="unknown model"):
        book.alone_codes(codes, "gru")


def test_the_plan_pairs_each_seed_and_lists_each_run_once():
    plan = gap.plan()
    assert len(plan) == len(set(plan))
    nojit = {r.seed for r in plan if r.kind == "ours-nojit"}
    assert {r.seed for r in plan if r.kind == "book-alone"} == nojit
    assert set(gap.BENCH_SEEDS) <= nojit


# ---- the stored runs


def stale(stored: list[dict]) -> list[str]:
    return [f"{r['kind']} {r['chapter']} seed {r['seed']}" for r in stored
            if r["code_hash"] != gap.code_hash(runs.Run(r["kind"], r["chapter"], r["seed"]))]


def test_stored_gap_runs_measured_the_current_code():
    assert STORED, f"{GAP} is missing: run `make gap`"
    assert stale(STORED) == [], "run `make gap` (it reruns only what is missing or stale)"


def test_staleness_check_catches_a_run_of_other_code():
    run = runs.Run("ours-nojit", "embedding", 42)
    assert stale([record(run.kind, run.chapter, run.seed, 0.8, code=gap.code_hash(run))]) == []
    assert stale([record(run.kind, run.chapter, run.seed, 0.8, code="edited")]) != []


# ---- the tokens


def record(kind, model, seed, accuracy, code="a"):
    measured = {"final_val_accuracy": accuracy, "median_epoch_seconds": 1.0,
                "train_seconds": 10.0, "peak_rss_bytes": 2e9}
    return {"kind": kind, "chapter": model, "seed": seed, "finished": "2026-12-03T08:00:00",
            "code_hash": code, "models": {model: measured}}


def test_rank_tokens_and_gap_tokens_read_the_stored_runs():
    hook = load_hook("benchmark")
    bench = [record("ours", "lstm", s, 0.80 + s / 1000) for s in range(5)]
    bench += [record("book", "lstm", s, 0.85 + s / 1000) for s in range(3)]
    more = [record("ours", "lstm", s, 0.90) for s in range(5, 7)]
    more += [record("ours-nojit", "lstm", s, 0.81 + s / 1000) for s in range(5)]
    assert hook.replace_tokens("{{ bench.p.ours.book.lstm }}", bench) == f"{1 / 56:.3f}"
    # gap tokens see both files: two more seeds, higher, move the median and the test.
    assert hook.replace_tokens("{{ gap.ours.lstm.runs }}", bench, more) == "7"
    assert hook.replace_tokens("{{ bench.ours.lstm.runs }}", bench, more) == "5"
    assert hook.replace_tokens("{{ gap.p.ours.book.lstm }}", bench, more) != f"{1 / 56:.3f}"
    # Seeds 0-4 of both, each ours-nojit run higher: 1 in 2**5 sign patterns.
    paired = hook.replace_tokens("{{ gap.paired.ours.ours-nojit.lstm }}", bench, more)
    assert paired == f"{1 / 32:.3f}"


@pytest.mark.parametrize("token", ["{{ bench.p.ours.book.gru }}",
                                   "{{ bench.paired.ours.book.all }}",
                                   "{{ gap.p.ours.nothing.lstm }}"])
def test_a_rank_token_with_nothing_to_test_fails_the_build(token):
    runs_ = [record("ours", "lstm", 0, 0.8), record("book", "lstm", 0, 0.8)]
    with pytest.raises(PluginError):
        load_hook("benchmark").replace_tokens(token, runs_, [])
