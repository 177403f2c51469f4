"""`make pitfalls`: the full experiments of "Pitfalls, measured", stored for the pages to cite.

The page's program (``snippets/pitfalls.md``) defines the experiments and runs them on a slice
(``run-slice``). This script executes its definitions (``DEFINITIONS``, not the slice's run) and
calls them with their defaults, the full experiment: every setting over ``SEEDS``, then the
baselines. It writes ``snippets/results/pitfalls.json`` after every training, so a stopped run
resumes where it stopped; a run stored with other code (``code_hash``) is redone. ``cited``
holds the numbers the pages show (``{{ results.pitfalls.KEY }}``, ``hooks/results.py``), formatted
here once (again on every call, so with every run stored ``make pitfalls`` just recites them);
``tests/test_pitfalls_results.py`` holds them to the runs and the runs to the code. It then draws
the page's figure (``experiments/pitfalls_figure.py``).
"""

import argparse
import hashlib
import json
import re
import statistics
import time

from experiments.pitfalls_figure import write_figures
from snippet_programs import ROOT, SNIPPETS, code_blocks
from stand_ins import hand_over_local_imdb

PROGRAM = SNIPPETS / "pitfalls.md"
RESULTS = SNIPPETS / "results" / "pitfalls.json"
# The program's sections that define the experiments, in page order; run-slice and baseline-run
# are the page's own calls.
DEFINITIONS = ("data", "padding", "model", "train", "selection", "baseline")
SEEDS = (42, 43, 44)


def section_code(name: str, program: str | None = None) -> str:
    """The code of section ``name`` of the program (text of ``PROGRAM`` unless given)."""
    program = PROGRAM.read_text(encoding="utf-8") if program is None else program
    start, end = (f"<!-- --8<-- [{mark}:{name}] -->" for mark in ("start", "end"))
    section = re.search(re.escape(start) + "(.*?)" + re.escape(end), program, re.S).group(1)
    return "".join(block.code for block in code_blocks(section, joined=False))


def code_hash(program: str | None = None) -> str:
    """What the stored numbers depend on: the definitions and the seeds."""
    code = "".join(section_code(name, program) for name in DEFINITIONS) + repr(SEEDS)
    return hashlib.sha256(code.encode()).hexdigest()[:16]


def setting_key(layer: str, padding: str, mask_zero: bool) -> str:
    return f"{layer.lower()}_{padding}_{'mask' if mask_zero else 'nomask'}"


def accuracy(value: float) -> str:
    return f"{value:.3f}"


def spread(prefix: str, values: list[float]) -> dict[str, str]:
    return {
        f"{prefix}_median": accuracy(statistics.median(values)),
        f"{prefix}_min": accuracy(min(values)),
        f"{prefix}_max": accuracy(max(values)),
    }


def selection_gaps(runs: list[dict], selection) -> dict[str, list[float]]:
    """How much better the test set looks when it chose: per training (its epochs), and per
    layer and seed (every setting's epochs); and how far the chosen validation accuracy is from
    that epoch's test accuracy."""
    gaps = {"epoch": [], "model": [], "val_over_test": []}
    for run in runs:
        by_test, by_val = selection(run)
        gaps["epoch"].append(by_test - by_val)
        best = max(range(len(run["val"])), key=run["val"].__getitem__)
        gaps["val_over_test"].append(run["val"][best] - run["test"][best])
    for layer, seed in sorted({(r["layer"], r["seed"]) for r in runs}):
        merged = {"val": [], "test": []}
        for run in runs:
            if (run["layer"], run["seed"]) == (layer, seed):
                merged["val"] += run["val"]
                merged["test"] += run["test"]
        by_test, by_val = selection(merged)
        gaps["model"].append(by_test - by_val)
    return gaps


