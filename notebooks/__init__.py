"""Notebooks of the code chapters, generated from the chapter programs in ``snippets/``.

``python -m notebooks`` (``make notebooks``) turns each chapter program into a notebook: one code
cell per shown block (hidden ``# Check`` blocks left out), short Markdown cells in each language,
executed once, written to ``docs/ko/notebooks/SLUG.ipynb`` and ``docs/en/notebooks/SLUG.ipynb``.
It then redraws the results chart from the stored outputs.
"""

from pathlib import Path

from project import LANGUAGES as LANGUAGES  # re-exported: the notebook modules import it here
from project import TRAINED_CHAPTERS

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
SNIPPETS = ROOT / "snippets"
# The results are read from the first language's notebooks; SLUGS are in nav order.
SLUGS = TRAINED_CHAPTERS


def notebook_path(slug: str, language: str, docs: Path = DOCS) -> Path:
    return docs / language / "notebooks" / f"{slug}.ipynb"
