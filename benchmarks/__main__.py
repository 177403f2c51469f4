"""``python -m benchmarks [--only KIND] [--chapters SLUG ...] [--seeds N] [--again] [--dry-run]``.

Measures our trained chapters and the book's notebook, one run at a time, each in a fresh kernel,
and prints a line per run and a summary, then redraws the chart (``--chart-only``: just that).
Runs already stored for the same code and seed are skipped, so an interrupted benchmark resumes
where it stopped.
"""

import argparse
import sys
import time
from pathlib import Path

from benchmarks import (
    FIRST_SEED,
    KINDS,
    RESULTS,
    SEEDS,
    chart,
    epoch_chart,
    runs,
    store,
    summary,
)
from project import ROOT, TRAINED_CHAPTERS


def parse(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--only", choices=KINDS, help="run one kind (default: all of them)")
    parser.add_argument(
        "--chapters", nargs="+", metavar="SLUG",
        help=f"our chapters to run (default: all of {', '.join(TRAINED_CHAPTERS)})",
    )
    parser.add_argument(
        "--seeds", type=int, metavar="N",
        help=f"seeds {FIRST_SEED}..{FIRST_SEED}+N-1 for every kind (default: "
        + ", ".join(f"{k} {n}" for k, n in SEEDS.items()) + ")",
    )
    parser.add_argument("--dry-run", action="store_true", help="list the runs, run nothing")
    parser.add_argument(
        "--again", action="store_true",
        help="measure the planned runs again even where stored (say, on a quieter machine)",
    )
    parser.add_argument(
        "--chart-only", action="store_true", help="only redraw the chart from the stored runs"
    )
    parser.add_argument("--results", type=Path, default=RESULTS, help="the JSON file to update")
    args = parser.parse_args(argv)
    if args.chapters is not None:
        unknown = sorted(set(args.chapters) - set(TRAINED_CHAPTERS))
        if unknown:
            choices = ", ".join(TRAINED_CHAPTERS)
            parser.error(f"--chapters: unknown {unknown}: choose from {choices}")
        if args.only in ("book", "book-fixed", "epochs"):
            parser.error(f"--chapters selects our chapters: not with --only {args.only}")
    if args.chart_only and args.results.resolve() != RESULTS.resolve():
        parser.error("--chart-only draws the pages' chart from the stored runs: not with --results")
    if args.seeds is not None and args.seeds < 1:
        parser.error(f"--seeds must be at least 1, not {args.seeds}")
    return args


def progress(record: dict) -> str:
    """What a finished run measured, in a few words: accuracy, or an epoch's time and memory."""
    if record["kind"] != "epochs":
        return "val " + " ".join(
            f"{model} {m['final_val_accuracy']:.4f}" for model, m in record["models"].items()
        )
    [m] = record["models"].values()
    epoch = "-" if m["median_epoch_seconds"] is None else f"{m['median_epoch_seconds']:.2f} s"
    return f"epoch {epoch}, peak {m['peak_rss_bytes'] / 1e9:.2f} GB"


def main(argv=None) -> int:
    args = parse(argv)
    if args.chart_only:
        for path in [*chart.write_charts(), *epoch_chart.write_charts()]:
            print(f"wrote {path.relative_to(ROOT)}")
        return 0
    kinds = (args.only,) if args.only else KINDS
    chapters = [c for c in TRAINED_CHAPTERS if args.chapters is None or c in args.chapters]
    seeds = {kind: args.seeds or SEEDS[kind] for kind in kinds}
    plan = runs.plan(kinds, chapters, seeds)
    hashes = {run: runs.code_hash(run) for run in plan}
    data = store.load(args.results)
    todo = [True] * len(plan) if args.again else runs.pending(plan, hashes, data)
    width = len(str(len(plan)))
    if args.dry_run:
        for i, (run, due) in enumerate(zip(plan, todo, strict=True), 1):
            state = "to run" if due else "stored"
            print(f"[{i:{width}}/{len(plan)}] {run.label}: {state} (code {hashes[run][:12]})")
        print(f"{sum(todo)} of {len(plan)} runs to do; results in {args.results}")
        return 0
    machine = store.machine()
    failed = 0
    for i, (run, due) in enumerate(zip(plan, todo, strict=True), 1):
        head = f"[{i:{width}}/{len(plan)}] {run.label}"
        if not due:
            print(f"{head}: stored, skipped", flush=True)
            continue
        print(f"{head} ...", end=" ", flush=True)
        start = time.perf_counter()
        try:
            record = runs.measure(run)
        except Exception as error:  # one failed run must not cost the hours of the others
            failed += 1
            print(f"FAILED after {time.perf_counter() - start:.0f} s: {error}", flush=True)
            continue
        store.add_run(args.results, record, machine)
        print(f"{record['seconds']:.0f} s, {progress(record)}", flush=True)
    every = runs.plan(KINDS, TRAINED_CHAPTERS, {kind: 1 for kind in KINDS})
    current = {(r.kind, r.chapter): runs.code_hash(r) for r in every}
    stored = store.load(args.results)["runs"]
    measured = [r for r in stored if current.get((r["kind"], r["chapter"])) == r["code_hash"]]
    print(summary.report(measured, *summary.left_out(stored, measured)))
    if args.results.resolve() == RESULTS.resolve():  # the pages' charts show the stored runs only
        chart.write_charts()
        epoch_chart.write_charts()
    if failed:
        print(f"{failed} run(s) failed: see above", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
