"""The padding figure of "Pitfalls, measured", drawn from the stored runs.

One row per model, one dot per seed: the validation accuracy on short (padded) reviews and on long
(cut) ones, in the page's language and the figures' role colours, light and dark. ``make
pitfalls`` draws it after every run; ``python -m experiments.pitfalls_figure`` redraws it from
``snippets/results/pitfalls.json`` alone.
"""

import json

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

from diagrams.style import MATPLOTLIB_FONT, matplotlib_colours, scheme, svg_text  # noqa: E402
from project import LANGUAGES  # noqa: E402
from snippet_programs import ROOT, SNIPPETS  # noqa: E402

RESULTS = SNIPPETS / "results" / "pitfalls.json"
NAME = "pitfalls-padding"
TEXTS = {
    "ko": {
        "short": "짧은 리뷰(패딩 있음)",
        "long": "긴 리뷰(패딩 없음)",
        "x": "검증 정확도",
        "pre": "앞",
        "post": "뒤",
        "mask": "마스킹",
    },
    "en": {
        "short": "short reviews (padded)",
        "long": "long reviews (no padding)",
        "x": "validation accuracy",
        "pre": "front",
        "post": "end",
        "mask": "masked",
    },
}
ROLES = {"short": "gradient", "long": "hidden"}


def rows(runs: list[dict]) -> list[tuple[str, str, bool]]:
    """The models in the order the pages' table lists them."""
    seen = []
    for run in runs:
        key = (run["layer"], run["padding"], run["mask_zero"])
        if key not in seen:
            seen.append(key)
    return seen


def label(key: tuple[str, str, bool], texts: dict) -> str:
    layer, padding, mask_zero = key
    return f"{layer}, {texts[padding]}" + (f", {texts['mask']}" if mask_zero else "")


def draw(runs: list[dict], language: str, scheme_name: str) -> str:
    colours, texts = scheme(scheme_name), TEXTS[language]
    models = rows(runs)
    rc = {
        "svg.fonttype": "none",
        "svg.hashsalt": f"rnn-docs-{NAME}",
        "font.family": [MATPLOTLIB_FONT],
        "font.size": 11,
        "axes.spines.top": False,
        "axes.spines.right": False,
        **matplotlib_colours(colours),
        "legend.frameon": False,
    }
    with plt.rc_context(rc):
        fig, ax = plt.subplots(figsize=(7.2, 4.2))
        for offset, group in ((-0.15, "short"), (0.15, "long")):
            points = [
                (run[group], len(models) - 1 - models.index(key) + offset)
                for run in runs
                for key in [(run["layer"], run["padding"], run["mask_zero"])]
            ]
            ax.scatter(
                *zip(*points, strict=True),
                s=28,
                color=colours.colour(ROLES[group]),
                marker="o" if group == "short" else "s",
                label=texts[group],
            )
        ax.axvline(0.5, linestyle=":", linewidth=1, color=colours.muted)  # guessing
        ax.set_yticks(range(len(models)), [label(k, texts) for k in reversed(models)])
        ax.set_xlabel(texts["x"])
        ax.set_xlim(0.45, 0.9)
        ax.legend(loc="lower left")
        fig.tight_layout()
        return svg_text(fig)


def write_figures(runs: list[dict]) -> list:
    written = []
    for language in LANGUAGES:
        for scheme_name in ("light", "dark"):
            path = ROOT / "docs" / language / "figures" / f"{NAME}-{scheme_name}.svg"
            path.write_text(draw(runs, language, scheme_name), encoding="utf-8")
            written.append(path)
    return written


if __name__ == "__main__":
    stored = json.loads(RESULTS.read_text(encoding="utf-8"))
    print(f"{len(write_figures(stored['runs']))} figures written: docs/{{ko,en}}/figures/{NAME}-*")
