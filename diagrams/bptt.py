"""`bptt`: gradients flowing back from the loss through the last 10 steps only (truncated BPTT).

The site's NumPy `backprop` loops over `seq[::-1][:10]`: steps T−9 … T add to the weight gradients,
earlier steps get none.
"""

from diagrams.labels import labels
from diagrams.legend import draw_legend, legend_height
from diagrams.style import SMALL_SIZE, Scheme
from diagrams.svg import Drawing

WIDTH = 720
WINDOW = 10
# The drawn steps; None is the ellipsis. The window is the last WINDOW of them.
STEPS = ["1", "2", None, "T−11", "T−10", *[f"T−{k}" for k in range(WINDOW - 1, 0, -1)], "T"]
SLOT = 46
CELL = 30
ROW = 168  # centre of the cells
LANE = ROW + CELL / 2 + 16  # the bottom of the gradient hops


def _x(slot: int) -> float:
    return 15 + SLOT * (slot + 0.5)


def draw(lang: str, scheme: Scheme) -> Drawing:
    words = labels(lang)
    roles = ["hidden", "op", "gradient"]
    height = 300 + legend_height(WIDTH, roles, lang)
    d = Drawing(WIDTH, height, scheme)
    first_in_window = len(STEPS) - WINDOW
    last = len(STEPS) - 1

    # The window behind the steps it covers.
    left = _x(first_in_window) - SLOT / 2 + 2
    d.rect(
        left, ROW - 48, _x(last) + SLOT / 2 - left, 128, "gradient", scheme.fill("gradient"), rx=10
    )
    d.text((left + _x(last)) / 2 - 20, ROW - 34, words["bptt.window"], "gradient", bold=True)

    # Forward pass: every step, left to right.
    for slot, name in enumerate(STEPS):
        x = _x(slot)
        if name is None:
            d.text(x, ROW, "⋯", "muted")
        else:
            in_window = slot >= first_in_window
            if in_window:
                d.box(x, ROW, CELL, CELL, "op", [])
            else:
                d.rect(x - CELL / 2, ROW - CELL / 2, CELL, CELL, "faint", "none")
            d.text(x, ROW + CELL / 2 + 42, name, "ink" if in_window else "muted", SMALL_SIZE)
        if slot < last:
            d.arrow(
                [(x + CELL / 2 - (6 if name is None else 0), ROW), (_x(slot + 1) - CELL / 2, ROW)],
                "hidden",
                1.5,
            )

    # The loss at the last step, and the gradient back from it.
    loss_x, loss_y = WIDTH - 52, 44
    d.box(loss_x, loss_y, 88, 34, "op", [words["bptt.loss"]])
    d.arrow([(_x(last) + 7, ROW - CELL / 2), (_x(last) + 7, loss_y + 17)], "hidden", 1.5)
    d.arrow(
        [(_x(last) - 7, loss_y + 17), (_x(last) - 7, ROW - CELL / 2)], "gradient", 2, dashed=True
    )

    # Backpropagation through time: one hop per step, right to left, inside the window only.
    for slot in range(last, first_in_window, -1):
        x0, x1 = _x(slot) - 6, _x(slot - 1) + 6
        d.arrow(
            [(x0, ROW + CELL / 2), (x0, LANE), (x1, LANE), (x1, ROW + CELL / 2)],
            "gradient",
            2,
            dashed=True,
            radius=6,
        )
    d.text(_x(2), ROW + CELL / 2 + 20, words["bptt.no_gradient"], "muted", SMALL_SIZE)

    # What the arrows mean, top left.
    d.text(20, 30, f"{words['bptt.forward']} →", "hidden", SMALL_SIZE, anchor="start")
    d.text(20, 54, f"← {words['bptt.backward']}", "gradient", SMALL_SIZE, anchor="start")
    d.text(WIDTH / 2, ROW + CELL / 2 + 80, words["bptt.sum"], "ink", SMALL_SIZE)
    draw_legend(d, roles, lang, 296)
    return d
