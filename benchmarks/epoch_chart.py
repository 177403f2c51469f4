"""Where an epoch's time goes: the chart of the page "Making the NumPy RNN fast".

One bar per implementation of the NumPy chapter's model, from the ``epochs`` runs of
``results.json`` (medians over the repeats of the newest code): the median epoch, and for our
NumPy classes (the chapter's, with its window of 10 and of 100, and each step's) its split into
the forward pass (``forpass``, validation included), the backward pass (``backprop``) and the
rest (batching, updates, losses); the book's code and Keras are drawn whole. Drawn like the
benchmark chart: SVG with text kept as text, ``docs/LANG/figures/epoch-time-{light,dark}.svg``.
"""

import json
import statistics
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

from benchmarks import RESULTS  # noqa: E402
from diagrams.style import matplotlib_colours, scheme, svg_text  # noqa: E402
from notebooks.chart import RC  # noqa: E402
from project import LANGUAGES, ROOT  # noqa: E402

NAME = "epoch-time"
DOCS = ROOT / "docs"
BARS = {  # model: label per language, top bar first
    "numpy-rnn": {"ko": "이 장의 클래스\n(원-핫)", "en": "the chapter's class\n(one-hot)"},
    "lookup": {"ko": "1단계: 단어 ID\n(LookupNetwork)", "en": "step 1: word ids\n(LookupNetwork)"},
    "numpy-fast": {"ko": "2단계: 루프 밖으로\n(FastRecurrentNetwork)",
                   "en": "step 2: out of the loop\n(FastRecurrentNetwork)"},
    "lean": {"ko": "3단계: 호출마다 붙는 일\n(LeanRecurrentNetwork)",
             "en": "step 3: around the calls\n(LeanRecurrentNetwork)"},
    "book": {"ko": "책의 NumPy 코드", "en": "the book's NumPy code"},
    "keras-simplernn": {"ko": "Keras SimpleRNN", "en": "Keras SimpleRNN"},
    # The chapter's class walking back as far as Keras does, for the comparison with Keras.
    "numpy-rnn-window100": {"ko": "이 장의 클래스,\n절단 구간 100",
                            "en": "the chapter's class,\nwindow of 100"},
}
PARTS = {  # share field: (legend per language, colour role)
    "forpass_share": ({"ko": "정방향 계산 (forpass)", "en": "forward pass (forpass)"}, "hidden"),
    "backprop_share": ({"ko": "역전파 (backprop)", "en": "backpropagation (backprop)"},
                       "gradient"),
    None: ({"ko": "나머지 (배치, 업데이트, 손실)", "en": "the rest (batches, updates, losses)"},
           "op"),
}
WHOLE = ({"ko": "에포크 전체 (나누어 재지 않음)", "en": "the whole epoch (not split)"}, "weight")
AXIS = {"ko": "에포크 1회의 시간 (초, 반복의 중앙값)",
        "en": "time of one epoch (s, median of the repeats)"}


def medians(runs: list[dict], model: str) -> dict[str, float]:
    """Median of each field over the ``epochs`` runs of ``model`` with its newest code."""
    found = [r for r in runs if r["kind"] == "epochs" and model in r["models"]]
    if not found:
        return {}
    code = max(found, key=lambda r: r["finished"])["code_hash"]
    chosen = [r["models"][model] for r in found if r["code_hash"] == code]
    fields = {key for m in chosen for key, v in m.items() if isinstance(v, float | int)}
    return {key: statistics.median(m[key] for m in chosen if m.get(key) is not None)
            for key in fields}


def draw(runs: list[dict], language: str, scheme_name: str) -> str:
    colours = scheme(scheme_name)
    rc = {**RC, "svg.hashsalt": "rnn-docs-epoch-time", **matplotlib_colours(colours),
          "grid.color": colours.faint}
    with plt.rc_context(rc):
        fig, ax = plt.subplots(figsize=(7.2, 5.2), layout="constrained")
        for y, model in enumerate(reversed(BARS)):
            found = medians(runs, model)
            if "median_epoch_seconds" not in found:
                continue
            epoch, left = found["median_epoch_seconds"], 0.0
            if "forpass_share" not in found:
                label, role = WHOLE
                ax.barh(y, epoch, color=colours.colour(role), height=0.6,
                        label=label[language] if model == "book" else None)
                continue
            shares = [found["forpass_share"], found["backprop_share"]]
            for (label, role), share in zip(PARTS.values(), [*shares, 1 - sum(shares)],
                                            strict=True):
                ax.barh(y, epoch * share, left=left, height=0.6, color=colours.colour(role),
                        label=label[language] if model == "numpy-rnn" else None)
                left += epoch * share
        ax.set_yticks(range(len(BARS)), [BARS[m][language] for m in reversed(BARS)])
        ax.set_xlabel(AXIS[language])
        ax.grid(True, axis="x", linewidth=0.6)
        ax.set_axisbelow(True)
        fig.legend(frameon=False, loc="outside lower center", ncols=2)
        return svg_text(fig)


def charts(results: Path = RESULTS) -> dict[Path, str]:
    """``path -> SVG text`` of every language and scheme, from the stored runs."""
    runs = json.loads(results.read_text(encoding="utf-8"))["runs"]
    return {
        DOCS / language / "figures" / f"{NAME}-{name}.svg": draw(runs, language, name)
        for language in LANGUAGES
        for name in ("light", "dark")
    }


def write_charts(results: Path = RESULTS) -> list[Path]:
    drawn = charts(results)
    for path, svg in drawn.items():
        path.write_text(svg, encoding="utf-8")
    return list(drawn)
