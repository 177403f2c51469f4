"""The only edits a benchmark run makes to the code it measures: the seed, and the book's one fix.

Our chapters: the shown code seeds itself once, with ``keras.utils.set_random_seed(42)`` (Keras
chapters) or the NumPy class's ``seed=42`` default. ``with_seed`` replaces that one literal and
nothing else; a program with no such line, or more than one, is refused rather than guessed at.

The book's notebook: a cell put in front seeds Python, NumPy and TensorFlow the way our Keras
chapters do. ``with_backprop_fix`` transposes the hidden-to-hidden weights where the book's
backpropagation multiplies by them untransposed (``w1h`` -> ``w1h.T``), in memory, only there.
"""

import re
from dataclasses import dataclass

# The seed literal of our programs: the argument of set_random_seed, or a seed=42 keyword default.
_SEED = re.compile(r"(?<=\bset_random_seed\()42(?=\))|(?<=\bseed=)42\b")
PAGE_SEED = 42

# Put in front of the book's cells; {seed} is filled in per run. It seeds Python's random, NumPy's
# global generator and TensorFlow, as keras.utils.set_random_seed documents.
BOOK_SEED_CELL = "import keras\n\nkeras.utils.set_random_seed({seed})"

_METHOD = re.compile(r"^(\s*)def backprop\(")
_UNTRANSPOSED = re.compile(r"\bself\.w1h\b(?!\.T)")


class EditError(ValueError):
    """The code does not have the one place the edit is defined for."""


@dataclass(frozen=True)
class Substitution:
    cell: int  # index among the code cells
    before: str  # the whole line, as shown
    after: str

    def as_dict(self) -> dict:
        return {"cell": self.cell, "before": self.before, "after": self.after}


def with_seed(codes: list[str], seed: int) -> tuple[list[str], Substitution]:
    """``codes`` with their one seed literal replaced by ``seed``, and what was replaced."""
    found = [(i, m) for i, code in enumerate(codes) for m in _SEED.finditer(code)]
    if len(found) != 1:
        raise EditError(
            f"expected exactly one seed (set_random_seed({PAGE_SEED}) or seed={PAGE_SEED}) in the"
            f" shown code, found {len(found)}"
        )
    index, match = found[0]
    code = codes[index]
    edited = f"{code[: match.start()]}{seed}{code[match.end():]}"
    line = code.count("\n", 0, match.start())
    before, after = code.split("\n")[line], edited.split("\n")[line]
    out = list(codes)
    out[index] = edited
    return out, Substitution(index, before, after)


def seed_cell(seed: int) -> str:
    return BOOK_SEED_CELL.format(seed=seed)


@dataclass(frozen=True)
class Fix:
    cell: int  # index among the book's code cells
    line: int  # line number within that cell, from 1

    def as_dict(self) -> dict:
        # Where, not what: the book's text is never copied into the project, results included.
        return {"cell": self.cell, "line": self.line, "edit": "self.w1h -> self.w1h.T"}


def _backprop_lines(lines: list[str]) -> range | None:
    """Line indices of the body of ``def backprop`` in ``lines``, or None."""
    for start, line in enumerate(lines):
        if method := _METHOD.match(line):
            indent = len(method.group(1))
            end = start + 1
            while end < len(lines) and (
                not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > indent
            ):
                end += 1
            return range(start + 1, end)
    return None


def with_backprop_fix(codes: list[str]) -> tuple[list[str], Fix]:
    """``codes`` with ``self.w1h`` transposed at its one use inside ``def backprop``."""
    hits = []
    for i, code in enumerate(codes):
        lines = code.split("\n")
        body = _backprop_lines(lines)
        if body is None:
            continue
        hits += [(i, n) for n in body for _ in _UNTRANSPOSED.finditer(lines[n])]
    if len(hits) != 1:
        raise EditError(
            f"expected exactly one untransposed self.w1h inside def backprop, found {len(hits)}:"
            " the notebook is not the one this fix was written for"
        )
    cell, n = hits[0]
    lines = codes[cell].split("\n")
    lines[n] = _UNTRANSPOSED.sub("self.w1h.T", lines[n])
    out = list(codes)
    out[cell] = "\n".join(lines)
    return out, Fix(cell, n + 1)
