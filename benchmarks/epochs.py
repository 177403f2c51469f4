"""The ``epochs`` kind: one epoch of every implementation of the NumPy chapter's model, same run.

Issue 15 asks how fast the page "Making the NumPy RNN fast" is against the chapter's class, the
book's NumPy code and Keras ``SimpleRNN``, all with the same settings (32 cells, mini-batches of
32, 20,000 reviews of 100 steps), measured in one benchmark run. Each model runs in a fresh kernel
(``kernel.py``): its data and class as its page shows them, then ``fit`` for ``EPOCHS`` epochs.
The time of an epoch is the last gap between two epoch lines: a warm epoch for every model
(Keras compiles in its first epoch). The repeats are interleaved (every model once, then again),
so a slow spell of a shared machine falls on all of them.

More models give the yardsticks: ``tensorflow`` only imports TensorFlow (the memory that costs),
``data`` only loads the IMDB word ids as the NumPy chapter does, through ``load_data``, and
``data-lean`` as the fast page does, reading the file itself (the memory each costs),
``matmul`` runs the page's one large product (what the machine's BLAS reaches), and ``program``
runs the whole page program as a reader does (its time and peak memory).

``numpy-rnn-window100`` is the chapter's class, unchanged, built with ``bptt_steps=100``: its
truncation window covers the whole 100-step review, so backpropagation walks back as far as Keras'
does (issue 13: is the chapter's class faster than Keras only because it walks back 10 steps?).
That argument is the one edit: the benchmark writes the cell that builds the network, and
``WINDOWS`` states what it passes; the record stores it under ``edits``.
"""

import re

from benchmarks import book, edits
from notebooks.program import source_hash
from snippet_programs import code_blocks, expand_includes

EPOCHS = 3
FAST_SLUG = "numpy-fast"
# In benchmark order; each is a key of cells().
MODELS = ("numpy-rnn", "numpy-rnn-window100", "lookup", "numpy-fast", "lean", "book",
          "keras-simplernn", "tensorflow", "data", "data-lean", "matmul", "program")
YARDSTICKS = ("tensorflow", "data", "data-lean", "matmul")  # no training: no epoch to time
NUMPY_CLASSES = {"numpy-rnn": "RecurrentNetwork", "numpy-rnn-window100": "RecurrentNetwork",
                 "lookup": "LookupNetwork", "numpy-fast": "FastRecurrentNetwork",
                 "lean": "LeanRecurrentNetwork"}
# The page's steps, each a class built on the one before: the sections each model runs.
STEPS = {"lookup": ["lookup-class"], "numpy-fast": ["lookup-class", "fast-class"],
         "lean": ["lookup-class", "fast-class", "lean-class"]}
FASTEST = "lean"  # the page's last step: the class the goals of issue 15 are about
ONE_HOT = ("numpy-rnn", "numpy-rnn-window100")  # the models that take the chapter's one-hot input
# A model built with another truncation window than the class's default (10): the window.
WINDOWS = {"numpy-rnn-window100": 100}
# What a model's cell prints for the record: a line "BENCH name value".
BENCH_LINE = re.compile(r"^BENCH (\w+) (\S+)$", re.M)
_EPOCHS_ARG = re.compile(r"\bepochs=20\b")

DATA = ("common/imdb.md:load", "numpy-rnn.md:load-data")  # the chapter's: through load_data
FAST_DATA = (f"{FAST_SLUG}.md:load", f"{FAST_SLUG}.md:load-data")  # the fast page's loader
CLASS = [f"numpy-rnn.md:{name}" for name in
         ("class-forward", "class-backprop", "class-training", "class-evaluation")]

# Times the two methods every NumPy class has, around each call, to split the epoch.
SPLIT = '''import time

spent = {"forpass": 0.0, "backprop": 0.0}


def timed(cls, name):
    method = getattr(cls, name)

    def wrapper(self, *args):
        start = time.perf_counter()
        try:
            return method(self, *args)
        finally:
            spent[name] += time.perf_counter() - start

    setattr(cls, name, wrapper)'''


