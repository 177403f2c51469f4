"""`sequence`: a sentence as words over time steps, and a time series sampled at fixed intervals."""

import math

from diagrams.labels import labels
from diagrams.legend import draw_legend, legend_height
from diagrams.style import SMALL_SIZE, Scheme
from diagrams.svg import Drawing, text_width

WIDTH = 640
SAMPLES = 10


def signal(t: float) -> float:
    """A smooth made-up measurement (e.g. a daily temperature), between about 0 and 1."""
    return 0.5 + 0.3 * math.sin(0.75 * t) + 0.12 * math.cos(1.9 * t)


def draw(lang: str, scheme: Scheme) -> Drawing:
    words = labels(lang)
    roles = ["input"]
    height = 410 + legend_height(WIDTH, roles, lang)
    d = Drawing(WIDTH, height, scheme)

    # A sentence: one word per time step.
    d.text(20, 22, words["sequence.sentence_title"], anchor="start", bold=True)
    tokens = words["sequence.sentence"].split()
    slot = (WIDTH - 40) / len(tokens)
    centres = [20 + slot * (i + 0.5) for i in range(len(tokens))]
    widths = [max(60, text_width(token, 16) + 24) for token in tokens]
    for i, (cx, w, token) in enumerate(zip(centres, widths, tokens, strict=True)):
        d.box(cx, 68, w, 38, "input", [token])
        d.text(cx, 106, f"t = {i + 1}", "muted", SMALL_SIZE)
    # Each word leads to the next: the order is part of the data.
    for i in range(len(tokens) - 1):
        start = centres[i] + widths[i] / 2 + 4
        end = centres[i + 1] - widths[i + 1] / 2 - 4
        d.arrow([(start, 68), (end, 68)], "muted", 1.5)
    d.arrow([(20, 126), (WIDTH - 20, 126)], "muted", 1.5)
    d.text(WIDTH - 20, 142, words["sequence.time_step"], "muted", SMALL_SIZE, anchor="end")

    # A time series: the same kind of sequence, measured every fixed interval.
    d.text(20, 182, words["sequence.series_title"], anchor="start", bold=True)
    left, right, top, bottom = 50, WIDTH - 40, 210, 330
    step = (right - left) / SAMPLES

    def x_of(t: float) -> float:
        return left + step * (t - 0.5)

    def y_of(t: float) -> float:
        return bottom - 10 - signal(t) * (bottom - top - 20)

    curve = [(x_of(t / 10), y_of(t / 10)) for t in range(3, 10 * SAMPLES + 8)]
    d.polyline(curve, "faint", 2)
    d.arrow([(left - 10, bottom), (right + 10, bottom)], "muted", 1.5)
    for t in range(1, SAMPLES + 1):
        d.line([(x_of(t), bottom), (x_of(t), y_of(t))], "faint", 1.5, dashed=True)
        d.circle(x_of(t), y_of(t), 6, scheme.colour("input"), scheme.colour("input"))
        d.text(x_of(t), bottom + 16, str(t), "muted", SMALL_SIZE)
    d.text(
        right + 10,
        bottom + 34,
        f"{words['sequence.time_step']} t",
        "muted",
        SMALL_SIZE,
        anchor="end",
    )

    # The equal spacing is the point of a time series: mark one interval.
    y_mark = bottom + 44
    d.arrow([(x_of(4), y_mark), (x_of(3), y_mark)], "ink", 1.5)
    d.arrow([(x_of(3), y_mark), (x_of(4), y_mark)], "ink", 1.5)
    d.text((x_of(3) + x_of(4)) / 2, y_mark + 18, words["sequence.interval"], "ink", SMALL_SIZE)

    draw_legend(d, roles, lang, 405)
    return d
