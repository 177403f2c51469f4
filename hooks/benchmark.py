"""Numbers from the benchmark on the pages: ``{{ bench.KIND.MODEL.STAT }}``.

``make benchmark`` stores every run in ``benchmarks/results.json``. A token reads the runs of one
kind (``ours``, ``book``: the book's notebook, ``book-fixed``: its NumPy code with the backprop
fixed) and one model (``numpy-rnn``, ``keras-simplernn``, ``embedding``, ``lstm``, ``nsmc``, and
``nsmc-NAME`` for each model the NSMC chapter compares, NAME in lower case), counting only
the newest code each was run with (``tests/test_benchmark_results.py`` fails when that is not the
code the pages show). STAT is one of:

* ``median``, ``min``, ``max``: the final validation accuracy over the seeds (4 decimals);
* ``runs``: how many seeds;
* ``epoch``: the median time of one epoch, in seconds (1 decimal);
* ``train``: the median time of the whole training, in seconds (no decimals);
* ``peak``: the median peak memory of the process, in GB (2 decimals);
* ``gflops``: the median arithmetic rate reached, in GFLOP/s (1 decimal; kind ``epochs``);
* ``forward``, ``backward``: the median share of the training time spent in ``forpass`` and in
  ``backprop``, in percent (no decimals; kind ``epochs``, the NumPy classes);
* ``speedup``, ``over-book``, ``over-keras``: the median epoch of the same kind's ``numpy-rnn``,
  ``book`` or ``keras-simplernn`` over this model's (1 decimal);
* ``beyond-tf``: the median peak memory minus that of the same kind's ``tensorflow`` model (a
  process that only imports TensorFlow), in GB (2 decimals).
* ``test``, ``test_min``, ``test_max``: the test accuracy of a chapter that evaluates its model on
  a test set once (``nsmc``), median, min and max over the seeds (4 decimals).

Kind ``epochs`` (``benchmarks/epochs.py``) times one epoch of each implementation of the NumPy
chapter's model in the same run; its models are ``numpy-rnn``, ``numpy-rnn-window100`` (the
same class with a truncation window of 100), ``lookup``, ``numpy-fast``, ``lean``, ``book``,
``keras-simplernn``, ``tensorflow``, ``data`` (loading through ``load_data``), ``data-lean``
(the fast page's loader), ``matmul`` and ``program``.

Rank tests (``benchmarks/ranks.py``), on the final validation accuracy, 3 decimals:

* ``{{ bench.p.A.B.MODEL }}``: the one-sided exact p-value that kind B scores higher than kind A
  on MODEL; MODEL ``all``: over the four models at once, each split within itself;
* ``{{ bench.paired.A.B.MODEL }}``: the same from the seeds both kinds ran, seed by seed.

``{{ gap.… }}`` takes the same forms over the benchmark's runs and those of ``make gap``
(``benchmarks/gap.json``: more seeds, and variants of the code) together, a run both hold
counted once.

An unknown token, or one with no stored value, fails the build.
"""

import functools
import importlib.util
import json
import re
import statistics
from pathlib import Path

from mkdocs.exceptions import PluginError

_BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
RESULTS = _BENCHMARKS / "results.json"
GAP = _BENCHMARKS / "gap.json"
TOKEN = re.compile(r"\{\{\s*(bench|gap)\.([^\s}]*)\s*\}\}")
MODELS = ("numpy-rnn", "keras-simplernn", "embedding", "lstm")  # the four the book trains
ACCURACY = "final_val_accuracy"
STATS = {
    "median": (ACCURACY, statistics.median, "{:.4f}"),
    "min": (ACCURACY, min, "{:.4f}"),
    "max": (ACCURACY, max, "{:.4f}"),
    "runs": (ACCURACY, len, "{:d}"),
    "epoch": ("median_epoch_seconds", statistics.median, "{:.1f}"),
    "train": ("train_seconds", statistics.median, "{:.0f}"),
    "peak": ("peak_rss_bytes", lambda v: statistics.median(v) / 1e9, "{:.2f}"),
    "gflops": ("gflops", statistics.median, "{:.1f}"),
    "forward": ("forpass_share", lambda v: 100 * statistics.median(v), "{:.0f}"),
    "backward": ("backprop_share", lambda v: 100 * statistics.median(v), "{:.0f}"),
    "test": ("test_accuracy", statistics.median, "{:.4f}"),
    "test_min": ("test_accuracy", min, "{:.4f}"),
    "test_max": ("test_accuracy", max, "{:.4f}"),
}
# STAT: (field, the same kind's model to compare with, how, format)
RELATIVE = {
    "speedup": ("median_epoch_seconds", "numpy-rnn", lambda mine, base: base / mine, "{:.1f}"),
    "over-book": ("median_epoch_seconds", "book", lambda mine, base: base / mine, "{:.1f}"),
    "over-keras": ("median_epoch_seconds", "keras-simplernn", lambda mine, base: base / mine,
                   "{:.1f}"),
    "beyond-tf": ("peak_rss_bytes", "tensorflow", lambda mine, base: (mine - base) / 1e9, "{:.2f}"),
}


