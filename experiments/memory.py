"""`make memory`: run the "How far can it remember?" experiment, one training at a time.

The page's program (``snippets/memory.md``) defines ``run_one(name, k, seed)``, one training of
one model, and draws runs with its own ``plot_results``. This script executes the program's shown
definitions (not the slice the page runs, not its ``# Check`` blocks), then

* runs every model for every k and seed of the program's ``run_experiment`` defaults, one at a
  time, with a progress line each, and stores each run in ``snippets/results/memory.json`` the
  moment it ends, with the hash of the code it measured. A run already stored for the same code
  is skipped, so an interrupted ``make memory`` resumes where it stopped;
* writes ``docs/{ko,en}/figures/memory-{light,dark}.svg``: the same ``plot_results`` over the
  stored runs, in the page's language and the figures' role colours (``diagrams/style.py``).

The pages cite the stored runs through ``{{ memory... }}`` tokens (``hooks/memory.py``); the
program's hidden check holds a rerun of its slice to them (``slice_problems``).
``python -m experiments.memory --figures-only`` redraws the figures from the stored JSON.
"""

import argparse
import ast
import contextlib
import io
import json
import os
import statistics
import tempfile
import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from cycler import cycler  # noqa: E402

from benchmarks.store import write_atomic  # noqa: E402
from diagrams.style import MATPLOTLIB_FONT, matplotlib_colours, scheme, svg_text  # noqa: E402
from notebooks.program import shown_steps, source_hash  # noqa: E402
from project import LANGUAGES  # noqa: E402
from snippet_programs import ROOT, SNIPPETS  # noqa: E402

PROGRAM = SNIPPETS / "memory.md"
RESULTS = SNIPPETS / "results" / "memory.json"
DOCS = ROOT / "docs"
NAME = "memory"
# The sections whose code decides what a run measures: the class, the task, the models and
# run_one. The page's slice call and its plot are left out: changing them changes no run.
MEASURED = ("numpy-rnn.md:class-", "memory.md:task", "memory.md:models", "memory.md:run")
DEFINITIONS = ("memory.md:imports", *MEASURED, "memory.md:plot")
LABELS = {  # the program's model names, per page language
    "Keras SimpleRNN": {"ko": "Keras SimpleRNN", "en": "Keras SimpleRNN"},  # the chapter's title
    "Keras LSTM": {"ko": "Keras LSTM", "en": "Keras LSTM"},
    "NumPy RNN, full BPTT": {"ko": "NumPy RNN, 전체 BPTT", "en": "NumPy RNN, full BPTT"},
    "NumPy RNN, truncated BPTT (10)": {
        "ko": "NumPy RNN, 잘린 BPTT (10)",
        "en": "NumPy RNN, truncated BPTT (10)",
    },
}
AXES = {
    "ko": ("k (타임 스텝)", ("검증 정확도", "훈련한 에포크")),
    "en": ("k (time steps)", ("validation accuracy", "epochs trained")),
}
ROLES = ("hidden", "cell_state", "weight", "gradient")  # one colour per model, in program order


def code_hash() -> str:
    """Hash of the code that decides what a run measures (``MEASURED``)."""
    steps = shown_steps(PROGRAM)
    return source_hash([s.code for s in steps if s.section.startswith(MEASURED)])


def program_namespace() -> dict:
    """The program's shown definitions, executed in a temporary folder (its slice left out)."""
    steps = [s for s in shown_steps(PROGRAM) if s.section.startswith(DEFINITIONS)]
    code = "\n\n".join(s.code for s in steps)
    namespace = {"__name__": "__memory__"}
    exec(compile(code, str(PROGRAM), "exec"), namespace)
    return namespace


def plan() -> list[tuple[str, int, int]]:
    """(model, k, seed) of every run the program's ``run_experiment()`` makes, in its order.

    Read from the shown code (``MODELS`` and ``run_experiment``'s defaults), without running it.
    """
    tree = ast.parse("\n\n".join(s.code for s in shown_steps(PROGRAM)))
    models = ks = seeds = None
    for node in tree.body:
        names = [getattr(target, "id", "") for target in getattr(node, "targets", [])]
        if isinstance(node, ast.Assign) and names == ["MODELS"]:
            models = [ast.literal_eval(k) for k in node.value.keys]
        if isinstance(node, ast.FunctionDef) and node.name == "run_experiment":
            ks, seeds = (ast.literal_eval(d) for d in node.args.defaults)
    return [(name, k, seed) for seed in seeds for k in ks for name in models]


def load() -> dict:
    if not RESULTS.is_file():
        return {"runs": []}
    return json.loads(RESULTS.read_text(encoding="utf-8"))


def key(run: dict) -> tuple:
    return (run["model"], run["k"], run["seed"])


def current_runs(stored: dict, digest: str) -> list[dict]:
    """The stored runs of the planned (model, k, seed) that measured the code as it is now."""
    planned = set(plan())
    return [r for r in stored["runs"] if key(r) in planned and r["code_hash"] == digest]


