"""The printed comparison: per model, our runs against the book code's, and the goals of issues 13
and 15 (the fast NumPy page: one epoch of each implementation, kind ``epochs``).

Only runs of the current code count (``current``): a stored run of an older program is stale.
Each figure is a median over seeds; a goal whose inputs were not measured says so. The accuracy
goals also print a rank test (``ranks.py``): a median below the book's may be seed noise.
"""

import statistics
from dataclasses import dataclass

from benchmarks import epochs, ranks
from benchmarks.book import MODELS
from project import BOOK_CHAPTERS

# Issue 13, "Goals": each ratio must be at most its limit.
TIME_LIMIT = 0.6  # our four trainings' total time / the book code's
MEMORY_LIMIT = 0.35  # each of our chapters' peak memory / the book's NumPy run
EPOCH_LIMIT = 0.3  # our NumPy epoch / our Keras SimpleRNN epoch
# Issue 15, "Goals", all from the epochs kind's one run.
FAST_OVER_BOOK = 20.0  # the book's NumPy epoch / the fast class's, at least
FAST_OVER_KERAS = 5.0  # Keras SimpleRNN's epoch / the fast class's, at least
BEYOND_TENSORFLOW = 0.5  # GB: the fast page's program's peak memory minus `import tensorflow`'s
PROGRAM_SECONDS = 60.0  # the fast page's program, run as a reader runs it


def values(runs: list[dict], kind: str, model: str, field: str) -> list[float]:
    return [
        r["models"][model][field]
        for r in runs
        if r["kind"] == kind and model in r["models"] and r["models"][model][field] is not None
    ]


def median(runs, kind, model, field) -> float | None:
    found = values(runs, kind, model, field)
    return statistics.median(found) if found else None


@dataclass(frozen=True)
class Goal:
    name: str
    value: float | None
    limit: float
    at_least: bool = False  # the value must be >= limit (else <=)
    note: str = ""  # printed after the verdict

    @property
    def verdict(self) -> str:
        if self.value is None:
            return "not measured"
        met = self.value >= self.limit if self.at_least else self.value <= self.limit
        return "met" if met else "not met"

    def line(self) -> str:
        sign = ">=" if self.at_least else "<="
        shown = "-" if self.value is None else f"{self.value:.3f}"
        return f"{self.name}: {shown} (goal {sign} {self.limit:g}): {self.verdict}{self.note}"


