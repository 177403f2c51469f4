"""The benchmark chart: one dot per run, ours against the book's code, beside the book's reruns.

For each model: our runs (one dot per seed), the book's notebook run on the same machine (one dot
per seed), and the range of the nine reruns committed to the book's repository (a bar), all as
final validation accuracy. Drawn like the results chart (``notebooks/chart.py``): SVG with text
kept as text, one file per language and colour scheme, ``docs/LANG/figures/benchmark-*.svg``.
Only runs of the newest code of each kind and model are drawn, as the pages cite them.
"""

import json
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

from benchmarks import RESULTS  # noqa: E402
from diagrams.style import matplotlib_colours, scheme, svg_text  # noqa: E402
from notebooks.chart import LABELS, RC  # noqa: E402
from project import BOOK_CHAPTERS, LANGUAGES, ROOT  # noqa: E402

NAME = "benchmark"
DOCS = ROOT / "docs"
RERUNS = ROOT / "snippets" / "results" / "book-reruns.json"
SERIES = {  # kind: (legend per language, colour role, marker, offset within the model's slot)
    "ours": ({"ko": "이 사이트의 코드", "en": "this site's code"}, "hidden", "o", -0.2),
    "book": ({"ko": "책의 코드, 같은 머신", "en": "the book's code, same machine"}, "weight",
             "s", 0.08),
}
RERUN_LABEL = {"ko": "책 저장소에 커밋된 실행 9회 (범위)", "en": "the book repository's nine runs"}
AXIS = {"ko": "검증 정확도 (마지막 에포크)", "en": "validation accuracy (last epoch)"}
# Two dots closer than a dot's size on both axes would look like one run: side by side instead.
DOT_HEIGHT = 0.008  # accuracy, about one dot's height at this figure's scale
DOT_WIDTH = 0.06  # fraction of a model's slot


def side_by_side(values: list[float]) -> list[float]:
    """A horizontal shift for each value, so that no two dots cover each other.

    Each dot, lowest first, takes the first free place of 0, +w, -w, +2w, ... (a beeswarm): runs
    with far-apart values stay on one vertical line, equal ones sit side by side.
    """
    places = [0.0] + [DOT_WIDTH * k * side for k in range(1, len(values)) for side in (1, -1)]
    placed: list[tuple[float, float]] = []
    shifts = [0.0] * len(values)
    for i in sorted(range(len(values)), key=values.__getitem__):
        shifts[i] = next(shift for shift in places if all(
            abs(shift - x) >= DOT_WIDTH or abs(values[i] - y) >= DOT_HEIGHT for x, y in placed))
        placed.append((shifts[i], values[i]))
    return shifts


def newest(runs: list[dict], kind: str, model: str) -> list[float]:
    """Final accuracies of ``kind``'s runs of ``model`` with the newest code stored for it."""
    found = [r for r in runs if r["kind"] == kind and model in r["models"]]
    if not found:
        return []
    code = max(found, key=lambda r: r["finished"])["code_hash"]
    return [r["models"][model]["final_val_accuracy"] for r in found if r["code_hash"] == code]


def draw(runs: list[dict], reruns: list[dict], language: str, scheme_name: str) -> str:
    colours = scheme(scheme_name)
    rc = {**RC, "svg.hashsalt": "rnn-docs-benchmark", **matplotlib_colours(colours),
          "grid.color": colours.faint}
    with plt.rc_context(rc):
        fig, ax = plt.subplots(figsize=(7.2, 4.8), layout="constrained")
        for x, model in enumerate(BOOK_CHAPTERS):
            for kind, (label, role, marker, offset) in SERIES.items():
                values = newest(runs, kind, model)
                ax.scatter([x + offset + s for s in side_by_side(values)], values, marker=marker,
                           s=30,
                           color=colours.colour(role), label=label[language] if x == 0 else None,
                           zorder=3)
            book = [run["val_accuracy"][model] for run in reruns]
            ax.vlines(x + 0.34, min(book), max(book), linewidth=4, color=colours.colour("muted"),
                      label=RERUN_LABEL[language] if x == 0 else None)
        names = [LABELS[m][language] for m in BOOK_CHAPTERS]
        ax.set_xticks(
            range(len(names)), [n.replace(", ", "\n").replace(" + ", "\n+ ") for n in names]
        )
        ax.set_xlim(-0.6, len(BOOK_CHAPTERS) - 0.4)
        ax.set_ylabel(AXIS[language])
        ax.grid(True, axis="y", linewidth=0.6)
        fig.legend(frameon=False, loc="outside lower center", ncols=3)
        return svg_text(fig)


def charts(results: Path = RESULTS) -> dict[Path, str]:
    """``path -> SVG text`` of every language and scheme, from the stored runs."""
    runs = json.loads(results.read_text(encoding="utf-8"))["runs"]
    reruns = json.loads(RERUNS.read_text(encoding="utf-8"))["runs"]
    return {
        DOCS / language / "figures" / f"{NAME}-{name}.svg": draw(runs, reruns, language, name)
        for language in LANGUAGES
        for name in ("light", "dark")
    }


def write_charts(results: Path = RESULTS) -> list[Path]:
    drawn = charts(results)
    for path, svg in drawn.items():
        path.write_text(svg, encoding="utf-8")
    return list(drawn)
