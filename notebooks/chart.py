"""The results chart: validation accuracy per epoch of the book's chapters, from their notebooks.

Drawn with matplotlib as SVG with text kept as text, one file per language and colour scheme:
``docs/LANG/figures/results-curves-{light,dark}.svg``. Colours are the figures' role colours
(``diagrams/style.py``), readable on white and on #1e2129; the background is transparent.

Every chapter prints its validation accuracy after each epoch: the Keras chapters in their
``verbose=2`` lines, the NumPy chapter in its own report line.
"""

from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

from diagrams.style import MATPLOTLIB_FONT, matplotlib_colours, scheme, svg_text  # noqa: E402
from notebooks import DOCS, LANGUAGES, notebook_path  # noqa: E402
from notebooks.outputs import (  # noqa: E402
    output_text,
    read_notebook,
    results,
    val_accuracy_curve,
)
from project import BOOK_CHAPTERS  # noqa: E402

NAME = "results-curves"
LABELS = {
    "numpy-rnn": {"ko": "NumPy 순환 신경망, 원-핫 인코딩", "en": "NumPy RNN, one-hot"},
    "keras-simplernn": {"ko": "SimpleRNN, 원-핫 인코딩", "en": "SimpleRNN, one-hot"},
    "embedding": {"ko": "단어 임베딩 + SimpleRNN", "en": "Embedding + SimpleRNN"},
    "lstm": {"ko": "단어 임베딩 + LSTM", "en": "Embedding + LSTM"},
}
AXES = {"ko": ("에포크", "검증 정확도"), "en": ("epoch", "validation accuracy")}
STYLE = {  # slug: (colour role, line style, marker)
    "numpy-rnn": ("input", ":", "D"),
    "keras-simplernn": ("hidden", "-", "o"),
    "embedding": ("weight", "--", "s"),
    "lstm": ("cell_state", "-.", "^"),
}
RC = {
    "svg.fonttype": "none",
    "svg.hashsalt": "rnn-docs-results",
    "font.family": [MATPLOTLIB_FONT],
    "font.size": 11,
    "axes.spines.top": False,
    "axes.spines.right": False,
}


def curves(docs: Path = DOCS) -> dict[str, dict]:
    """Per chapter: ``points`` [(epoch, val_accuracy)] and ``final``, from the stored notebooks."""
    data = {}
    for slug in BOOK_CHAPTERS:
        text = output_text(read_notebook(notebook_path(slug, LANGUAGES[0], docs)))
        points = list(enumerate(val_accuracy_curve(text), start=1))
        data[slug] = {"points": points, "final": results(text)["val_accuracy"]}
    return data


def draw(data: dict, language: str, scheme_name: str) -> str:
    """The chart as SVG text."""
    colours = scheme(scheme_name)
    rc = {
        **RC,
        **matplotlib_colours(colours),
        "grid.color": colours.faint,
    }
    with plt.rc_context(rc):
        fig, ax = plt.subplots(figsize=(7.2, 4.8), layout="constrained")
        for slug in BOOK_CHAPTERS:
            role, line, marker = STYLE[slug]
            epochs, accuracy = zip(*data[slug]["points"], strict=True)
            ax.plot(
                epochs,
                accuracy,
                linestyle=line,
                marker=marker,
                markersize=5 if line != "none" else 7,
                color=colours.colour(role),
                label=LABELS[slug][language],
            )
        xlabel, ylabel = AXES[language]
        ax.set(xlabel=xlabel, ylabel=ylabel)
        last = max(e for d in data.values() for e, _ in d["points"])
        ax.set_xticks(range(1, last + 1, 1 if last <= 10 else 2))
        ax.grid(True, linewidth=0.6)
        fig.legend(frameon=False, loc="outside lower center", ncols=2)
        return svg_text(fig)


def write_charts(docs: Path = DOCS) -> list[Path]:
    data = curves(docs)
    written = []
    for language in LANGUAGES:
        for scheme_name in ("light", "dark"):
            path = docs / language / "figures" / f"{NAME}-{scheme_name}.svg"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(draw(data, language, scheme_name), encoding="utf-8")
            written.append(path)
    return written
