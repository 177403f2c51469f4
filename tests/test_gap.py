"""`make gap` without training: its rank tests, its code variants, its stored runs, its tokens.

The experiment (``experiments/gap.py``) looks for the cause of the accuracy gap between our code
and the book's; the results page cites it through ``{{ gap... }}`` and ``{{ bench.p... }}``.
"""

import contextlib
import io
import json
import statistics
from math import comb

import numpy as np
import pytest
from mkdocs.exceptions import PluginError
from sitelib import load_hook

from benchmarks import book, ranks, runs
from conftest import ROOT
from experiments import gap

GAP = ROOT / "benchmarks" / "gap.json"
STORED = json.loads(GAP.read_text(encoding="utf-8"))["runs"] if GAP.is_file() else []
BENCH = json.loads((ROOT / "benchmarks" / "results.json").read_text(encoding="utf-8"))["runs"]


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


NUMPY_SHOWN = runs.shown_codes("numpy-rnn")


def changed_lines(before: list[str], after: list[str]) -> tuple[list[str], list[str]]:
    """The lines only ``before`` has and the lines only ``after`` has."""
    old, new = ("\n".join(codes).split("\n") for codes in (before, after))
    return [x for x in old if x not in new], [x for x in new if x not in old]


@pytest.mark.parametrize(("kind", "removed", "added"), [
    ("ours-bookorder", 1, 2), ("ours-float64", 1, 1), ("ours-kerasinit", 0, 7),
    ("ours-bookway", 2, 10)])
def test_each_numpy_variant_changes_only_its_lines(kind, removed, added):
    edited = gap.codes(runs.Run(kind, "numpy-rnn", 42))
    gone, new = changed_lines(NUMPY_SHOWN, edited)
    assert (len(gone), len(new)) == (removed, added), (gone, new)
    assert len(edited) == len(NUMPY_SHOWN)


@pytest.mark.parametrize("kind", list(gap.NUMPY_VARIANTS))
def test_a_numpy_variant_refuses_code_without_its_text_or_with_it_twice(kind):
    for text, _ in gap.NUMPY_VARIANTS[kind]:
        broken = [code.replace(text, text.replace("(", " (")) for code in NUMPY_SHOWN]
        with pytest.raises(gap.VariantError, match="found 0"):
            gap.replaced(broken, gap.NUMPY_VARIANTS[kind])
        with pytest.raises(gap.VariantError, match="found 2"):
            gap.replaced([*NUMPY_SHOWN, text], gap.NUMPY_VARIANTS[kind])


def batch_orders(codes: list[str], seed: int, keras=None) -> tuple[list, np.ndarray]:
    """The sample order of each epoch of the class in ``codes``, trained on 64 tiny reviews,
    and its initial ``w1x``."""
    namespace = {"np": np, "keras": keras}
    exec(next(code for code in codes if "class RecurrentNetwork" in code), namespace)
    seen, initial = [], []

    class Recording(namespace["RecurrentNetwork"]):
        def training(self, x, y):
            initial.append(self.w1x.copy())
            seen.extend(y[:, 0].astype(int))  # y holds each sample's index
            return super().training(x, y)

    net = Recording(n_cells=3, batch_size=16, learning_rate=0.01, seed=seed)
    x = np.eye(4, dtype=np.float32)[np.arange(64 * 5).reshape(64, 5) % 4]
    with contextlib.redirect_stdout(io.StringIO()):
        net.fit(x, np.arange(64), epochs=2)
    return [seen[i:i + 64] for i in range(0, len(seen), 64)], initial[0]


