"""``python -m benchmarks`` (``make benchmark``): our trained chapters and the book's own code,
measured side by side on one machine, over several seeds, one training at a time.

Four kinds of run, each in a fresh kernel (``kernel.py``):

- ``ours``: a trained chapter's shown code, as its notebook runs it, with only its seed changed;
- ``book``: the book's chapter 9 notebook (``book.py``), unchanged but for a seeding cell put in
  front and the offline IMDB stand-in;
- ``book-fixed``: the book's cells up to its NumPy model's evaluation, with its one backprop
  defect fixed in memory (``edits.py``);
- ``epochs``: one epoch of each implementation of the NumPy chapter's model (the fast page's
  classes, the chapter's with its truncation window of 10 and of 100, the book's, Keras'),
  repeats interleaved (``epochs.py``; issues 13 and 15).

Every finished run is written at once to ``results.json`` (``store.py``), keyed by kind, chapter,
seed and the hash of the code it measured, so an interrupted benchmark resumes where it stopped
and a changed program is measured again. ``summary.py`` prints the comparison and the goals of
issue 13.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results.json"
# The page's own seed first, so seed 42 reruns exactly what the notebooks show.
FIRST_SEED = 42
SEEDS = {"ours": 5, "book": 5, "book-fixed": 5, "epochs": 3}
KINDS = tuple(SEEDS)