def section(ref: str) -> str:
    """The code of one snippet section, ``FILE:SECTION`` under ``snippets/``."""
    [block] = code_blocks(expand_includes(f'--8<-- "snippets/{ref}"'), joined=False)
    return block.code


def _numpy_model(model: str) -> list[str]:
    name = NUMPY_CLASSES[model]
    if model in ONE_HOT:
        data = [*DATA, "common/imdb.md:onehot"]
        x, x_val = "x_train_onehot", "x_val_onehot"
        extra = []
    else:
        data = list(FAST_DATA)
        x, x_val = "x_train", "x_val"
        extra = [f"{FAST_SLUG}.md:{name}" for name in STEPS[model]]
    onehot = model in ONE_HOT
    window = WINDOWS.get(model)
    # Written so that a model of the default window keeps the code (and hash) it was stored with.
    build = "" if window is None else f", bptt_steps={window}"
    flops = f"onehot={onehot}" + ("" if window is None else f", window={window}")
    fit = (
        f"{SPLIT}\n\n\nfor method in spent:\n    timed({name}, method)\n"
        f"net = {name}(n_cells=32, batch_size=32, learning_rate=0.01{build})\n"
        f"start = time.perf_counter()\n"
        f"net.fit({x}, y_train, epochs={EPOCHS}, x_val={x_val}, y_val=y_val)\n"
        f"total = time.perf_counter() - start\n"
        f"for method, seconds in spent.items():\n"
        f"    print('BENCH', method + '_share', seconds / total)\n"
        f"print('BENCH epoch_flops', epoch_flops({flops}))"
    )
    chapter_class = "".join(section(ref) for ref in CLASS)  # one class over four sections
    return [*(section(ref) for ref in data), chapter_class,
            *(section(ref) for ref in (*extra, f"{FAST_SLUG}.md:flops")), fit]


def _with_epochs(codes: list[str], where: str) -> list[str]:
    """``codes`` up to the one cell that calls ``.fit(``, its ``epochs=20`` made ``EPOCHS``."""
    fits = [i for i, code in enumerate(codes) if ".fit(" in code]
    if len(fits) != 1 or len(_EPOCHS_ARG.findall(codes[fits[0]])) != 1:
        raise edits.EditError(f"{where}: expected one .fit( cell with one epochs=20")
    out = codes[: fits[0] + 1]
    out[-1] = _EPOCHS_ARG.sub(f"epochs={EPOCHS}", out[-1])
    return out


def cells(model: str, book_codes=None, shown_codes=None) -> list[str]:
    """The code cells the ``model`` run executes, in order."""
    if model in NUMPY_CLASSES:
        return _numpy_model(model)
    if model == "book":
        codes = list(book_codes())
        numpy_model = book.segments(codes)[0]
        return _with_epochs(codes[: numpy_model.fit + 1], "the book's NumPy model")
    if model == "keras-simplernn":
        return _with_epochs(shown_codes("keras-simplernn"), "keras-simplernn")
    if model == "tensorflow":
        return ["import tensorflow as tf"]
    if model == "data":
        return [section(ref) for ref in DATA]
    if model == "data-lean":
        return [section(ref) for ref in FAST_DATA]
    if model == "matmul":
        return ["import numpy as np", section(f"{FAST_SLUG}.md:matmul"),
                "print('BENCH gflops', matmul_gflops)"]
    if model == "program":
        return shown_codes(FAST_SLUG)
    raise ValueError(f"unknown model {model!r}: choose from {MODELS}")


def edits_of(model: str) -> dict:
    """What the benchmark passes ``model``'s class beyond the page's settings, for its record."""
    return {"bptt_steps": WINDOWS[model]} if model in WINDOWS else {}


def code_hash(model: str, book_codes, shown_codes) -> str:
    return source_hash(cells(model, book_codes, shown_codes))


def printed_values(text: str) -> dict[str, float]:
    return {name: float(value) for name, value in BENCH_LINE.findall(text)}


def last_gap(stamps: list[float]) -> float | None:
    return stamps[-1] - stamps[-2] if len(stamps) >= 2 else None