def test_the_book_order_variant_draws_the_order_of_np_random_seed_42_whatever_the_seed():
    edited = gap.codes(runs.Run("ours-bookorder", "numpy-rnn", 42))
    book_rng = np.random.RandomState(42)  # the stream np.random.seed(42) starts
    book = [list(book_rng.permutation(64)) for _ in range(2)]
    orders, weights = batch_orders(edited, 1)
    assert orders == book
    assert batch_orders(edited, 2)[0] == book
    # The weights are still ours, drawn from the seed; and ours draw the order from it too.
    assert np.array_equal(weights, batch_orders(NUMPY_SHOWN, 1)[1])
    assert batch_orders(NUMPY_SHOWN, 1)[0] != book
    # A broken copy, which draws from the global generator without seeding it, is caught.
    unseeded = gap.replaced(NUMPY_SHOWN, gap.NUMPY_VARIANTS["ours-bookorder"][1:])
    np.random.seed(0)
    assert batch_orders(unseeded, 1)[0] != book


class FakeKeras:
    """What the variant calls of Keras: seeding, two initializers (drawing constants), ops."""

    def __init__(self):
        self.seeds, self.glorots = [], 0
        self.utils = self.initializers = self.ops = self
        self.convert_to_numpy = np.asarray

    def set_random_seed(self, seed):
        self.seeds.append(seed)

    def Orthogonal(self):  # noqa: N802 (Keras' names)
        return lambda shape: np.full(shape, 0.5, dtype=np.float32)

    def GlorotUniform(self):  # noqa: N802
        self.glorots += 1
        return lambda shape: np.full(shape, 0.25, dtype=np.float32)


def test_the_keras_init_variant_draws_keras_weights_and_keeps_our_batch_order():
    edited = gap.codes(runs.Run("ours-kerasinit", "numpy-rnn", 42))
    keras = FakeKeras()
    orders, weights = batch_orders(edited, 7, keras=keras)
    assert keras.seeds == [7] and keras.glorots == 1  # the book's one GlorotUniform
    assert np.array_equal(weights, np.full((4, 3), 0.25))
    # Our draws still come first, so the generator orders the batches as ours do.
    assert orders == batch_orders(NUMPY_SHOWN, 7)[0]


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
    # Each NumPy variant runs on every seed of ours: the benchmark's and this experiment's.
    ours = {*gap.BENCH_SEEDS, *(r.seed for r in plan if r.kind == "ours"
                                 and r.chapter == "numpy-rnn")}
    for kind in gap.NUMPY_VARIANTS:
        assert {r.seed for r in plan if r.kind == kind} == ours == set(gap.NUMPY_SEEDS)


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


def numpy_claims(found: dict[str, dict[int, float]]) -> list[str]:
    """What the results page says in words of the NumPy variants, where ``found`` disagrees."""
    ours, wrong = found["ours"], []

    def paired(a, b):
        seeds = sorted(set(found[a]) & set(found[b]))
        return ranks.p_paired([found[a][s] for s in seeds], [found[b][s] for s in seeds])

    if paired("ours", "ours-bookorder") >= 0.05:
        wrong.append("the book's order scores higher than ours, seed by seed")
    # The validation set holds 5,000 reviews: one review is 0.0002 of accuracy.
    if any(abs(v - ours[s]) * 5000 > 1.01 for s, v in found["ours-float64"].items()):
        wrong.append("float64 gets as many reviews right as ours, give or take one, every seed")
    if paired("ours", "ours-kerasinit") < 0.05:
        wrong.append("Keras' initial weights show no effect")
    lowest = [set(sorted(found[kind], key=found[kind].get)[:2]) for kind in ("ours",
                                                                             "ours-kerasinit")]
    if lowest[0] != lowest[1]:
        wrong.append("Keras' weights score lowest on ours' two lowest seeds")
    if paired("ours-bookorder", "ours-bookway") < 0.05:
        wrong.append("the other two add nothing beyond chance on top of the book's order")
    fixed = list(found["book-fixed"].values())
    if statistics.median(found["ours-bookorder"].values()) >= statistics.median(fixed):
        wrong.append("with the book's order alone, still a little lower than the fixed code")
    if ranks.p_higher(list(found["ours-bookway"].values()), fixed) < 0.05:
        wrong.append("with all three, not told apart from the book's fixed code")
    return wrong


