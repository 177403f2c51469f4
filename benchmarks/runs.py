"""The runs a benchmark makes, the code each runs, and what each measured.

A ``Run`` knows its code before it starts, so its hash is known without running it: the plan can
say which runs are already stored, and an edited chapter program is measured again.
"""

import time
from dataclasses import dataclass
from functools import cache

from benchmarks import FIRST_SEED, book, edits, epochs
from benchmarks.kernel import CellRun, median_epoch_seconds, run_cells
from notebooks.outputs import model_lines, results, val_accuracy_curve
from notebooks.program import join_continuations, shown_steps, source_hash
from snippet_programs import SNIPPETS

BOOK = "-"  # the chapter field of a run of the whole book notebook


@dataclass(frozen=True)
class Run:
    kind: str  # "ours", "book", "book-fixed" or "epochs"
    chapter: str  # our chapter's slug; BOOK for the whole book notebook; a model of epochs.py
    seed: int  # for "epochs": the repeat, counted from FIRST_SEED

    @property
    def label(self) -> str:
        what = "book" if self.chapter == BOOK else f"{self.kind} {self.chapter}"
        if self.kind == "epochs":
            return f"{what} repeat {self.seed - FIRST_SEED + 1}"
        return f"{what} seed {self.seed}"


def shown_codes(slug: str) -> list[str]:
    """The code cells of ``slug``'s notebook: its shown blocks, as ``make notebooks`` runs them."""
    return [cell.code for cell in join_continuations(shown_steps(SNIPPETS / f"{slug}.md"))]


@cache
def book_codes() -> tuple[str, ...]:
    return tuple(book.code_cells(book.notebook_file()))


def fixed_book_codes(codes: tuple[str, ...]) -> tuple[list[str], edits.Fix]:
    """The book's cells up to its NumPy model's evaluation, with the backprop fix."""
    numpy_model = book.segments(list(codes))[0]
    return edits.with_backprop_fix(list(codes[: numpy_model.evaluation + 1]))


def code_hash(run: Run) -> str:
    """Hash of the code ``run`` measures, its seed left out.

    Ours: the hash ``make notebooks`` stores for the chapter's notebook. The book's: its cells as
    run, the seeding cell included with ``{seed}`` in place of the seed.
    """
    if run.kind == "ours":
        return source_hash(shown_codes(run.chapter))
    if run.kind == "epochs":
        return epochs.code_hash(run.chapter, book_codes, shown_codes)
    codes = list(book_codes()) if run.kind == "book" else fixed_book_codes(book_codes())[0]
    return source_hash([edits.BOOK_SEED_CELL, *codes])


def plan(kinds, chapters, seeds: dict[str, int]) -> list[Run]:
    """Every run of ``kinds``, ours for ``chapters``, ``seeds[kind]`` seeds from ``FIRST_SEED``."""
    runs = []
    for kind in kinds:
        seed_list = range(FIRST_SEED, FIRST_SEED + seeds[kind])
        if kind == "ours":
            runs += [Run(kind, slug, seed) for slug in chapters for seed in seed_list]
        elif kind == "epochs":  # interleaved: every model once, then the next repeat
            runs += [Run(kind, model, seed) for seed in seed_list for model in epochs.MODELS]
        else:
            runs += [Run(kind, BOOK if kind == "book" else "numpy-rnn", s) for s in seed_list]
    return runs


def stored_keys(data: dict) -> set[tuple]:
    return {(r["kind"], r["chapter"], r["seed"], r["code_hash"]) for r in data["runs"]}


def pending(runs: list[Run], hashes: dict[Run, str], data: dict) -> list[bool]:
    """For each run, whether it still has to run (no stored run of the same code and seed)."""
    stored = stored_keys(data)
    return [(r.kind, r.chapter, r.seed, hashes[r]) not in stored for r in runs]


