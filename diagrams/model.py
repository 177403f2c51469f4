"""`model`: the site's whole model, top to bottom, with the shape of what flows between layers."""

from itertools import pairwise

from diagrams.labels import labels
from diagrams.legend import draw_legend, legend_height
from diagrams.style import SMALL_SIZE, Scheme
from diagrams.svg import Drawing

WIDTH = 560
CX, BOX_W, BOX_H = 150, 264, 44
NOTE_X = CX + BOX_W / 2 + 18
GAP = 34
LAYER_H = 92


def _notes(d: Drawing, cy: float, lines: list[str], colour: str = "muted") -> None:
    """The shape (first line) and what it means or holds (the rest, in `colour`), right of a box."""
    top = cy - (len(lines) - 1) * 10
    for i, line in enumerate(lines):
        d.text(NOTE_X, top + i * 20, line, "ink" if i == 0 else colour, SMALL_SIZE, anchor="start")


def _recurrent_layer(d: Drawing, top: float, title: str) -> float:
    """The layer as a box holding its unrolled steps; returns the x of h_100's way out."""
    cy = top + LAYER_H / 2
    d.box(CX, cy, BOX_W, LAYER_H, "op", [])
    d.text(CX, top + 18, title)
    chain_y = top + 60
    # (centre, name, half width): h_1 → h_2 → ⋯ → h_100, one per time step.
    steps = [
        (CX - 96, "h_1", 20),
        (CX - 40, "h_2", 20),
        (CX + 10, "⋯", 12),
        (CX + 78, "h_{100}", 28),
    ]
    for x, name, half in steps:
        if name == "⋯":
            d.text(x, chain_y, name)
        else:
            d.box(x, chain_y, half * 2, 26, "hidden", [name], sizes=[SMALL_SIZE])
    for (x0, _, half0), (x1, _, half1) in pairwise(steps):
        d.arrow([(x0 + half0, chain_y), (x1 - half1, chain_y)], "hidden", 1.5)
    return steps[-1][0]


def draw(lang: str, scheme: Scheme) -> Drawing:
    words = labels(lang)
    roles = ["input", "hidden", "weight", "op"]
    y = 12.0
    layer_top = y + BOX_H + GAP
    state_top = layer_top + LAYER_H + GAP
    dense_top = state_top + BOX_H + GAP
    sigmoid_top = dense_top + BOX_H + GAP
    out_top = sigmoid_top + BOX_H + GAP
    legend_top = out_top + BOX_H + 20
    d = Drawing(WIDTH, legend_top + legend_height(WIDTH, roles, lang) + 6, scheme)

    def centre(top: float) -> float:
        return top + BOX_H / 2

    d.box(CX, centre(y), BOX_W, BOX_H, "input", [words["model.input"]])
    _notes(d, centre(y), [words["model.input_shape"], words["model.input_note"]])
    d.arrow([(CX, y + BOX_H), (CX, layer_top)], "input", 1.5)

    out_x = _recurrent_layer(d, layer_top, words["model.layer"])
    _notes(d, layer_top + LAYER_H / 2, ["tanh", *words["model.layer_note"].split("; ")], "weight")
    d.arrow([(out_x, layer_top + 73), (out_x, state_top)], "hidden", 1.5)

    d.box(CX, centre(state_top), BOX_W, BOX_H, "hidden", [words["model.last_state"]])
    _notes(d, centre(state_top), [words["model.batch_32"]])
    d.arrow([(CX, state_top + BOX_H), (CX, dense_top)], "hidden", 1.5)

    d.box(CX, centre(dense_top), BOX_W, BOX_H, "op", ["Dense"])
    _notes(d, centre(dense_top), [words["model.batch_1"], words["model.dense_note"]], "weight")
    d.arrow([(CX, dense_top + BOX_H), (CX, sigmoid_top)], "ink", 1.5)

    d.box(CX, centre(sigmoid_top), BOX_W, BOX_H, "op", ["sigmoid"])
    _notes(d, centre(sigmoid_top), [words["model.batch_1"]])
    d.arrow([(CX, sigmoid_top + BOX_H), (CX, out_top)], "ink", 1.5)

    d.rect(CX - BOX_W / 2, out_top, BOX_W, BOX_H, "ink", "none", rx=8)
    d.text(CX, centre(out_top), words["model.probability"])
    _notes(d, centre(out_top), [words["model.range"]])

    draw_legend(d, roles, lang, legend_top)
    return d
