"""`lstm-cell`: one time step of an LSTM layer, colah-style: the cell state runs along the top,
the gates below it. The candidate is c̃_t, as in the page's equations.

Each gate has its own colour, used for its box, its line and its name, and the legend names them.
"""

from diagrams.labels import labels
from diagrams.legend import draw_legend, legend_height
from diagrams.style import SMALL_SIZE, Scheme
from diagrams.svg import Drawing

WIDTH = 680
STATE_Y = 74  # the cell-state line
MIX_Y = 150  # where the input gate meets the candidate, and where tanh(c_t) is taken
GATE_Y = 232  # the row of gate layers
BUS_Y = 300  # [h_(t−1), x_t], feeding every gate
FORGET_X, INPUT_X, CANDIDATE_X, OUTPUT_X = 190, 290, 390, 490
ADD_X = (INPUT_X + CANDIDATE_X) / 2
OUT_X = 574
GATE_W, GATE_H = 50, 30
OP_R = 13


def draw(lang: str, scheme: Scheme) -> Drawing:
    words = labels(lang)
    roles = ["cell_state", "hidden", "input", "forget_gate", "input_gate", "output_gate", "op"]
    height = 400 + legend_height(WIDTH, roles, lang)
    d = Drawing(WIDTH, height, scheme)
    d.rect(44, 40, OUT_X + 56 - 44, 300, "faint", "none", rx=14)
    gate_bottom = GATE_Y + GATE_H / 2
    gate_top = GATE_Y - GATE_H / 2

    # Inputs: h_(t−1) from the left and x_t from below join one bus that feeds every gate.
    merge_x = 120
    d.line([(14, BUS_Y), (merge_x, BUS_Y)], "hidden", 2)
    d.text(14, BUS_Y - 14, "h_{t−1}", "hidden", anchor="start")
    d.line([(merge_x, BUS_Y + 84), (merge_x, BUS_Y)], "input", 2)
    d.text(merge_x + 8, BUS_Y + 72, "x_t", "input", anchor="start")
    d.line([(merge_x, BUS_Y), (OUTPUT_X, BUS_Y)], "ink", 2)
    for x in (FORGET_X, INPUT_X, CANDIDATE_X, OUTPUT_X):
        d.arrow([(x, BUS_Y), (x, gate_bottom)], "ink", 1.5)

    # The cell state: only multiplied (forget) and added to (input), never squashed on its way.
    d.arrow([(14, STATE_Y), (WIDTH - 14, STATE_Y)], "cell_state", 3)
    d.text(14, STATE_Y - 18, "c_{t−1}", "cell_state", anchor="start")
    d.text(WIDTH - 14, STATE_Y - 18, "c_t", "cell_state", anchor="end")

    # Forget gate: σ in (0, 1) scales each entry of c_(t−1).
    d.box(FORGET_X, GATE_Y, GATE_W, GATE_H, "forget_gate", ["σ"])
    d.arrow([(FORGET_X, gate_top), (FORGET_X, STATE_Y + OP_R)], "forget_gate", 2)
    d.text(FORGET_X + 8, MIX_Y, "f_t", "forget_gate", anchor="start")
    d.op(FORGET_X, STATE_Y, "×")

    # Input gate: how much of the candidate c̃_t (c with a combining tilde) to add.
    d.box(INPUT_X, GATE_Y, GATE_W, GATE_H, "input_gate", ["σ"])
    d.box(CANDIDATE_X, GATE_Y, GATE_W, GATE_H, "op", ["tanh"])
    d.arrow(
        [(INPUT_X, gate_top), (INPUT_X, MIX_Y), (ADD_X - OP_R, MIX_Y)], "input_gate", 2, radius=8
    )
    d.arrow(
        [(CANDIDATE_X, gate_top), (CANDIDATE_X, MIX_Y), (ADD_X + OP_R, MIX_Y)], "ink", 2, radius=8
    )
    d.text(INPUT_X - 8, GATE_Y - 40, "i_t", "input_gate", anchor="end")
    d.text(CANDIDATE_X + 8, GATE_Y - 40, "c\u0303_t", "ink", anchor="start")
    d.op(ADD_X, MIX_Y, "×")
    d.arrow([(ADD_X, MIX_Y - OP_R), (ADD_X, STATE_Y + OP_R)], "input_gate", 2)
    d.op(ADD_X, STATE_Y, "+")

    # Output gate: how much of tanh(c_t) becomes the hidden state h_t.
    d.box(OUTPUT_X, GATE_Y, GATE_W, GATE_H, "output_gate", ["σ"])
    d.arrow([(OUT_X, STATE_Y), (OUT_X, MIX_Y - 13)], "cell_state", 2)
    d.box(OUT_X, MIX_Y, GATE_W, 26, "op", ["tanh"])
    d.arrow([(OUT_X, MIX_Y + 13), (OUT_X, GATE_Y - OP_R)], "ink", 2)
    d.arrow([(OUTPUT_X + GATE_W / 2, GATE_Y), (OUT_X - OP_R, GATE_Y)], "output_gate", 2)
    d.text((OUTPUT_X + OUT_X) / 2, GATE_Y - 14, "o_t", "output_gate")
    d.op(OUT_X, GATE_Y, "×")
    d.arrow([(OUT_X, GATE_Y + OP_R), (OUT_X, BUS_Y), (WIDTH - 14, BUS_Y)], "hidden", 2, radius=10)
    d.text(WIDTH - 14, BUS_Y - 14, "h_t", "hidden", anchor="end")

    # Names under the bus, in each gate's colour.
    names = [
        (FORGET_X, "role.forget_gate", "forget_gate"),
        (INPUT_X, "role.input_gate", "input_gate"),
        (CANDIDATE_X, "lstm.candidate", "ink"),
        (OUTPUT_X, "role.output_gate", "output_gate"),
    ]
    for x, key, colour in names:
        d.text(x, BUS_Y + 22, words[key], colour, SMALL_SIZE)

    draw_legend(d, roles, lang, 394)
    return d
