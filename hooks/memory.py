"""Numbers of the memory experiment on the pages: ``{{ memory.MODEL.kK.STAT }}``.

``make memory`` stores every run (model, k, seed) in ``snippets/results/memory.json``. A token
reads the runs of one model at one k over the seeds, counting only the code the newest run
measured (``tests/test_memory_page.py`` fails when that is not the code the page shows). MODEL is
``simplernn``, ``lstm``, ``numpy-full`` or ``numpy-truncated``; K one of the stored k. STAT:

* ``median``, ``min``, ``max``: the validation accuracy over the seeds (3 decimals: 512
  validation samples resolve about 0.002);
* ``spread``: ``median (min-max)`` of the validation accuracy, for tables;
* ``train``: the median accuracy on the training samples;
* ``epochs``: the median number of epochs trained; ``epoch-spread``: ``median (min-max)``;
* ``learned``: how many seeds reached a validation accuracy of at least ``LEARNED``;
* ``train-failed``, ``median-failed``: the median training and validation accuracy of the
  seeds that did not;
* ``seeds``: how many seeds.

``{{ memory.seeds }}`` is the fewest seeds of any point, ``{{ memory.runs }}`` the number of runs
and ``{{ memory.minutes }}`` the time all of them trained, in minutes. An unknown token fails the
build.
"""

import json
import re
import statistics
from pathlib import Path

from mkdocs.exceptions import PluginError

RESULTS = Path(__file__).resolve().parent.parent / "snippets" / "results" / "memory.json"
TOKEN = re.compile(r"\{\{\s*memory\.([^\s}]*)\s*\}\}")
MODELS = {  # token name -> the program's model name
    "simplernn": "Keras SimpleRNN",
    "lstm": "Keras LSTM",
    "numpy-full": "NumPy RNN, full BPTT",
    "numpy-truncated": "NumPy RNN, truncated BPTT (10)",
}
# Far above guessing: 512 coin flips score 0.5 give or take 0.066 (three standard deviations).
LEARNED = 0.9


def _spread(values: list[float], fmt: str) -> str:
    low, middle, high = (fmt.format(f(values)) for f in (min, statistics.median, max))
    return f"{middle} ({low}–{high})"


def _median_failed(runs: list[dict], field: str) -> str:
    failed = [r[field] for r in runs if r["accuracy"] < LEARNED]
    if not failed:
        raise MemoryResultsError("memory: every seed remembered, so no run failed")
    return f"{statistics.median(failed):.3f}"


STATS = {
    "median": lambda runs: f"{statistics.median(r['accuracy'] for r in runs):.3f}",
    "min": lambda runs: f"{min(r['accuracy'] for r in runs):.3f}",
    "max": lambda runs: f"{max(r['accuracy'] for r in runs):.3f}",
    "spread": lambda runs: _spread([r["accuracy"] for r in runs], "{:.3f}"),
    "train": lambda runs: f"{statistics.median(r['train_accuracy'] for r in runs):.3f}",
    "epochs": lambda runs: f"{statistics.median(r['epochs'] for r in runs):.0f}",
    "epoch-spread": lambda runs: _spread([r["epochs"] for r in runs], "{:.0f}"),
    "learned": lambda runs: str(sum(r["accuracy"] >= LEARNED for r in runs)),
    "train-failed": lambda runs: _median_failed(runs, "train_accuracy"),
    "median-failed": lambda runs: _median_failed(runs, "accuracy"),
    "seeds": lambda runs: str(len(runs)),
}


class MemoryResultsError(PluginError):
    """A ``{{ memory... }}`` token names nothing that the stored runs hold."""


def current_runs(runs: list[dict]) -> list[dict]:
    """The runs that measured the code of the newest run."""
    if not runs:
        return []
    newest = max(runs, key=lambda r: r["finished"])["code_hash"]
    return [r for r in runs if r["code_hash"] == newest]


def _points(runs: list[dict]) -> dict[tuple[str, int], list[dict]]:
    points: dict[tuple[str, int], list[dict]] = {}
    for run in runs:
        points.setdefault((run["model"], run["k"]), []).append(run)
    return points


def value(name: str, runs: list[dict]) -> str:
    runs = current_runs(runs)
    points = _points(runs)
    if name == "seeds" and points:
        return str(min(len(p) for p in points.values()))
    if name == "runs" and runs:
        return str(len(runs))
    if name == "minutes" and runs:
        return f"{sum(r['seconds'] for r in runs) / 60:.0f}"
    model, _, rest = name.partition(".")
    k, _, stat = rest.partition(".")
    chosen = points.get((MODELS.get(model), int(k[1:]) if k[1:].isdigit() else None), [])
    if stat not in STATS or not k.startswith("k") or not chosen:
        raise MemoryResultsError(
            f"memory: no stored value for {{{{ memory.{name} }}}}: use memory.MODEL.kK.STAT with "
            f"MODEL in {tuple(MODELS)}, a k that `make memory` ran and STAT in {tuple(STATS)}, "
            "or memory.seeds, memory.runs, memory.minutes"
        )
    return STATS[stat](chosen)


def replace_tokens(markdown: str, runs: list[dict]) -> str:
    return TOKEN.sub(lambda match: value(match.group(1), runs), markdown)


def on_page_markdown(markdown, page, **_):
    if not TOKEN.search(markdown):
        return markdown
    return replace_tokens(markdown, json.loads(RESULTS.read_text(encoding="utf-8"))["runs"])
