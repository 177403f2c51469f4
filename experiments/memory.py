"""`make memory`: run the "How far can it remember?" program once and store what it produced.

The page's program (``snippets/memory.md``) returns a ``results`` dict and draws it with its own
``plot_results``. This script executes the program's shown blocks (not its ``# Check`` blocks),
then writes

* ``snippets/results/memory.json``: the accuracies, which the pages cite and the program's hidden
  check compares a new run with (a stale page fails ``make test``);
* ``docs/{ko,en}/figures/memory-{light,dark}.svg``: the same ``plot_results`` in the page's
  language, in the figures' role colours (``diagrams/style.py``) on a transparent background.

``python -m experiments.memory --figures-only`` redraws the figures from the stored JSON.
"""

import argparse
import contextlib
import io
import json
import os
import tempfile
import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from cycler import cycler  # noqa: E402

from diagrams.style import FONT_FAMILY, matplotlib_colours, scheme  # noqa: E402
from project import LANGUAGES, is_hidden  # noqa: E402
from snippet_programs import ROOT, SNIPPETS, code_blocks, expand_snippets  # noqa: E402

PROGRAM = SNIPPETS / "memory.md"
RESULTS = SNIPPETS / "results" / "memory.json"
DOCS = ROOT / "docs"
NAME = "memory"
LABELS = {  # the program's model names, per page language
    "Keras SimpleRNN": {"ko": "Keras SimpleRNN", "en": "Keras SimpleRNN"},  # the chapter's title
    "Keras LSTM": {"ko": "Keras LSTM", "en": "Keras LSTM"},
    "NumPy RNN, full BPTT": {"ko": "NumPy RNN, 전체 BPTT", "en": "NumPy RNN, full BPTT"},
    "NumPy RNN, truncated BPTT (10)": {
        "ko": "NumPy RNN, 잘린 BPTT (10)",
        "en": "NumPy RNN, truncated BPTT (10)",
    },
}
AXES = {"ko": ("k (타임 스텝)", "검증 정확도"), "en": ("k (time steps)", "validation accuracy")}
ROLES = ("hidden", "cell_state", "weight", "gradient")  # one colour per model, in program order
MATPLOTLIB_FONT = "Noto Sans CJK KR"  # measures the text; the SVG names the site's font stack


def shown_code() -> list[str]:
    """The program's blocks a reader copies, in order."""
    blocks = code_blocks(expand_snippets(PROGRAM), joined=False)
    return [block.code for block in blocks if not is_hidden(block.code)]


def program_namespace(run_experiment: bool) -> dict:
    """Execute the shown blocks in a temporary folder; without the run, on the stored results."""
    namespace = {"__name__": "__memory__"}
    if not run_experiment:
        namespace["results"] = json.loads(RESULTS.read_text(encoding="utf-8"))
    here = Path.cwd()
    with tempfile.TemporaryDirectory() as folder:
        os.chdir(folder)  # plt.savefig("memory.svg") of the program lands here
        try:
            # One program: the class is split across blocks, like the page shows it.
            code = "".join(c for c in shown_code() if run_experiment or "run_experiment()" not in c)
            exec(compile(code, str(PROGRAM), "exec"), namespace)
            plt.close("all")
        finally:
            os.chdir(here)
    return namespace


def draw(plot_results, results: dict, language: str, scheme_name: str) -> str:
    """The program's own plot, in one language and colour scheme, as SVG text."""
    colours = scheme(scheme_name)
    named = {
        "k": results["k"],
        "accuracy": {LABELS[n][language]: a for n, a in results["accuracy"].items()},
    }
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
        buffer = io.StringIO()
        fig.savefig(buffer, format="svg", transparent=True, metadata={"Date": None})
        plt.close(fig)
    return buffer.getvalue().replace(f"'{MATPLOTLIB_FONT}'", FONT_FAMILY)


def write_figures(plot_results, results: dict, docs: Path = DOCS) -> list[Path]:
    written = []
    for language in LANGUAGES:
        for scheme_name in ("light", "dark"):
            path = docs / language / "figures" / f"{NAME}-{scheme_name}.svg"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(draw(plot_results, results, language, scheme_name), encoding="utf-8")
            written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m experiments.memory", description=__doc__)
    parser.add_argument("--figures-only", action="store_true", help="redraw from the stored JSON")
    figures_only = parser.parse_args().figures_only
    start = time.perf_counter()
    namespace = program_namespace(run_experiment=not figures_only)
    results = namespace["results"]
    if not figures_only:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", "utf-8")
        print(f"{RESULTS.relative_to(ROOT)} written ({time.perf_counter() - start:.0f} s)")
    with contextlib.redirect_stdout(io.StringIO()):
        written = write_figures(namespace["plot_results"], results)
    print(f"{len(written)} figures written: docs/{{ko,en}}/figures/{NAME}-{{light,dark}}.svg")


if __name__ == "__main__":
    main()