def store(run: dict) -> None:
    """Add ``run``, replacing any earlier run of the same model, k and seed."""
    data = load()
    data["runs"] = [r for r in data["runs"] if key(r) != key(run)] + [run]
    write_atomic(RESULTS, data)


def run_all(namespace: dict) -> None:
    digest = code_hash()
    done = {key(r) for r in current_runs(load(), digest)}
    todo = [p for p in plan() if p not in done]
    print(f"{len(done)} runs stored for this code, {len(todo)} to go", flush=True)
    start = time.perf_counter()
    for i, (name, k, seed) in enumerate(todo, 1):
        run = namespace["run_one"](name, k, seed)
        store({**run, "code_hash": digest, "finished": time.strftime("%Y-%m-%dT%H:%M:%S%z")})
        print(
            f"[{i}/{len(todo)}] seed {seed}  k = {k:3d}  {name:31s}"
            f"  accuracy {run['accuracy']:.3f}  train {run['train_accuracy']:.3f}"
            f"  {run['epochs']:3d} epochs  {run['seconds']:.0f} s"
            f"  (total {time.perf_counter() - start:.0f} s)",
            flush=True,
        )


# -- what the pages and the program's hidden check read


def stats(values: list[float]) -> dict:
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


def slice_problems(runs: list[dict], stored: list[dict], n_val: int) -> list[str]:
    """Where a rerun of some runs falls outside what the stored runs allow.

    A rerun of the same model, k and seed on the same code either repeats the stored run or,
    where round-off made training take another path, behaves like one more seed. So its accuracy
    must lie within the range the stored seeds span at that model and k, widened by three
    standard deviations of the accuracy of ``n_val`` validation samples (a seed outside the five
    stored ones may score a few samples more or fewer). Its epochs are not compared: where the
    loss is flat, the stopping epoch moves with every wobble.
    """
    problems = []
    noise = 3 * (0.25 / n_val) ** 0.5  # the largest standard deviation, at accuracy 0.5
    for run in runs:
        seeds = [r["accuracy"] for r in stored if (r["model"], r["k"]) == (run["model"], run["k"])]
        if not any(key(r) == key(run) for r in stored):
            problems.append(f"{run['model']}, k = {run['k']}, seed {run['seed']}: not stored")
            continue
        low, high = min(seeds) - noise, max(seeds) + noise
        if not low <= run["accuracy"] <= high:
            problems.append(
                f"{run['model']}, k = {run['k']}, seed {run['seed']}: accuracy "
                f"{run['accuracy']:.3f} outside the stored seeds' {low:.3f}-{high:.3f}"
            )
    return problems


# -- figures


def figure_digest(runs: list[dict]) -> str:
    """What a figure drew: the program's plot code and the runs, hashed.

    Each figure names it in its metadata, so a test can tell a stale figure without drawing it
    again (matplotlib's SVG text depends on the fonts of the machine that draws it).
    """
    plot = [s.code for s in shown_steps(PROGRAM) if s.section == "memory.md:plot"]
    drawn = sorted((r["model"], r["k"], r["seed"], r["accuracy"], r["epochs"]) for r in runs)
    return source_hash([*plot, json.dumps(drawn)])


def draw(plot_results, runs: list[dict], language: str, scheme_name: str) -> str:
    """The program's own plot, in one language and colour scheme, as SVG text."""
    colours = scheme(scheme_name)
    named = [{**r, "model": LABELS[r["model"]][language]} for r in runs]
    rc = {
        "svg.fonttype": "none",
        "svg.hashsalt": "rnn-docs-memory",
        "font.family": [MATPLOTLIB_FONT],
        "font.size": 11,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.prop_cycle": cycler(color=[colours.colour(role) for role in ROLES]),
        **matplotlib_colours(colours),
        "legend.frameon": False,
    }
    with plt.rc_context(rc):
        fig = plot_results(named, *AXES[language])
        return svg_text(fig, {"Description": f"runs {figure_digest(runs)}"})


def write_figures(plot_results, runs: list[dict], docs: Path = DOCS) -> list[Path]:
    written = []
    for language in LANGUAGES:
        for scheme_name in ("light", "dark"):
            path = docs / language / "figures" / f"{NAME}-{scheme_name}.svg"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(draw(plot_results, runs, language, scheme_name), encoding="utf-8")
            written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m experiments.memory", description=__doc__)
    parser.add_argument("--figures-only", action="store_true", help="redraw from the stored JSON")
    figures_only = parser.parse_args().figures_only
    here = Path.cwd()
    with tempfile.TemporaryDirectory() as folder:
        os.chdir(folder)  # anything the program writes lands here
        try:
            namespace = program_namespace()
            if not figures_only:
                run_all(namespace)
        finally:
            os.chdir(here)
    runs = current_runs(load(), code_hash())
    with contextlib.redirect_stdout(io.StringIO()):
        written = write_figures(namespace["plot_results"], runs)
    print(f"{len(written)} figures of {len(runs)} runs written: "
          f"docs/{{ko,en}}/figures/{NAME}-{{light,dark}}.svg")


if __name__ == "__main__":
    main()
