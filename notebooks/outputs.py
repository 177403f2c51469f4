"""What a stored notebook printed: accuracies, time per epoch, parameters, epochs.

Standard library only: ``hooks/results.py`` loads this file at build time. Every number is parsed
from the outputs the chapter's code printed; nothing is recomputed.
"""

import contextlib
import json
import re
from pathlib import Path

_VAL_ACCURACY = re.compile(r"^validation accuracy: (\d+\.\d+)\s*$", re.M)
_TEST_ACCURACY = re.compile(r"^test accuracy: (\d+\.\d+)\s*$", re.M)
# A chapter that trains several models prints one line per model:
# "LSTM: 12.3 s per epoch, validation accuracy 0.8412"
_MODEL_LINE = re.compile(
    r"^(\S+): (\d+(?:\.\d+)?) s per epoch, validation accuracy (\d+\.\d+)\s*$", re.M
)
_SECONDS = re.compile(r"^(\d+(?:\.\d+)?) s per epoch\s*$", re.M)
_TOTAL_PARAMS = re.compile(r"Total params: ([\d,]+)")
# Keras, verbose=2: "Epoch 3/10" then "625/625 - 4s - 7ms/step - accuracy: ... - val_accuracy: ..."
_KERAS_EPOCH = re.compile(r"^Epoch (\d+)/(\d+)\s*$", re.M)
_KERAS_VAL_ACCURACY = re.compile(r"\bval_accuracy: (\d+(?:\.\d+)?)")
# the NumPy chapter: "epoch   3/20  loss 0.6812  val_loss 0.6790  val_accuracy 0.5542"
_NUMPY_EPOCH = re.compile(
    r"^epoch\s+(\d+)/(\d+)\s+loss (\S+)(?:\s+val_loss (\S+))?(?:\s+val_accuracy (\S+))?\s*$", re.M
)


_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")  # colours of model.summary()'s rich text


class MissingOutput(ValueError):
    """The notebook does not contain the output asked for."""


def output_text(nb: dict) -> str:
    """Every text the code cells printed or displayed, in order, one string."""
    parts = []
    for cell in nb.get("cells", []):
        for out in cell.get("outputs", []) if cell.get("cell_type") == "code" else []:
            if out.get("output_type") == "stream":
                text = out.get("text", "")
            else:
                text = out.get("data", {}).get("text/plain", "")
            parts.append("".join(text) if isinstance(text, list) else text)
    return _ANSI.sub("", "\n".join(parts))


def read_notebook(path: Path) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def _last(pattern: re.Pattern, text: str, what: str) -> str:
    found = pattern.findall(text)
    if not found:
        raise MissingOutput(f"no {what} in the outputs")
    return found[-1]


def epoch_lines(text: str) -> list[tuple[int, int]]:
    """``(epoch, of)`` of every per-epoch line, Keras or NumPy."""
    return [(int(a), int(b)) for a, b in _KERAS_EPOCH.findall(text)] + [
        (int(m[0]), int(m[1])) for m in _NUMPY_EPOCH.findall(text)
    ]


def val_accuracy_curve(text: str) -> list[float]:
    """Validation accuracy after each epoch, from Keras' ``verbose=2`` lines or NumPy's report."""
    keras = [
        float(m.group(1))
        for line in text.splitlines()
        if " - " in line and (m := _KERAS_VAL_ACCURACY.search(line))
    ]
    return keras or [float(m[4]) for m in _NUMPY_EPOCH.findall(text) if m[4]]


def model_lines(text: str) -> dict[str, tuple[float, float]]:
    """``{name: (seconds per epoch, validation accuracy)}`` of a chapter that trains several."""
    return {name: (float(s), float(a)) for name, s, a in _MODEL_LINE.findall(text)}


def results(text: str) -> dict:
    """The numbers a notebook's outputs state. A key is missing when the output is missing."""
    found = {}
    for key, pattern, convert, what in (
        ("val_accuracy", _VAL_ACCURACY, float, "'validation accuracy: ...' line"),
        ("test_accuracy", _TEST_ACCURACY, float, "'test accuracy: ...' line"),
        ("seconds_per_epoch", _SECONDS, float, "'N.N s per epoch' line"),
        ("params", _TOTAL_PARAMS, lambda s: int(s.replace(",", "")), "'Total params' line"),
    ):
        with contextlib.suppress(MissingOutput):
            found[key] = convert(_last(pattern, text, what))
    epochs = epoch_lines(text)
    if epochs:
        # A chapter that trains several models counts 1..N once per model; the last one counts.
        starts = [i for i, (e, _) in enumerate(epochs) if e == 1] or [0]
        for start, end in zip(starts, [*starts[1:], len(epochs)], strict=True):
            numbers = [e for e, _ in epochs[start:end]]
            if numbers != list(range(1, epochs[end - 1][1] + 1)):
                raise MissingOutput(f"epoch lines {numbers} are not 1..{epochs[end - 1][1]}")
        found["epochs"] = len(epochs) - starts[-1]
    return found
