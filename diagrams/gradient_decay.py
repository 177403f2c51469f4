"""`gradient-decay`: measured, not drawn: how much of the last step's gradient reaches step T−k.

A tanh recurrent layer like the site's (32 cells, 100 one-hot features, W_x Glorot-uniform, W_h
orthogonal) runs over random word sequences; `jacobian_norms` measures ‖∂h_T/∂h_(T−k)‖ for each k.
W_h is scaled by a few gains: the truncation window of 10 steps keeps only the top of these curves.
The weights are untrained. `cited_values` gives the points the BPTT page cites; `python -m diagrams`
stores them in diagrams/data/gradient-decay.json, which hooks/results.py reads.
"""

import math
from functools import cache

import numpy as np

from diagrams.labels import labels
from diagrams.style import SMALL_SIZE, Scheme
from diagrams.svg import Drawing

CELLS, FEATURES, STEPS, MAX_LAG = 32, 100, 60, 50
SEQUENCES = 32
GAINS = (0.8, 1.0, 1.2)
SEED = 42
WINDOW = 10
CITED_LAGS = (10, 20, 50)


def jacobian_norms(w_h: np.ndarray, drive: np.ndarray, max_lag: int) -> np.ndarray:
    """‖∂h_T/∂h_(T−k)‖₂ for k = 0 … max_lag, for one sequence.

    `drive` is each step's input part x_t·W_x + b, shape (steps, cells); h_0 = 0 and
    h_t = tanh(drive_t + h_(t−1)·W_h). With row vectors, dh_t = dh_(t−1)·W_h·diag(1 − h_t²), so
    stepping one step further back multiplies the Jacobian by W_h·diag(1 − h_t²) on the left.
    """
    h = np.zeros(w_h.shape[0])
    states = []
    for z in drive:
        h = np.tanh(z + h @ w_h)
        states.append(h)
    jacobian = np.eye(w_h.shape[0])
    norms = [1.0]
    for h_t in states[::-1][:max_lag]:
        jacobian = (w_h * (1 - h_t**2)) @ jacobian
        norms.append(np.linalg.norm(jacobian, 2))
    return np.array(norms)


def orthogonal(n: int, rng: np.random.Generator) -> np.ndarray:
    """A random orthogonal matrix (what Keras' Orthogonal initialiser draws)."""
    q, r = np.linalg.qr(rng.standard_normal((n, n)))
    return q * np.sign(np.diag(r))


@cache  # the same curves serve both languages and both schemes
def measure(gain: float) -> np.ndarray:
    """The geometric mean over random sequences of the norms, for W_h = gain × orthogonal."""
    rng = np.random.default_rng(SEED)
    limit = math.sqrt(6 / (FEATURES + CELLS))
    w_x = rng.uniform(-limit, limit, (FEATURES, CELLS))
    w_h = gain * orthogonal(CELLS, rng)
    words = rng.integers(0, FEATURES, (SEQUENCES, STEPS))
    # A one-hot x_t times W_x is just the word's row of W_x.
    logs = [np.log10(jacobian_norms(w_h, w_x[sequence], MAX_LAG)) for sequence in words]
    return 10 ** np.mean(logs, axis=0)


def cited_values() -> dict[str, float]:
    """Points of the curves, keyed ``gain{GAIN}_k{K}``: e.g. ``gain1.0_k10``, the norm at k = 10."""
    return {
        f"gain{gain}_k{k}": round(float(measure(gain)[k]), 4)
        for gain in GAINS
        for k in CITED_LAGS
    }


WIDTH, HEIGHT = 600, 384
LEFT, RIGHT, TOP, BOTTOM = 74, 504, 84, 318
LOG_MIN, LOG_MAX = -6, 1
SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")
# One distinct colour per gain: shrinking, slowly shrinking, growing.
GAIN_COLOURS = {0.8: "hidden", 1.0: "ink", 1.2: "weight"}


def _x(k: float) -> float:
    return LEFT + (RIGHT - LEFT) * k / MAX_LAG


def _y(log_value: float) -> float:
    return BOTTOM - (BOTTOM - TOP) * (log_value - LOG_MIN) / (LOG_MAX - LOG_MIN)


def draw(lang: str, scheme: Scheme) -> Drawing:
    words = labels(lang)
    d = Drawing(WIDTH, HEIGHT, scheme)
    d.text(20, 16, words["decay.y_title"], anchor="start", bold=True)
    d.text(20, 40, words["decay.setup"], "muted", SMALL_SIZE, anchor="start")

    # The truncation window: the only steps the site's backprop reaches.
    d.rect(_x(0), TOP, _x(WINDOW) - _x(0), BOTTOM - TOP, None, scheme.fill("gradient"), rx=0)
    d.line([(_x(WINDOW), TOP), (_x(WINDOW), BOTTOM)], "gradient", 1.5, dashed=True)
    d.text(
        _x(0),
        TOP - 14,
        f"{words['decay.window']}: k < {WINDOW}",
        "gradient",
        SMALL_SIZE,
        anchor="start",
    )
    d.text(_x(WINDOW) + 6, BOTTOM - 14, f"k = {WINDOW}", "gradient", SMALL_SIZE, anchor="start")

    for power in range(LOG_MIN, LOG_MAX + 1):
        y = _y(power)
        d.line([(LEFT, y), (RIGHT, y)], "faint", 0.8)
        d.text(
            LEFT - 8, y, f"10{str(power).translate(SUPERSCRIPT)}", "muted", SMALL_SIZE, anchor="end"
        )
    for k in range(0, MAX_LAG + 1, 10):
        d.line([(_x(k), BOTTOM), (_x(k), BOTTOM + 5)], "muted", 1)
        d.text(_x(k), BOTTOM + 18, str(k), "muted", SMALL_SIZE)
    d.line([(LEFT, TOP), (LEFT, BOTTOM), (RIGHT, BOTTOM)], "muted", 1)
    d.text((LEFT + RIGHT) / 2, BOTTOM + 44, words["decay.x_title"], "ink", SMALL_SIZE)

    for gain in GAINS:
        logs = np.log10(measure(gain))
        colour = GAIN_COLOURS[gain]
        d.polyline([(_x(k), _y(v)) for k, v in enumerate(logs)], colour, 2.5)
        d.text(
            RIGHT + 8,
            _y(logs[-1]),
            words["decay.gain"].format(gain),
            colour,
            SMALL_SIZE,
            anchor="start",
        )
    return d
