"""What the site's tools agree on, stated once: languages, trained chapters, hidden checks.

Tests, notebooks, experiments and figures import these names instead of repeating them. The
languages and addresses are read from ``mkdocs.yml``, the one place they are set.
"""

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent


class _ConfigLoader(yaml.SafeLoader):
    """Reads ``mkdocs.yml`` without building the Python objects its ``!!python`` tags name."""


_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda *_: None)
_ConfigLoader.add_multi_constructor("!", lambda *_: None)


_CONFIG = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)


def _languages(plugins: list) -> tuple[str, ...]:
    i18n = next(p["i18n"] for p in plugins if isinstance(p, dict) and "i18n" in p)
    default = [lang["locale"] for lang in i18n["languages"] if lang.get("default")]
    others = [lang["locale"] for lang in i18n["languages"] if not lang.get("default")]
    return tuple(default + others)


# The site's languages, the default (served at /) first.
LANGUAGES = _languages(_CONFIG["plugins"])

# Where the site is published, and the repository it is built from.
SITE_URL: str = _CONFIG["site_url"]
REPO_URL: str = _CONFIG["repo_url"]

# The chapters that follow the book on IMDB: the book's code has the same four models, so the
# benchmark's comparison, its chart and the results chart are about these.
BOOK_CHAPTERS = ("numpy-rnn", "keras-simplernn", "embedding", "lstm")

# The chapters that train a model: each has notebooks (make notebooks) and results tokens.
TRAINED_CHAPTERS = (*BOOK_CHAPTERS, "nsmc")

# A block of a chapter program that starts with this line checks what the shown code did: the
# tests run it, the pages, notebooks and experiments leave it out.
HIDDEN_CHECK = "# Check (not shown on the page)"


def is_hidden(code: str) -> bool:
    return code.lstrip().startswith(HIDDEN_CHECK)


# The solutions of a page's exercises live in its program's sections named ``exercise-N`` (and
# ``exercise-N-output`` for what they print): the tests run them after the chapter, but they
# are not part of the chapter's notebook or of the code the notebooks and the benchmark measure.
EXERCISE_SECTION = "exercise-"


def is_exercise(section: str) -> bool:
    """Whether ``section`` (``FILE:NAME`` or ``NAME``) holds an exercise's solution."""
    return section.rpartition(":")[2].startswith(EXERCISE_SECTION)
