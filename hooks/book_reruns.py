"""The book's own published accuracies on the pages come from one stored file: ``{{ book.X.Y }}``.

``snippets/results/book-reruns.json`` holds the validation accuracy of each chapter's model in
every rerun of the book's notebook committed to its repository (2019-2021). Tokens:

* ``{{ book.SLUG.min }}``, ``{{ book.SLUG.max }}``: the range over the reruns (4 decimals);
* ``{{ book.SLUG.first }}``, ``{{ book.SLUG.last }}``: the first and the last rerun;
* ``{{ book.first.date }}``, ``{{ book.last.date }}``, ``{{ book.last.tensorflow }}``: when, and on
  which TensorFlow, those two ran.

SLUG is one of the site's trained chapters. An unknown token fails the build.
"""

import json
import re
from pathlib import Path

from mkdocs.exceptions import PluginError

RERUNS = Path(__file__).resolve().parent.parent / "snippets" / "results" / "book-reruns.json"
TOKEN = re.compile(r"\{\{\s*book\.([^\s}]*)\s*\}\}")


class BookRerunsError(PluginError):
    """A ``{{ book.X.Y }}`` token names nothing in the stored reruns."""


def value(name: str, runs: list[dict]) -> str:
    subject, _, key = name.partition(".")
    if subject in ("first", "last") and key in ("date", "tensorflow"):
        return str(runs[0 if subject == "first" else -1][key])
    accuracies = [run["val_accuracy"].get(subject) for run in runs]
    pick = {"min": min, "max": max, "first": lambda a: a[0], "last": lambda a: a[-1]}
    if None in accuracies or key not in pick:
        raise BookRerunsError(
            f"book reruns: unknown token {{{{ book.{name} }}}}: use book.SLUG.(min|max|first|last) "
            f"with SLUG in {sorted(runs[0]['val_accuracy'])}, or book.(first|last).date, "
            "book.last.tensorflow"
        )
    return f"{pick[key](accuracies):.4f}"


def replace_tokens(markdown: str, runs: list[dict]) -> str:
    return TOKEN.sub(lambda match: value(match.group(1), runs), markdown)


def on_page_markdown(markdown, page, **_):
    if not TOKEN.search(markdown):
        return markdown
    runs = json.loads(RERUNS.read_text(encoding="utf-8"))["runs"]
    return replace_tokens(markdown, runs)
