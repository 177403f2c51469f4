"""The stored benchmark: fresh against the code the pages show, complete, and what pages cite.

``benchmarks/results.json`` is written by ``make benchmark``. It is stale when a chapter's shown
code (or the book's notebook) changed after its runs: the pages would cite numbers of code they no
longer show. The benchmark hook (``{{ bench.KIND.MODEL.STAT }}``) is tested on made-up runs.
"""

import json
import statistics

import pytest
from mkdocs.exceptions import PluginError
from sitelib import load_hook

from benchmarks import SEEDS, epochs, ranks
from benchmarks.book import PEER
from benchmarks.runs import BOOK, Run, code_hash
from conftest import ROOT
from project import TRAINED_CHAPTERS

RESULTS = ROOT / "benchmarks" / "results.json"
STORED = json.loads(RESULTS.read_text(encoding="utf-8"))["runs"] if RESULTS.is_file() else []
RERUN = "run `make benchmark` (it reruns only what is missing or stale)"


def expected_runs(book_available: bool) -> dict[tuple[str, str], str]:
    """``(kind, chapter) -> hash of the code it must have been measured with``."""
    wanted = {("ours", slug): code_hash(Run("ours", slug, 0)) for slug in TRAINED_CHAPTERS}
    if book_available:
        wanted[("book", BOOK)] = code_hash(Run("book", BOOK, 0))
        wanted[("book-fixed", "numpy-rnn")] = code_hash(Run("book-fixed", "numpy-rnn", 0))
    for model in epochs.MODELS:  # the fast page's same-run comparison (the book's where it is)
        if model != "book" or book_available:
            wanted[("epochs", model)] = code_hash(Run("epochs", model, 0))
    return wanted


def staleness_problems(runs: list[dict], wanted: dict[tuple[str, str], str]) -> list[str]:
    problems = []
    for (kind, chapter), digest in wanted.items():
        seeds = {r["seed"] for r in runs if (r["kind"], r["chapter"], r["code_hash"]) == (
            kind, chapter, digest)}
        if len(seeds) < SEEDS[kind]:
            problems.append(
                f"{kind} {chapter}: {len(seeds)} of {SEEDS[kind]} seeds stored for the current "
                f"code: {RERUN}"
            )
    return problems


def test_stored_benchmark_is_fresh_and_complete():
    assert STORED, f"{RESULTS} is missing: {RERUN}"
    assert staleness_problems(STORED, expected_runs(PEER.is_file())) == []


def test_staleness_check_catches_a_changed_chapter_and_a_missing_seed():
    wanted = {("ours", "lstm"): "new"}
    runs = [{"kind": "ours", "chapter": "lstm", "seed": s, "code_hash": "old"} for s in range(9)]
    assert "0 of" in staleness_problems(runs, wanted)[0]
    fresh = [dict(r, code_hash="new") for r in runs[: SEEDS["ours"] - 1]]
    assert f"{SEEDS['ours'] - 1} of" in staleness_problems(fresh, wanted)[0]
    complete = [dict(r, code_hash="new") for r in runs[: SEEDS["ours"]]]
    assert staleness_problems(complete, wanted) == []


def run(kind, model, seed, accuracy, finished="2026-12-03T08:00:00", code="a", epoch=1.0):
    measured = {"final_val_accuracy": accuracy, "median_epoch_seconds": epoch,
                "train_seconds": 10.0 * epoch, "peak_rss_bytes": 2e9}
    return {"kind": kind, "chapter": model, "seed": seed, "finished": finished,
            "code_hash": code, "models": {model: measured}}


def test_hook_gives_median_and_range_of_the_newest_code_only():
    hook = load_hook("benchmark")
    runs = [run("ours", "lstm", s, a) for s, a in enumerate([0.81, 0.83, 0.82])]
    runs.append(run("ours", "lstm", 9, 0.10, finished="2026-12-01T00:00:00", code="old"))
    text = "{{ bench.ours.lstm.median }} {{bench.ours.lstm.min}}-{{ bench.ours.lstm.max }}"
    assert hook.replace_tokens(text, runs) == "0.8200 0.8100-0.8300"
    assert hook.replace_tokens("{{ bench.ours.lstm.runs }}", runs) == "3"
    assert hook.replace_tokens("{{ bench.ours.lstm.peak }} GB", runs) == "2.00 GB"