@functools.cache
def _ranks():
    """``benchmarks/ranks.py``, loaded when a page first needs it (a probe project has none)."""
    spec = importlib.util.spec_from_file_location("rnn_docs_ranks", _BENCHMARKS / "ranks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class BenchmarkError(PluginError):
    """A ``{{ bench... }}`` token names nothing that the stored benchmark holds."""


def current_runs(runs: list[dict], kind: str, model: str) -> list[dict]:
    """The runs of ``kind`` that measured ``model`` with the newest code stored for it."""
    found = [r for r in runs if r["kind"] == kind and model in r["models"]]
    if not found:
        return []
    newest = max(found, key=lambda r: r["finished"])["code_hash"]
    return [r for r in found if r["code_hash"] == newest]


def _median_field(runs: list[dict], kind: str, model: str, field: str) -> float:
    measured = [r["models"][model].get(field) for r in current_runs(runs, kind, model)]
    measured = [v for v in measured if v is not None]
    if not measured:
        raise BenchmarkError(f"benchmark: no run of {kind} {model} recorded {field}")
    return statistics.median(measured)


def accuracies(runs: list[dict], kind: str, model: str) -> dict[int, float]:
    """Seed -> final validation accuracy of the current runs of ``kind`` on ``model``."""
    return {r["seed"]: r["models"][model][ACCURACY] for r in current_runs(runs, kind, model)}


def test_value(name: str, runs: list[dict]) -> str:
    test, a, b, model = name.split(".")
    models = MODELS if model == "all" else (model,)
    pairs = [(accuracies(runs, a, m), accuracies(runs, b, m)) for m in models]
    if not all(x and y for x, y in pairs):
        raise BenchmarkError(f"benchmark: no stored runs of both {a} and {b} for {model}")
    if test == "p":
        groups = [(list(x.values()), list(y.values())) for x, y in pairs]
        p = _ranks().p_higher_all(groups) if model == "all" else _ranks().p_higher(*groups[0])
    else:
        if model == "all":
            raise BenchmarkError("benchmark: a paired test is of one model, not all")
        x, y = pairs[0]
        seeds = sorted(set(x) & set(y))
        p = _ranks().p_paired([x[s] for s in seeds], [y[s] for s in seeds])
    return f"{p:.3f}"


def value(name: str, runs: list[dict]) -> str:
    if name.count(".") == 3 and name.split(".")[0] in ("p", "paired"):
        return test_value(name, runs)
    kind, _, rest = name.partition(".")
    model, _, stat = rest.rpartition(".")
    chosen = current_runs(runs, kind, model)
    if stat in RELATIVE and chosen and current_runs(runs, kind, RELATIVE[stat][1]):
        field, base, how, fmt = RELATIVE[stat]
        mine = _median_field(runs, kind, model, field)
        return fmt.format(how(mine, _median_field(runs, kind, base, field)))
    if stat not in STATS or not chosen:
        raise BenchmarkError(
            f"benchmark: no stored value for {{{{ bench.{name} }}}}: use bench.KIND.MODEL.STAT "
            f"with STAT in {(*STATS, *RELATIVE)}, for a kind and model that `make benchmark`"
            " has run"
        )
    field, reduce, fmt = STATS[stat]
    measured = [r["models"][model].get(field) for r in chosen]
    measured = [v for v in measured if v is not None]
    if not measured:
        raise BenchmarkError(f"benchmark: no run of {kind} {model} recorded {field}")
    return fmt.format(reduce(measured))


def _run_key(run: dict) -> tuple:
    return run["kind"], run["chapter"], run["seed"], run["code_hash"]


def together(runs: list[dict], gap_runs: list[dict]) -> list[dict]:
    """The benchmark's runs, then those of ``make gap`` that the benchmark has not also run.

    Both commands can run the same code on the same seed (the book's fixed NumPy code on seeds
    that both plans hold); such a run is counted once, as the benchmark stored it.
    """
    seen = {_run_key(r) for r in runs}
    return runs + [r for r in gap_runs if _run_key(r) not in seen]


def replace_tokens(markdown: str, runs: list[dict], gap_runs: list[dict] | None = None) -> str:
    """``markdown`` with its tokens filled: ``bench`` from ``runs``, ``gap`` from both lists."""
    both = together(runs, gap_runs or [])
    return TOKEN.sub(
        lambda match: value(match.group(2), runs if match.group(1) == "bench" else both), markdown
    )


def _stored(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["runs"] if path.is_file() else []


def on_page_markdown(markdown, page, **_):
    if not TOKEN.search(markdown):
        return markdown
    return replace_tokens(markdown, _stored(RESULTS), _stored(GAP))
