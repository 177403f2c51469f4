"""The book's chapter 9 notebook: where to find it, and where each of its four models is.

The notebook is run, never copied (``../shared/peer/README.md``): it is read from
``../shared/peer/`` where that exists, downloaded from its public origin at the pinned commit
everywhere else, into ``CACHE`` (git-ignored), and checked against its sha256 either way.

It trains four models, one after the other, in one kernel. A model's *segment* runs from the cell
after the previous model's evaluation up to and including its own evaluation: the first cell that
calls ``.score(`` or ``.evaluate(`` after the model's ``.fit(`` cell.
"""

import hashlib
import json
import re
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from benchmarks import ROOT

PEER = ROOT.parent / "shared" / "peer" / "Ch09.ipynb"
CACHE = ROOT / "benchmarks" / ".cache" / "Ch09.ipynb"
COMMIT = "2338bb0dcf210ade3eb4b931d03a24eed67d89ec"
ORIGIN = f"https://raw.githubusercontent.com/rickiepark/do-it-dl/{COMMIT}/Ch09.ipynb"
SHA256 = "db5e53557886c0d9dcd3c058e5d00099ed49df7be5fe57cdbf003ab636c994de"

# The book's trainings in the notebook's order, each named by our chapter that trains that model.
MODELS = ("numpy-rnn", "keras-simplernn", "embedding", "lstm")

# What the book's evaluation cells print: the accuracy alone (a float, or NumPy's float repr).
_ACCURACY = re.compile(r"^\s*(?:np\.float64\()?([01]\.\d+)\)?\s*$", re.M)
_KERAS_VAL_ACCURACY = re.compile(r"\bval_accuracy: (\d+\.\d+)")


class BookError(RuntimeError):
    """The notebook is not the pinned one, or not shaped as this module expects."""


def notebook_file(peer: Path = PEER, cache: Path = CACHE) -> Path:
    """The pinned notebook on disk (downloaded into ``cache`` where ``peer`` is missing)."""
    if peer.is_file():
        path = peer
    else:
        path = cache
        if not path.is_file():
            path.parent.mkdir(parents=True, exist_ok=True)
            partial = path.with_suffix(".part")
            with urllib.request.urlopen(ORIGIN, timeout=60) as response:
                partial.write_bytes(response.read())
            partial.replace(path)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != SHA256:
        if path == cache:
            path.unlink()  # so that the next run downloads it again
        raise BookError(f"{path}: sha256 {digest}, expected {SHA256} (the notebook at {COMMIT})")
    return path


def code_cells(path: Path) -> list[str]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return [
        "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        for cell in nb["cells"]
        if cell["cell_type"] == "code"
    ]


@dataclass(frozen=True)
class Segment:
    model: str
    start: int  # first cell of the segment (index among the code cells)
    fit: int  # the cell that trains the model
    evaluation: int  # the cell that prints its validation accuracy; the segment's last


def segments(codes: list[str]) -> list[Segment]:
    fits = [i for i, code in enumerate(codes) if ".fit(" in code]
    if len(fits) != len(MODELS):
        raise BookError(f"expected {len(MODELS)} cells that call .fit(, found {len(fits)}")
    found, start = [], 0
    for model, fit in zip(MODELS, fits, strict=True):
        evaluation = next(
            (i for i in range(fit + 1, len(codes)) if re.search(r"\.(score|evaluate)\(", codes[i])),
            None,
        )
        if evaluation is None:
            raise BookError(f"{model}: no .score( or .evaluate( cell after its .fit( cell")
        found.append(Segment(model, start, fit, evaluation))
        start = evaluation + 1
    return found


def final_accuracy(text: str) -> float:
    """The accuracy an evaluation cell printed: its last line that is a number alone."""
    found = _ACCURACY.findall(text)
    if not found:
        raise BookError(f"no accuracy in the evaluation cell's output: {text[-200:]!r}")
    return float(found[-1])


def epoch_accuracies(fit_text: str) -> list[float]:
    """The validation accuracy Keras printed after each epoch, in order (none for NumPy)."""
    return [float(v) for v in _KERAS_VAL_ACCURACY.findall(fit_text)]


def best_accuracy(fit_text: str) -> float | None:
    """The best per-epoch validation accuracy Keras printed; None where nothing was printed."""
    values = epoch_accuracies(fit_text)
    return max(values) if values else None


def alone_codes(codes: list[str], model: str) -> list[str]:
    """The cells up to ``model``'s evaluation, without the other models' training and evaluation.

    What is left runs as the notebook has it: the data preparation, imports and definitions
    (the earlier models' too, and the imports between their training and evaluation, so no name
    is missing), then ``model``'s segment. The last cell is ``model``'s evaluation.
    """
    parts = {s.model: s for s in segments(codes)}
    if model not in parts:
        raise BookError(f"unknown model {model!r}: one of {MODELS}")
    dropped = {
        i for s in parts.values() if s.model != model for i in range(s.fit, s.evaluation + 1)
        if not _imports_only(codes[i])  # a later cell may need what it imports (pyplot)
    }
    return [code for i, code in enumerate(codes[: parts[model].evaluation + 1]) if i not in dropped]


def _imports_only(code: str) -> bool:
    lines = [line for line in code.split("\n") if line.strip()]
    return bool(lines) and all(line.startswith(("import ", "from ")) for line in lines)
