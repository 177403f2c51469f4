"""The site's figures, drawn in code: `python -m diagrams [DOCS_DIR]` (or `make diagrams`).

Each figure module has `draw(lang, scheme)`; this package writes every figure in both languages and
both colour schemes to DOCS_DIR/{ko,en}/figures/NAME-{light,dark}.svg. A figure whose numbers the
pages cite also stores them in diagrams/data/NAME.json (`write_data`), read by hooks/results.py.
"""

import json
from pathlib import Path

from diagrams import (
    bptt,
    cell,
    gradient_decay,
    lstm_cell,
    model,
    onehot_embedding,
    sequence,
    unrolled,
)
from diagrams.labels import LANGUAGES
from diagrams.style import SCHEMES, scheme

FIGURES = {
    "sequence": sequence.draw,
    "unrolled": unrolled.draw,
    "cell": cell.draw,
    "model": model.draw,
    "bptt": bptt.draw,
    "onehot-embedding": onehot_embedding.draw,
    "lstm-cell": lstm_cell.draw,
    "gradient-decay": gradient_decay.draw,
}

# The numbers of a figure that the pages cite ({{ results.NAME.KEY }}).
DATA = {"gradient-decay": gradient_decay.cited_values}
DATA_DIR = Path(__file__).resolve().parent / "data"


def figure_path(docs_dir: Path, name: str, lang: str, scheme_name: str) -> Path:
    return docs_dir / lang / "figures" / f"{name}-{scheme_name}.svg"


def write_all(docs_dir: Path) -> list[Path]:
    """Draw every figure into `docs_dir`; return the files written."""
    written = []
    for name, draw in FIGURES.items():
        for lang in LANGUAGES:
            for scheme_name in SCHEMES:
                path = figure_path(docs_dir, name, lang, scheme_name)
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(str(draw(lang, scheme(scheme_name))), encoding="utf-8")
                written.append(path)
    return written


def write_data(data_dir: Path = DATA_DIR) -> list[Path]:
    """Store the cited numbers of each figure in `data_dir`; return the files written."""
    data_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, values in DATA.items():
        path = data_dir / f"{name}.json"
        path.write_text(json.dumps(values(), indent=2) + "\n", encoding="utf-8")
        written.append(path)
    return written