@pytest.mark.parametrize(
    "token", ["{{ bench.ours.gru.median }}", "{{ bench.ours.lstm.mean }}", "{{ bench.x }}"]
)
def test_hook_fails_on_a_token_with_no_stored_value(token):
    with pytest.raises(PluginError, match="no stored value"):
        load_hook("benchmark").replace_tokens(token, [run("ours", "lstm", 0, 0.8)])


def epoch_run(model, seed, epoch, peak, code="a"):
    measured = {"final_val_accuracy": None, "median_epoch_seconds": epoch, "train_seconds": 9.0,
                "peak_rss_bytes": peak, "gflops": None if epoch is None else 2.0 * epoch}
    return {"kind": "epochs", "chapter": model, "seed": seed, "finished": "2026-12-03T08:00:00",
            "code_hash": code, "models": {model: measured}}


def test_hook_compares_a_model_with_another_of_the_same_kind():
    hook = load_hook("benchmark")
    runs = [epoch_run("numpy-rnn", s, e, 2.0e9) for s, e in [(1, 1.0), (2, 1.2), (3, 0.8)]]
    runs += [epoch_run("numpy-fast", s, e, 1.3e9) for s, e in [(1, 0.2), (2, 0.25), (3, 0.3)]]
    runs += [epoch_run("book", 1, 5.0, 6e9), epoch_run("tensorflow", 1, None, 1.0e9)]
    runs += [epoch_run("keras-simplernn", 1, 2.0, 3e9)]
    text = ("{{ bench.epochs.numpy-fast.speedup }} {{ bench.epochs.numpy-fast.over-book }} "
            "{{ bench.epochs.numpy-fast.over-keras }} {{ bench.epochs.numpy-fast.beyond-tf }} "
            "{{ bench.epochs.numpy-fast.gflops }}")
    assert hook.replace_tokens(text, runs) == "4.0 20.0 8.0 0.30 0.5"
    with pytest.raises(PluginError, match="no stored value"):
        hook.replace_tokens("{{ bench.epochs.lookup.speedup }}", runs)


def stale_charts(*modules) -> list[str]:
    """The files of each chart module's ``charts()`` that differ from what it draws now."""
    return [
        f"{path.name} is stale: run `python -m benchmarks --chart-only`"
        for module in modules
        for path, svg in module.charts(RESULTS).items()
        if not path.is_file() or path.read_text(encoding="utf-8") != svg
    ]


def test_charts_are_drawn_from_the_stored_runs():
    from benchmarks import chart, epoch_chart

    assert stale_charts(chart, epoch_chart) == []


def test_stale_chart_check_catches_an_edited_and_a_missing_file(tmp_path, monkeypatch):
    from benchmarks import epoch_chart

    for path in epoch_chart.DOCS.glob(f"*/figures/{epoch_chart.NAME}-*.svg"):
        copy = tmp_path / path.relative_to(epoch_chart.DOCS)
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_bytes(path.read_bytes())
    monkeypatch.setattr(epoch_chart, "DOCS", tmp_path)
    edited, missing, *_ = sorted(tmp_path.glob("*/figures/*.svg"))
    edited.write_text(edited.read_text(encoding="utf-8").replace("<svg", "<svg ", 1))
    missing.unlink()
    problems = stale_charts(epoch_chart)
    assert sorted(p.split()[0] for p in problems) == sorted([edited.name, missing.name])


def stored_values(kind: str, model: str, field: str = "final_val_accuracy") -> dict[int, float]:
    """Seed -> ``field`` of ``kind``'s runs of ``model`` measured with the current code."""
    chapter = {"ours": model, "epochs": model, "book": BOOK, "book-fixed": "numpy-rnn"}[kind]
    digest = code_hash(Run(kind, chapter, 0))
    return {r["seed"]: r["models"][model][field] for r in STORED
            if r["kind"] == kind and r["code_hash"] == digest and model in r["models"]}