def ours_record(run: Run, shown: list[str] | None = None) -> dict:
    """A record of ``run``: the chapter's shown code, or ``shown`` (a variant of it)."""
    shown = shown_codes(run.chapter) if shown is None else shown
    codes, substitution = edits.with_seed(shown, run.seed)
    cells = run_cells(codes)
    text = "\n".join(cell.text for cell in cells)
    fits = [i for i, code in enumerate(codes) if ".fit(" in code]
    curve = val_accuracy_curve(text)
    if "val_accuracy" not in results(text):
        raise RuntimeError(f"{run.chapter}: no 'validation accuracy:' line in the outputs")
    model = {
        "final_val_accuracy": results(text)["val_accuracy"],
        "best_val_accuracy": max(curve) if curve else None,
        "epochs": len(curve),
        "median_epoch_seconds": median_epoch_seconds([t for i in fits for t in cells[i].stamps]),
        "train_seconds": sum(cells[i].seconds for i in fits),
        "peak_rss_bytes": cells[-1].peak_rss,
    }
    found = results(text)
    if "test_accuracy" in found:
        model["test_accuracy"] = found["test_accuracy"]
    models = {run.chapter: model}
    # A chapter that compares several models (nsmc) prints a line per model: each becomes a
    # model of its own, "nsmc-lstm", with the time per epoch the chapter printed for it. The
    # chapter's curve and epoch times then mix models: only its total training time is kept.
    compared = model_lines(text)
    if compared:
        model.update(best_val_accuracy=None, epochs=None, median_epoch_seconds=None)
    for name, (seconds, accuracy) in compared.items():
        models[f"{run.chapter}-{name.lower()}"] = {
            "final_val_accuracy": accuracy,
            "median_epoch_seconds": seconds,
        }
    return {
        "code_hash": source_hash(shown),
        "edits": {"seed": substitution.as_dict()},
        "models": models,
    }


def book_model(fit: CellRun, evaluation: CellRun) -> dict:
    """What one model of the book's notebook measured, from its training and evaluation cells."""
    return {
        "final_val_accuracy": book.final_accuracy(evaluation.text),
        "best_val_accuracy": book.best_accuracy(fit.text),
        # The whole curve tells two trainings that end alike apart from one draw repeated.
        "val_accuracy_per_epoch": book.epoch_accuracies(fit.text),
        "median_epoch_seconds": median_epoch_seconds(fit.stamps),
        "train_seconds": fit.seconds,
        # The kernel's peak by the evaluation (since its last reset, if any): it still holds
        # what earlier cells made.
        "peak_rss_bytes": evaluation.peak_rss,
    }


def _book(run: Run) -> dict:
    codes = list(book_codes())
    fix = None
    if run.kind == "book-fixed":
        codes, fix = fixed_book_codes(book_codes())
    parts = [s for s in book.segments(list(book_codes())) if s.evaluation < len(codes)]
    # Cell 0 is the seeding cell, so the book's cell i runs as cell i + 1.
    cells = run_cells(
        [edits.seed_cell(run.seed), *codes], reset_peak_before={s.start + 1 for s in parts}
    )
    models = {s.model: book_model(cells[s.fit + 1], cells[s.evaluation + 1]) for s in parts}
    found = {"seed_cell": edits.BOOK_SEED_CELL}
    if fix:
        found["backprop_fix"] = fix.as_dict()
    return {
        "code_hash": source_hash([edits.BOOK_SEED_CELL, *codes]),
        "edits": found,
        "models": models,
    }


def _epochs(run: Run) -> dict:
    codes = epochs.cells(run.chapter, book_codes, shown_codes)
    cells = run_cells(codes)
    text = "\n".join(cell.text for cell in cells)
    printed = epochs.printed_values(text)
    stamps = [t for cell in cells for t in cell.stamps]
    epoch = epochs.last_gap(stamps)
    if run.chapter not in epochs.YARDSTICKS and epoch is None:
        raise RuntimeError(f"{run.chapter}: fewer than two epoch lines")
    model = {
        "final_val_accuracy": None,
        "median_epoch_seconds": epoch,
        "train_seconds": sum(cell.seconds for cell in cells),
        "peak_rss_bytes": cells[-1].peak_rss,
        **{name: value for name, value in printed.items() if name != "epoch_flops"},
    }
    if "epoch_flops" in printed:
        model["gflops"] = printed["epoch_flops"] / epoch / 1e9
    return {"code_hash": source_hash(codes), "edits": epochs.edits_of(run.chapter),
            "models": {run.chapter: model}}


def measure(run: Run, measuring=None) -> dict:
    """Execute ``run`` in a fresh kernel and return its record for ``results.json``.

    ``measuring(run)`` runs it and gives the record's code hash, edits and models; by default the
    benchmark's for ``run.kind`` (``experiments/gap.py`` passes its own for its own kinds). The
    record's hash is that of the code this execution read, so a chapter edited while the
    benchmark runs is not stored under the hash the plan computed before the edit.
    """
    start = time.perf_counter()
    if measuring is None:
        measuring = {"ours": ours_record, "epochs": _epochs}.get(run.kind, _book)
    found = measuring(run)
    return {
        "kind": run.kind,
        "chapter": run.chapter,
        "seed": run.seed,
        "finished": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "seconds": round(time.perf_counter() - start, 1),
        **found,
    }
