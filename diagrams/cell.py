"""`cell`: one time step of a recurrent layer, with the array shapes of a batch of 32, 100
features and 8 cells: every size distinct, so no label stands for two things (the site's model
has 32 cells, as many as the batch)."""

from diagrams.labels import labels
from diagrams.legend import draw_legend, legend_height
from diagrams.style import SMALL_SIZE, Scheme
from diagrams.svg import Drawing

WIDTH = 640
BOX_W, BOX_H = 124, 66
ROWS = (84, 176, 268)  # x_t·W_x, h_(t−1)·W_h, b
LEFT, DOT, RIGHT = 68, 144, 220  # centres: left operand, product, right operand
PLUS, TANH, OUT = (364, 176), (444, 176), 568
BATCH, FEATURES, CELLS = 32, 100, 8


def _array(d: Drawing, cx: float, cy: float, role: str, name: str, shape: str, dims: str) -> None:
    d.box(cx, cy, BOX_W, BOX_H, role, [name, shape, dims], ["ink", "ink", "muted"], [16, 14, 14])


def draw(lang: str, scheme: Scheme) -> Drawing:
    words = labels(lang)
    roles = ["input", "hidden", "weight", "op"]
    height = 330 + legend_height(WIDTH, roles, lang)
    d = Drawing(WIDTH, height, scheme)
    d.text(WIDTH / 2, 20, "h_t = tanh(x_t · W_x + h_{t−1} · W_h + b)", bold=True)

    x_row, h_row, b_row = ROWS
    batch_cells = f"({BATCH} × {CELLS})"
    _array(d, LEFT, x_row, "input", "x_t", f"({BATCH} × {FEATURES})", words["cell.batch_features"])
    features_cells = f"({FEATURES} × {CELLS})"
    _array(d, RIGHT, x_row, "weight", "W_x", features_cells, words["cell.features_cells"])
    _array(d, LEFT, h_row, "hidden", "h_{t−1}", batch_cells, words["cell.batch_cells"])
    _array(d, RIGHT, h_row, "weight", "W_h", f"({CELLS} × {CELLS})", words["cell.cells_cells"])
    _array(d, RIGHT, b_row, "weight", "b", f"({CELLS})", words["cell.cells"])
    for row in (x_row, h_row):
        d.op(DOT, row, "·")

    # Both products are (batch × cells), so they add; b is added to every row of the batch.
    px, py = PLUS
    edge = RIGHT + BOX_W / 2
    for row in (x_row, b_row):
        toward = py - 13 if row < py else py + 13
        d.arrow([(edge, row), (px, row), (px, toward)], "ink", 1.5, radius=10)
    d.arrow([(edge, h_row), (px - 13, h_row)], "ink", 1.5)
    d.text((edge + px) / 2 - 4, x_row - 14, batch_cells, "muted", SMALL_SIZE)
    d.text((edge + px) / 2 - 4, h_row - 14, batch_cells, "muted", SMALL_SIZE)
    d.op(px, py, "+")

    tx, ty = TANH
    d.arrow([(px + 13, py), (tx - 30, ty)], "ink", 1.5)
    d.box(tx, ty, 60, 40, "op", ["tanh"])
    d.arrow([(tx + 30, ty), (OUT - BOX_W / 2, ty)], "hidden", 1.5)
    _array(d, OUT, h_row, "hidden", "h_t", batch_cells, words["cell.batch_cells"])

    # h_t comes back as the next step's h_(t−1): the loop of the recurrent layer.
    d.arrow([(OUT, h_row + BOX_H / 2), (OUT, b_row - 8)], "hidden", 1.5, dashed=True)
    d.text(OUT, b_row + 8, words["cell.next_step"], "hidden", SMALL_SIZE)
    draw_legend(d, roles, lang, 318)
    return d