def cited(stored: dict, selection) -> dict[str, str]:
    """Every number the pages show, formatted, from the stored runs."""
    runs = stored["runs"]
    found = {"seeds": str(len({r["seed"] for r in runs}))}
    for key in sorted({setting_key(r["layer"], r["padding"], r["mask_zero"]) for r in runs}):
        chosen = [r for r in runs if setting_key(r["layer"], r["padding"], r["mask_zero"]) == key]
        found |= spread(f"{key}.val", [r["val"][-1] for r in chosen])
        found |= spread(f"{key}.short", [r["short"] for r in chosen])
        found |= spread(f"{key}.long", [r["long"] for r in chosen])
    if runs:
        cpu = [r["cpu_seconds"] for r in runs]
        found["padding.cpu_per_training"] = f"{statistics.median(cpu):.0f}"
        found["padding.cpu_minutes"] = f"{sum(cpu) / 60:.0f}"
        found["padding.trainings"] = str(len(runs))
        for name, gaps in selection_gaps(runs, selection).items():
            found[f"selection.{name}_median"] = accuracy(statistics.median(gaps))
            found[f"selection.{name}_max"] = accuracy(max(gaps))
    for entry in stored["baseline"]:
        key = f"baseline.{entry['num_words']}_{entry['maxlen']}"
        found[f"{key}.accuracy"] = f"{entry['accuracy']:.4f}"
        found[f"{key}.cpu"] = f"{entry['cpu_seconds']:.0f}"
    return found


def definitions() -> dict:
    """The program's namespace after its definitions (data loaded, nothing trained)."""
    hand_over_local_imdb()  # offline, as the tests have it
    namespace = {"__name__": "__pitfalls__", "runs": []}
    for name in DEFINITIONS:
        exec(compile(section_code(name), f"{PROGRAM}:{name}", "exec"), namespace)
    return namespace


def load(current: str) -> dict:
    stored = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {}
    if stored.get("code_hash") != current:
        stored = {"code_hash": current, "seeds": list(SEEDS), "runs": [], "baseline": []}
    return stored


def save(stored: dict, selection) -> None:
    stored["cited"] = cited(stored, selection)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(stored, indent=1) + "\n", encoding="utf-8")


def main() -> None:
    argparse.ArgumentParser(prog="python -m experiments.pitfalls", description=__doc__).parse_args()
    stored = load(code_hash())
    namespace = definitions()
    if not stored["baseline"]:
        for num_words, maxlen in namespace["BASELINES"]:
            score, seconds = namespace["baseline"](num_words, maxlen)
            entry = {"num_words": num_words, "maxlen": maxlen, "accuracy": score}
            stored["baseline"].append(entry | {"cpu_seconds": seconds})
            print(f"baseline {num_words}/{maxlen}: {score:.4f} ({seconds:.0f} s CPU)", flush=True)
        save(stored, namespace["selection"])
    plan = [(seed, *setting) for seed in SEEDS for setting in namespace["SETTINGS"]]
    done = {(r["seed"], r["layer"], r["padding"], r["mask_zero"]) for r in stored["runs"]}
    for index, (seed, layer, padding, mask_zero) in enumerate(plan, 1):
        if (seed, layer, padding, mask_zero) in done:
            continue
        start = time.perf_counter()
        run = namespace["train_model"](layer, padding, mask_zero, seed)
        run |= {"layer": layer, "padding": padding, "mask_zero": mask_zero, "seed": seed}
        stored["runs"].append(run)
        save(stored, namespace["selection"])
        print(
            f"[{index}/{len(plan)}] {layer} {padding} mask_zero={mask_zero} seed {seed}: "
            f"validation {run['val'][-1]:.3f} ({run['cpu_seconds']:.0f} s CPU, "
            f"{time.perf_counter() - start:.0f} s)",
            flush=True,
        )
    save(stored, namespace["selection"])  # cited again, also when every run was stored
    write_figures(stored["runs"])
    print(f"{RESULTS.relative_to(ROOT)} holds {len(stored['runs'])} of {len(plan)} trainings")


if __name__ == "__main__":
    main()