def test_the_fast_pages_comparisons_hold_for_the_stored_runs():
    """What docs/*/numpy-fast.md says in words about the stored ``epochs`` run, checked.

    A rerun can reorder the steps: then rewrite those sentences (both languages) to the new data.
    """
    def values(model, field):
        return list(stored_values("epochs", model, field).values())

    epoch = {m: values(m, "median_epoch_seconds") for m in
             ("lookup", "numpy-fast", "lean", "numpy-rnn-window100", "keras-simplernn")}
    assert all(epoch.values()), f"no stored epochs run for every model: {RERUN}"
    # "step 2 was faster than step 1 in each of the three repeats"
    assert max(epoch["numpy-fast"]) < min(epoch["lookup"])
    # "its slowest repeat was faster than the fastest of step 2"
    assert max(epoch["lean"]) < min(epoch["numpy-fast"])
    # "still shorter than Keras' with the window at 100" (numpy-rnn, results pages too)
    assert max(epoch["numpy-rnn-window100"]) < min(epoch["keras-simplernn"])
    # "how the data is loaded moves the peak memory": the lean loader takes less
    assert max(values("data-lean", "peak_rss_bytes")) < min(values("data", "peak_rss_bytes"))


# ---- what the results page says in words against the book's code

FOUR = ("numpy-rnn", "keras-simplernn", "embedding", "lstm")
# Without ../shared the book's code hash cannot be computed (its notebook is not here).
NO_BOOK = f"the book's notebook ({PEER}) is not here: its stored runs cannot be matched to it"


def against_the_book_claims(found: dict) -> list[str]:
    """What docs/*/results.md ("Against the book") says in words, where ``found`` disagrees.

    ``found``: kind (``ours``, ``book``, ``book-fixed``) -> model -> seed -> accuracy. A rerun
    or more seeds can change the picture: then rewrite those sentences, in both languages.
    """
    ours, book, wrong = found["ours"], found["book"], []

    def median(values):
        return statistics.median(values.values())

    if not (all(median(book[m]) > median(ours[m]) for m in FOUR[:3])
            and median(ours["lstm"]) > median(book["lstm"])):
        wrong.append("the book's median higher for NumPy, SimpleRNN, embeddings; ours for LSTM")
    for m in FOUR:
        if max(min(ours[m].values()), min(book[m].values())) > min(max(ours[m].values()),
                                                                   max(book[m].values())):
            wrong.append(f"{m}: the ranges of the two codes overlap")
    # A balanced validation set: a model that learned nothing scores about 0.5.
    if sum(v < 0.55 for v in book["keras-simplernn"].values()) != 1:
        wrong.append("one run of the book's SimpleRNN did not learn at all")
    if sum(v < min(ours["numpy-rnn"].values()) for v in book["numpy-rnn"].values()) != 2:
        wrong.append("NumPy: two runs of the book's code below our lowest")
    above = sorted(v for v in book["embedding"].values() if v > max(ours["embedding"].values()))
    rest = [v for v in book["embedding"].values() if v not in above]
    if len(above) != 3 or above[-1] - above[0] > 0.001:  # 5 of the 5,000 validation reviews
        wrong.append("embeddings: three book runs at almost one value, above all of ours")
    if not all(min(ours["embedding"].values()) <= v <= max(ours["embedding"].values())
               for v in rest):
        wrong.append("embeddings: the book's other runs inside our range")
    p = {m: ranks.p_higher(list(ours[m].values()), list(book[m].values())) for m in FOUR}
    if min(p.values()) < 0.05 or min(p, key=p.get) != "embedding":
        wrong.append("no gap beyond chance; the word embedding model's comes closest")
    fixed = found["book-fixed"]["numpy-rnn"]
    gains = [fixed[s] - book["numpy-rnn"][s] for s in fixed]
    if min(gains) <= 0 or sum(g > 0.03 for g in gains) != 2:
        wrong.append("the fixed NumPy code higher on every seed, far higher on two")
    if abs(median(fixed) - median(book["numpy-rnn"])) > 0.01:
        wrong.append("the fixed NumPy code's median hardly moves")
    if ranks.p_higher(list(ours["numpy-rnn"].values()), list(fixed.values())) >= 0.05:
        wrong.append("our NumPy model trails the fixed code")
    for kind in ("ours", "book"):
        runs_ = found[kind]
        if not (min(runs_["lstm"].values()) > max(runs_["embedding"].values())
                > min(runs_["embedding"].values())
                > max(*runs_["numpy-rnn"].values(), *runs_["keras-simplernn"].values())):
            wrong.append(f"{kind}: in every run LSTM highest, embeddings next, one-hot behind")
    return wrong