def test_what_the_results_page_says_of_the_numpy_variants_holds_for_the_stored_runs():
    kinds = ("ours", *gap.NUMPY_VARIANTS)
    found = {kind: gap.accuracies(BENCH + STORED, kind, "numpy-rnn")
             for kind in (*kinds, "book-fixed")}
    assert all(len(found[kind]) >= 10 for kind in kinds), "run `make gap`"
    assert numpy_claims(found) == []
    # A copy in which float64 moved one run, and Keras' weights scored lowest elsewhere, fails.
    broken = {kind: dict(values) for kind, values in found.items()}
    broken["ours-float64"][42] += 0.0004
    broken["ours-kerasinit"] = {s: -v for s, v in found["ours-kerasinit"].items()}
    assert len(numpy_claims(broken)) == 2


def embedding_claims(found: dict[str, dict[int, float]]) -> list[str]:
    """What the results page says in words of the word embedding runs, where ``found`` disagrees."""
    wrong = []

    def values(kind):
        return list(found[kind].values())

    seeds = sorted(set(found["ours"]) & set(found["ours-nojit"]))
    if ranks.p_paired([found["ours"][s] for s in seeds],
                      [found["ours-nojit"][s] for s in seeds]) < 0.05:
        wrong.append("nothing shows that XLA costs accuracy")
    if ranks.p_higher(values("ours"), values("book-alone")) < 0.05:
        wrong.append("the book's model alone is no better than ours")
    if not (statistics.median(values("book")) > statistics.median(values("book-alone"))
            and ranks.p_higher(values("book-alone"), values("book")) >= 0.05):
        wrong.append("the full notebook's median higher than alone, not beyond chance")
    return wrong


def test_what_the_results_page_says_of_the_embedding_runs_holds_for_the_stored_runs():
    found = {kind: gap.accuracies(BENCH + STORED, kind, "embedding")
             for kind in ("ours", "ours-nojit", "book-alone", "book")}
    assert all(len(values) >= 5 for values in found.values()), "run `make gap`"
    assert embedding_claims(found) == []
    # A copy in which the book's model alone scored higher than ours every time fails twice.
    broken = dict(found, **{"book-alone": {s: v + 0.05 for s, v in found["book-alone"].items()}})
    assert len(embedding_claims(broken)) == 2


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


def test_a_run_both_commands_stored_counts_once_in_gap_tokens():
    hook = load_hook("benchmark")
    bench = [record("book-fixed", "lstm", s, 0.80) for s in range(5)]
    # make gap ran seeds 3-7: 3 and 4 are the benchmark's own runs again, 5-7 are new.
    more = [record("book-fixed", "lstm", s, 0.90) for s in range(3, 8)]
    assert hook.replace_tokens("{{ gap.book-fixed.lstm.runs }}", bench, more) == "8"
    assert hook.replace_tokens("{{ gap.book-fixed.lstm.median }}", bench, more) == "0.8000"
    # Other code on the same seeds is another run, and is counted (as the newest code).
    newer = [{**r, "code_hash": "b", "finished": "2026-12-04T08:00:00"} for r in more]
    assert hook.replace_tokens("{{ gap.book-fixed.lstm.runs }}", bench, newer) == "5"


@pytest.mark.parametrize("token", ["{{ bench.p.ours.book.gru }}",
                                   "{{ bench.paired.ours.book.all }}",
                                   "{{ gap.p.ours.nothing.lstm }}"])
def test_a_rank_token_with_nothing_to_test_fails_the_build(token):
    runs_ = [record("ours", "lstm", 0, 0.8), record("book", "lstm", 0, 0.8)]
    with pytest.raises(PluginError):
        load_hook("benchmark").replace_tokens(token, runs_, [])
