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
* ``test``, ``test_min``, ``test_max``: the test accuracy of a chapter that evaluates its model on
  a test set once (``nsmc``), median, min and max over the seeds (4 decimals).

An unknown token, or one with no stored run, fails the build.
"""

import json
import re
import statistics
from pathlib import Path

from mkdocs.exceptions import PluginError

RESULTS = Path(__file__).resolve().parent.parent / "benchmarks" / "results.json"
TOKEN = re.compile(r"\{\{\s*bench\.([^\s}]*)\s*\}\}")
ACCURACY = "final_val_accuracy"
STATS = {
    "median": (ACCURACY, statistics.median, "{:.4f}"),
    "min": (ACCURACY, min, "{:.4f}"),
    "max": (ACCURACY, max, "{:.4f}"),
    "runs": (ACCURACY, len, "{:d}"),
    "epoch": ("median_epoch_seconds", statistics.median, "{:.1f}"),
    "train": ("train_seconds", statistics.median, "{:.0f}"),
    "peak": ("peak_rss_bytes", lambda v: statistics.median(v) / 1e9, "{:.2f}"),
    "test": ("test_accuracy", statistics.median, "{:.4f}"),
    "test_min": ("test_accuracy", min, "{:.4f}"),
    "test_max": ("test_accuracy", max, "{:.4f}"),
}


class BenchmarkError(PluginError):
    """A ``{{ bench... }}`` token names nothing that the stored benchmark holds."""


def current_runs(runs: list[dict], kind: str, model: str) -> list[dict]:
    """The runs of ``kind`` that measured ``model`` with the newest code stored for it."""
    found = [r for r in runs if r["kind"] == kind and model in r["models"]]
    if not found:
        return []
    newest = max(found, key=lambda r: r["finished"])["code_hash"]
    return [r for r in found if r["code_hash"] == newest]


def value(name: str, runs: list[dict]) -> str:
    kind, _, rest = name.partition(".")
    model, _, stat = rest.rpartition(".")
    chosen = current_runs(runs, kind, model)
    if stat not in STATS or not chosen:
        raise BenchmarkError(
            f"benchmark: no stored value for {{{{ bench.{name} }}}}: use bench.KIND.MODEL.STAT "
            f"with STAT in {tuple(STATS)}, for a kind and model that `make benchmark` has run"
        )
    field, reduce, fmt = STATS[stat]
    measured = [r["models"][model].get(field) for r in chosen]
    measured = [m for m in measured if m is not None]
    if not measured:
        raise BenchmarkError(f"benchmark: no run of {kind} {model} recorded {field}")
    return fmt.format(reduce(measured))


def replace_tokens(markdown: str, runs: list[dict]) -> str:
    return TOKEN.sub(lambda match: value(match.group(1), runs), markdown)


def on_page_markdown(markdown, page, **_):
    if not TOKEN.search(markdown):
        return markdown
    return replace_tokens(markdown, json.loads(RESULTS.read_text(encoding="utf-8"))["runs"])
