"""`onehot-embedding`: a sparse one-hot vector next to a dense learned embedding, and the lookup.

Both vectors are drawn with the same cell width, so their lengths compare: 100 against 32.
"""

import numpy as np

from diagrams.labels import labels
from diagrams.legend import draw_legend, legend_height
from diagrams.style import SMALL_SIZE, Scheme, mix
from diagrams.svg import Drawing

WIDTH = 640
CELL_W, CELL_H = 5.6, 22
WORD_INDEX = 7
ONEHOT_SIZE, EMBEDDING_SIZE = 100, 32


def embedding_row() -> list[float]:
    """Made-up learned values in [0.15, 1] (how strongly each cell is shaded); seeded, so stable."""
    values = np.random.default_rng(7).uniform(0.15, 1.0, EMBEDDING_SIZE)
    return [round(float(v), 2) for v in values]


def _onehot(d: Drawing, left: float, top: float, role: str) -> None:
    for i in range(ONEHOT_SIZE):
        lit = i == WORD_INDEX
        fill = d.scheme.colour(role) if lit else "none"
        d.rect(left + i * CELL_W, top, CELL_W, CELL_H, "faint", fill, rx=0, width=0.6)
    d.rect(left, top, ONEHOT_SIZE * CELL_W, CELL_H, "muted", "none", rx=0, width=1)


def draw(lang: str, scheme: Scheme) -> Drawing:
    words = labels(lang)
    roles = ["input", "weight"]
    height = 384 + legend_height(WIDTH, roles, lang)
    d = Drawing(WIDTH, height, scheme)

    # One-hot: as wide as the vocabulary, a single 1.
    d.text(20, 20, words["embedding.onehot_title"], anchor="start", bold=True)
    left, top = 40, 64
    _onehot(d, left, top, "input")
    lit_x = left + (WORD_INDEX + 0.5) * CELL_W
    d.text(lit_x, top - 12, "1", "input", SMALL_SIZE, bold=True)
    for index in (0, WORD_INDEX, ONEHOT_SIZE - 1):
        d.text(left + (index + 0.5) * CELL_W, top + CELL_H + 14, str(index), "muted", SMALL_SIZE)
    d.text(
        left + ONEHOT_SIZE * CELL_W / 2,
        top + CELL_H + 14,
        words["embedding.onehot_note"],
        "muted",
        SMALL_SIZE,
    )

    # Embedding: the word index picks one row of a learned 1000 × 32 matrix.
    d.text(20, 160, words["embedding.title"], anchor="start", bold=True)
    row_y = 238
    d.box(72, row_y, 112, 34, "input", [words["embedding.word"]])

    m_left, m_top, m_w, m_h = 196, 196, EMBEDDING_SIZE * CELL_W, 140
    d.text(m_left + m_w / 2, m_top - 12, words["embedding.matrix"], "weight", SMALL_SIZE)
    d.rect(m_left, m_top, m_w, m_h, "weight", scheme.fill("weight"), rx=2)
    for y in range(int(m_top) + 10, int(m_top + m_h), 10):
        d.line([(m_left + 2, y), (m_left + m_w - 2, y)], "faint", 0.6)
    d.rect(m_left, row_y - 6, m_w, 12, "weight", scheme.colour("weight"), rx=0)
    d.text(m_left + m_w / 2, m_top + m_h + 16, "1,000 × 32", "ink", SMALL_SIZE)
    d.arrow([(128, row_y), (m_left - 4, row_y)], "input", 1.5)
    d.text(m_left - 8, row_y + 18, words["embedding.row"], "weight", SMALL_SIZE, anchor="end")

    # The picked row is the word's embedding: 32 real numbers, every one of them used.
    v_left = m_left + m_w + 56
    d.arrow([(m_left + m_w + 4, row_y), (v_left - 6, row_y)], "weight", 1.5)
    base = scheme.background
    for i, value in enumerate(embedding_row()):
        fill = mix(scheme.colour("weight"), base, value)
        d.rect(
            v_left + i * CELL_W, row_y - CELL_H / 2, CELL_W, CELL_H, "faint", fill, rx=0, width=0.6
        )
    d.rect(v_left, row_y - CELL_H / 2, m_w, CELL_H, "weight", "none", rx=0, width=1)
    d.text(v_left + m_w / 2, row_y - 26, words["embedding.embedding"], "weight", SMALL_SIZE)
    d.text(v_left + m_w / 2, row_y + 28, words["embedding.vector"], "muted", SMALL_SIZE)

    draw_legend(d, roles, lang, 378)
    return d