def test_what_the_results_page_says_against_the_book_holds_for_the_stored_runs():
    if not PEER.is_file():
        pytest.skip(NO_BOOK)
    found = {kind: {m: stored_values(kind, m) for m in FOUR} for kind in ("ours", "book")}
    found["book-fixed"] = {"numpy-rnn": stored_values("book-fixed", "numpy-rnn")}
    assert all(len(v) >= 5 for kind in found.values() for v in kind.values()), RERUN
    assert against_the_book_claims(found) == []
    # A copy where our LSTM scored lower and the book's embedding runs spread out fails.
    broken = {kind: {m: dict(v) for m, v in models.items()} for kind, models in found.items()}
    broken["ours"]["lstm"] = {s: v - 0.002 for s, v in found["ours"]["lstm"].items()}
    top = max(found["book"]["embedding"], key=found["book"]["embedding"].get)
    broken["book"]["embedding"][top] += 0.002
    assert len(against_the_book_claims(broken)) == 2


def test_the_results_page_time_and_memory_comparison_holds_for_the_stored_runs():
    # "For every model, this site's code trained faster and peaked at less memory"
    if not PEER.is_file():
        pytest.skip(NO_BOOK)
    for field in ("train_seconds", "peak_rss_bytes"):
        for m in FOUR:
            ours, book = stored_values("ours", m, field), stored_values("book", m, field)
            assert ours and book, RERUN
            assert statistics.median(ours.values()) < statistics.median(book.values()), (m, field)
    # "For SimpleRNN, though, the per-seed training times of the two codes overlap"
    ours, book = (stored_values(kind, "keras-simplernn", "train_seconds").values()
                  for kind in ("ours", "book"))
    assert min(book) <= max(ours), "the SimpleRNN times no longer overlap: rewrite that sentence"


def test_chart_sets_runs_with_equal_accuracies_side_by_side():
    from benchmarks.chart import DOT_HEIGHT, DOT_WIDTH, side_by_side

    values = [0.8214, 0.8210, 0.8212, 0.7992, 0.8084, 0.8214]
    shifts = side_by_side(values)
    for i in range(len(values)):
        for j in range(i):  # no dot covers another
            assert (abs(shifts[i] - shifts[j]) >= DOT_WIDTH
                    or abs(values[i] - values[j]) >= DOT_HEIGHT), (i, j)
    assert shifts[3] == shifts[4] == 0.0  # far from the others: on the model's line
    assert max(map(abs, shifts)) <= 2 * DOT_WIDTH  # four close runs: two on each side at most
    assert side_by_side([0.5, 0.6, 0.7]) == [0.0, 0.0, 0.0]


def ended_alike_claims(curves: list[list[float]]) -> list[str]:
    """What the results page says of the book's embedding runs that ended alike, where wrong."""
    wrong = []
    if len({curve[0] for curve in curves}) != len(curves):
        wrong.append("the curves already differ after the first epoch")
    if len({curve.index(max(curve)) for curve in curves}) != len(curves):
        wrong.append("each peaks at a different epoch")
    return wrong


def test_the_book_runs_that_ended_alike_are_different_trainings():
    if not PEER.is_file():
        pytest.skip(NO_BOOK)
    ours = stored_values("ours", "embedding").values()
    curves = stored_values("book", "embedding", "val_accuracy_per_epoch")
    alike = [curves[s] for s, v in stored_values("book", "embedding").items() if v > max(ours)]
    assert len(alike) == 3 and all(len(c) == 10 for c in alike), RERUN
    assert ended_alike_claims(alike) == []
    # One training stored three times would fail both.
    assert len(ended_alike_claims([alike[0]] * 3)) == 2
