"""`unrolled`: the recurrent layer folded (with its loop) and unrolled over time steps."""

from itertools import pairwise

from diagrams.labels import labels
from diagrams.legend import draw_legend, legend_height
from diagrams.style import SMALL_SIZE, Scheme
from diagrams.svg import Drawing

WIDTH = 600
ROW_H, ROW_CELL, ROW_X = 74, 178, 282  # y of the outputs, the cells and the inputs
CELL_W, CELL_H = 58, 46
STATE_W, STATE_H = 48, 32


def _step(d: Drawing, cx: float, t: str) -> None:
    """One time step: x_t up into the cell (through W_x), h_t up out of it."""
    d.box(cx, ROW_X, STATE_W, STATE_H, "input", [f"x_{t}"])
    d.arrow([(cx, ROW_X - STATE_H / 2), (cx, ROW_CELL + CELL_H / 2)], "input")
    d.text(cx - 8, (ROW_X + ROW_CELL) / 2 + 2, "W_x", "weight", SMALL_SIZE, anchor="end")
    d.box(cx, ROW_CELL, CELL_W, CELL_H, "op", ["tanh"])
    d.arrow([(cx, ROW_CELL - CELL_H / 2), (cx, ROW_H + STATE_H / 2)], "hidden")
    d.box(cx, ROW_H, STATE_W, STATE_H, "hidden", [f"h_{t}"])


def _carry(d: Drawing, x0: float, x1: float) -> None:
    """h carried right into the next step, through W_h."""
    d.arrow([(x0, ROW_CELL), (x1, ROW_CELL)], "hidden")
    d.text((x0 + x1) / 2, ROW_CELL - 14, "W_h", "weight", SMALL_SIZE)


def draw(lang: str, scheme: Scheme) -> Drawing:
    words = labels(lang)
    roles = ["input", "hidden", "weight", "op"]
    height = 346 + legend_height(WIDTH, roles, lang)
    d = Drawing(WIDTH, height, scheme)

    # Folded: one layer whose output loops back into itself.
    fx = 62
    _step(d, fx, "t")
    right = fx + CELL_W / 2
    top = ROW_CELL - CELL_H / 2
    loop_x = right + 26
    d.arrow(
        [
            (fx + 16, top),
            (fx + 16, top - 22),
            (loop_x, top - 22),
            (loop_x, ROW_CELL + 12),
            (right, ROW_CELL + 12),
        ],
        "hidden",
        radius=8,
    )
    d.text(loop_x + 6, ROW_CELL - 2, "h_{t−1}", "hidden", SMALL_SIZE, anchor="start")
    d.text(loop_x + 6, ROW_CELL + 18, "W_h", "weight", SMALL_SIZE, anchor="start")
    d.text(fx, 16, words["unrolled.layer"], bold=True)

    # Unrolled: the same cell drawn once per time step.
    arrow_x0, arrow_x1 = 168, 214
    d.arrow([(arrow_x0, ROW_CELL), (arrow_x1, ROW_CELL)], "ink", 2.5)
    d.text((arrow_x0 + arrow_x1) / 2, ROW_CELL - 16, words["unrolled.unrolling"], "ink", SMALL_SIZE)
    d.text(234, ROW_CELL, "h_0", "hidden")
    centres = [312, 410, 508]
    d.text(centres[1], 16, words["unrolled.unrolled"], bold=True)
    _carry(d, 248, centres[0] - CELL_W / 2)
    for i, cx in enumerate(centres):
        _step(d, cx, str(i + 1))
    for left, right_cx in pairwise(centres):
        _carry(d, left + CELL_W / 2, right_cx - CELL_W / 2)
    _carry(d, centres[-1] + CELL_W / 2, WIDTH - 30)
    d.text(WIDTH - 16, ROW_CELL, "⋯", "ink")

    d.text(WIDTH / 2, ROW_X + 40, words["unrolled.sharing"], "ink", SMALL_SIZE)
    draw_legend(d, roles, lang, 340)
    return d
