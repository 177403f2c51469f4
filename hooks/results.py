"""Measured numbers on the pages come from the stored notebooks: ``{{ results.SLUG.KEY }}``.

A token in a page's Markdown is replaced by a number parsed from the outputs stored in
``docs/ko/notebooks/SLUG.ipynb`` (the outputs are the same in every language):

* ``val_accuracy``: the printed ``validation accuracy: 0.xxxx`` (4 decimals);
* ``test_accuracy``: the printed ``test accuracy: 0.xxxx`` (4 decimals);
* ``seconds_per_epoch``: the printed ``N.N s per epoch`` (1 decimal);
* ``params``: the printed ``Total params: N`` (Keras' ``model.summary()``, and the NumPy
  chapter's own line), with a thousands separator;
* ``epochs``: the number of per-epoch lines of the training log.

An unknown slug or key, or a notebook that lacks the output, fails the build. Parsing lives in
``notebooks/outputs.py`` (shared with the results chart).

A figure drawn from measured data (``FIGURES``) works the same way: ``{{ results.NAME.KEY }}`` is
the value KEY of ``diagrams/data/NAME.json``, which ``python -m diagrams`` writes with the figure
(``gradient-decay.gain1.0_k10``: the norm on the gain-1.0 curve at k = 10), to two decimals.

An experiment run over seeds (``EXPERIMENTS``) stores the numbers its pages cite, formatted, under
``cited`` in ``snippets/results/NAME.json`` (``make NAME``): ``{{ results.pitfalls.KEY }}``.
"""

import importlib.util
import json
import re
from pathlib import Path

from mkdocs.exceptions import PluginError

SOURCE_LANGUAGE = "ko"
FORMATS = {
    "val_accuracy": "{:.4f}",
    "test_accuracy": "{:.4f}",
    "seconds_per_epoch": "{:.1f}",
    "params": "{:,}",
    "epochs": "{:d}",
}
TOKEN = re.compile(r"\{\{\s*results\.([^\s}]*)\s*\}\}")
_ROOT = Path(__file__).resolve().parent.parent
_OUTPUTS_MODULE = _ROOT / "notebooks" / "outputs.py"
FIGURES = ("gradient-decay",)
FIGURE_DATA = _ROOT / "diagrams" / "data"
FIGURE_FORMAT = "{:.2f}"
# Experiments that store the numbers their page cites: ``{{ results.NAME.KEY }}`` is KEY of
# ``snippets/results/NAME.json``: formatted by the experiment under ``cited`` (pitfalls), or a
# bare number formatted here (nsmc-tokens): an integer with a thousands separator, a KEY
# ending in ``_percent`` to one decimal, another number to 4.
EXPERIMENTS = ("pitfalls", "nsmc-tokens")
EXPERIMENT_DATA = _ROOT / "snippets" / "results"


class ResultsError(PluginError):
    """A results token names nothing, or its notebook lacks the output."""


def _outputs():
    name = "rnn_docs_notebook_outputs"
    spec = importlib.util.spec_from_file_location(name, _OUTPUTS_MODULE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


outputs = _outputs()
_cache: dict[tuple[str, float], dict] = {}


def notebook_results(path: Path) -> dict:
    """The numbers of one stored notebook (read once per file version)."""
    key = (str(path), path.stat().st_mtime)
    if key not in _cache:
        _cache[key] = outputs.results(outputs.output_text(outputs.read_notebook(path)))
    return _cache[key]


def figure_value(figure: str, key: str) -> str:
    """The formatted number ``KEY`` stored with figure ``figure``."""
    path = FIGURE_DATA / f"{figure}.json"
    if not path.is_file():
        raise ResultsError(f"results: {path} does not exist: run python -m diagrams")
    found = json.loads(path.read_text(encoding="utf-8"))
    if key not in found:
        raise ResultsError(f"results: {path} has no {key} (known: {', '.join(found)})")
    return FIGURE_FORMAT.format(found[key])


def experiment_value(experiment: str, key: str) -> str:
    """The number ``KEY`` that ``make EXPERIMENT`` stored, formatted for the pages."""
    path = EXPERIMENT_DATA / f"{experiment}.json"
    if not path.is_file():
        raise ResultsError(f"results: {path} does not exist: run make {experiment}")
    found = json.loads(path.read_text(encoding="utf-8"))
    if "cited" in found:
        if key not in found["cited"]:
            raise ResultsError(f"results: {path} cites no {key}: run make {experiment}")
        return found["cited"][key]
    if key not in found:
        raise ResultsError(f"results: {path} has no {key} (known: {', '.join(found)})")
    number = found[key]
    if isinstance(number, int):
        return f"{number:,}"
    return f"{number:.1f}" if key.endswith("_percent") else f"{number:.4f}"


def value(name: str, docs_dir: Path) -> str:
    """The formatted number for ``SLUG.KEY``."""
    slug, _, key = name.partition(".")  # a figure's keys may hold a dot (gain1.0_k10)
    if slug in FIGURES:
        return figure_value(slug, key)
    if slug in EXPERIMENTS:
        return experiment_value(slug, key)
    notebooks = Path(docs_dir) / SOURCE_LANGUAGE / "notebooks"
    slugs = sorted(path.stem for path in notebooks.glob("*.ipynb"))
    if slug not in slugs or key not in FORMATS:
        raise ResultsError(
            f"results: unknown token {{{{ results.{name} }}}}: use results.SLUG.KEY with SLUG "
            f"in {slugs} (the stored notebooks) and KEY in {tuple(FORMATS)}"
        )
    path = notebooks / f"{slug}.ipynb"
    found = notebook_results(path)
    if key not in found:
        raise ResultsError(f"results: {path} has no output for {key} (token results.{name})")
    return FORMATS[key].format(found[key])


def replace_tokens(markdown: str, docs_dir: Path) -> str:
    return TOKEN.sub(lambda match: value(match.group(1), docs_dir), markdown)


def on_page_markdown(markdown, page, config, **_):
    if "results." not in markdown or page.file.src_uri.endswith(".ipynb"):
        return markdown
    return replace_tokens(markdown, Path(config["docs_dir"]))