def _ratio(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None or b == 0 else a / b


def _total(runs, kind) -> float | None:
    """The summed median training time of the book's four models, if all four were measured."""
    times = [median(runs, kind, model, "train_seconds") for model in MODELS]
    return None if None in times else sum(times)


def goals(runs: list[dict]) -> list[Goal]:
    found = [Goal("time: our four trainings / the book code's",
                  _ratio(_total(runs, "ours"), _total(runs, "book")), TIME_LIMIT)]
    book_numpy_peak = median(runs, "book", "numpy-rnn", "peak_rss_bytes")
    for chapter in BOOK_CHAPTERS:
        found.append(Goal(f"peak memory: {chapter} / the book's NumPy run", _ratio(
            median(runs, "ours", chapter, "peak_rss_bytes"), book_numpy_peak), MEMORY_LIMIT))
    found.append(Goal("epoch: our NumPy / our Keras SimpleRNN", _ratio(
        median(runs, "ours", "numpy-rnn", "median_epoch_seconds"),
        median(runs, "ours", "keras-simplernn", "median_epoch_seconds")), EPOCH_LIMIT))
    for model in MODELS:
        ours = values(runs, "ours", model, "final_val_accuracy")
        theirs = values(runs, "book", model, "final_val_accuracy")
        difference, note = None, ""
        if ours and theirs:
            difference = statistics.median(ours) - statistics.median(theirs)
            # A median difference inside seed noise reads differently from one beyond it.
            note = f" (rank test: p = {ranks.p_higher(ours, theirs):.3f} that the book's is higher)"
        found.append(Goal(f"accuracy: {model} ours - the book code's (medians)", difference, 0.0,
                          at_least=True, note=note))
    return found


def epochs_goals(runs: list[dict]) -> list[Goal]:
    def epoch(model):
        return median(runs, "epochs", model, "median_epoch_seconds")

    def peak(model):
        return median(runs, "epochs", model, "peak_rss_bytes")

    program, tensorflow = peak("program"), peak("tensorflow")
    beyond = None if program is None or tensorflow is None else (program - tensorflow) / 1e9
    return [
        Goal("epoch: the book's NumPy / the fast class",
             _ratio(epoch("book"), epoch(epochs.FASTEST)), FAST_OVER_BOOK, at_least=True),
        Goal("epoch: Keras SimpleRNN / the fast class",
             _ratio(epoch("keras-simplernn"), epoch(epochs.FASTEST)), FAST_OVER_KERAS,
             at_least=True),
        Goal("peak memory (GB): the fast page's program - `import tensorflow`", beyond,
             BEYOND_TENSORFLOW),
        Goal("time (s): the fast page's program", median(runs, "epochs", "program",
                                                           "train_seconds"), PROGRAM_SECONDS),
    ]


def window_line(runs: list[dict]) -> str:
    """Issue 13: the chapter's class walking back all 100 steps, against Keras (not a goal)."""
    def epoch(model):
        return median(runs, "epochs", model, "median_epoch_seconds")

    full, truncated, keras = (epoch(m) for m in ("numpy-rnn-window100", "numpy-rnn",
                                                  "keras-simplernn"))
    shown = [("-" if r is None else f"{r:.2f}")
             for r in (_ratio(full, truncated), _ratio(keras, full))]
    return (f"window (issue 13): the chapter's class, window 100 / window 10: {shown[0]}; "
            f"Keras SimpleRNN / the chapter's class, window 100: {shown[1]}")


def _spread(runs, kind, model, field, scale=1.0, digits=4) -> str:
    found = values(runs, kind, model, field)
    if not found:
        return "-"
    mid, low, high = (v / scale for v in (statistics.median(found), min(found), max(found)))
    return f"{mid:.{digits}f} ({low:.{digits}f}-{high:.{digits}f}, n={len(found)})"


def left_out(stored: list[dict], measured: list[dict]) -> tuple[int, int]:
    """``(stale, superseded)``: stored runs of older code, without and with a current rerun."""
    rerun = {(r["kind"], r["chapter"], r["seed"]) for r in measured}
    older = [r for r in stored if r not in measured]
    superseded = sum((r["kind"], r["chapter"], r["seed"]) in rerun for r in older)
    return len(older) - superseded, superseded


def report(runs: list[dict], stale: int = 0, superseded: int = 0) -> str:
    """The summary printed at the end of a benchmark."""
    lines = []
    for title, field, scale, digits in (
        ("final validation accuracy", "final_val_accuracy", 1.0, 4),
        ("training time (s)", "train_seconds", 1.0, 0),
        ("median epoch (s)", "median_epoch_seconds", 1.0, 1),
        ("peak memory (GB)", "peak_rss_bytes", 1e9, 2),
    ):
        lines.append(f"{title}: median (min-max, runs)")
        lines.append(f"  {'model':16} {'ours':30} {'book code':30} book code, fixed")
        for model in BOOK_CHAPTERS:
            cells = [_spread(runs, k, model, field, scale, digits)
                     for k in ("ours", "book", "book-fixed")]
            lines.append(f"  {model:16} " + " ".join(f"{c:30}" for c in cells).rstrip())
    lines.append("goals (issue 13):")
    lines += [f"  {goal.line()}" for goal in goals(runs)]
    lines.append("one epoch, same run (kind epochs): median (min-max, runs)")
    lines.append(f"  {'model':20} {'epoch (s)':30} {'peak memory (GB)':30} whole run (s)")
    for model in epochs.MODELS:
        fields = (("median_epoch_seconds", 1.0, 2), ("peak_rss_bytes", 1e9, 2),
                  ("train_seconds", 1.0, 0))
        cells = [_spread(runs, "epochs", model, *field) for field in fields]
        lines.append(f"  {model:20} " + " ".join(f"{c:30}" for c in cells).rstrip())
    lines.append(f"  {window_line(runs)}")
    lines.append("goals (issue 15; rerun on a quiet machine before reading them):")
    lines += [f"  {goal.line()}" for goal in epochs_goals(runs)]
    if superseded:
        lines.append(f"{superseded} stored run(s) of older code have a rerun of the current code "
                     "and are left out (kept for the record)")
    if stale:
        lines.append(f"{stale} stored run(s) measured older code and are left out: rerun them")
    return "\n".join(lines)
