"""Build, execute and write the notebooks of the code chapters.

One execution per chapter serves both languages: the code cells and their outputs are shared,
only the Markdown cells differ. The code cells are the chapter program's shown blocks as they are
(``program.py``); nothing is added to them.

Offline stand-ins for the IMDB and NSMC downloads: the kernel starts with a temporary
``IPYTHONDIR`` whose ``profile_default/startup/`` holds ``STARTUP`` below. IPython runs startup
files when the kernel starts, before the first cell, so the stand-ins are part of neither the
cells nor the saved file (a hidden setup cell would leave its execution count behind). They are
the tests' own (``stand_ins.py``): Keras gets the files of ``../shared/data/imdb`` and
``../shared/data/nsmc`` where it would download them, and only where those folders exist;
everywhere else the notebook downloads the data as a reader's would.
"""

import os
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from notebooks import DOCS, LANGUAGES, ROOT, SNIPPETS, notebook_path
from notebooks.program import join_continuations, shown_steps, source_hash
from notebooks.texts import CHAPTERS, INTRO, STEPS, TITLE_PREFIX
from notebooks.tryit import MODELS, export_cell, write_export
from project import SITE_URL

STAND_INS = ROOT / "stand_ins.py"
GENERATED_BY = "make notebooks"
KERNEL = "python3"

# Loaded by path, not imported: the project root stays off the kernel's sys.path, so a chapter
# cannot import the project's modules in a notebook when a reader's copy could not.
STARTUP = """\
def _hand_over_local_data(path):
    import importlib.util

    spec = importlib.util.spec_from_file_location("rnn_docs_stand_ins", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.hand_over_local_data()


_hand_over_local_data({path!r})
del _hand_over_local_data
"""


def chapter_url(slug: str, language: str) -> str:
    prefix = "" if language == LANGUAGES[0] else f"{language}/"
    return f"{SITE_URL}{prefix}{slug}/"


def markdown_cells(slug: str, language: str, cells) -> list[str]:
    """The Markdown before each code cell (the first also holds the title and intro)."""
    link = f"[{CHAPTERS[slug][language]}]({chapter_url(slug, language)})"
    head = f"# {TITLE_PREFIX[language]}{CHAPTERS[slug][language]}\n\n"
    head += INTRO[language].format(chapter=link) + "\n\n"
    texts = []
    for cell in cells:
        missing = [section for section in cell.sections if section not in STEPS]
        if missing:
            raise KeyError(f"{slug}: add a text for {missing} to notebooks/texts.py STEPS")
        heading = STEPS[cell.sections[0]][language][0]
        body = " ".join(STEPS[section][language][1] for section in cell.sections)
        texts.append(f"## {heading}\n\n{body}")
    texts[0] = head + texts[0]
    return texts


def build(slug: str, language: str, code_cells=None, snippets: Path = SNIPPETS):
    """The notebook of ``slug`` in ``language``; ``code_cells`` (executed) replace fresh ones."""
    cells = join_continuations(shown_steps(snippets / f"{slug}.md"))
    if code_cells is None:
        code_cells = [new_code_cell(cell.code, id=f"code-{i}") for i, cell in enumerate(cells)]
    elif [cell.source for cell in code_cells] != [cell.code for cell in cells]:
        # The hash below must describe the code that ran, and the texts must fit it.
        raise RuntimeError(f"{slug}: the snippets changed while it ran: run make notebooks again")
    nb = new_notebook()
    for i, (text, code) in enumerate(
        zip(markdown_cells(slug, language, cells), code_cells, strict=True)
    ):
        nb.cells += [new_markdown_cell(text, id=f"text-{i}"), code]
    nb.metadata.kernelspec = {"name": KERNEL, "display_name": "Python 3", "language": "python"}
    nb.metadata.rnn_docs = {
        "source_hash": source_hash([cell.source for cell in code_cells]),
        "generated_by": GENERATED_BY,
    }
    return nb


@contextmanager
def kernel_setting(prefix: str) -> Iterator[tuple[dict, Path, Path]]:
    """``(env, work, tmp)`` for a fresh kernel: the offline data stand-ins, a scratch work folder.

    The kernel's own defaults: no MPLBACKEND (ipykernel draws inline, as image/png), and
    TensorFlow's C++ start-up messages off, as `make test` has them. The benchmark's kernels
    (benchmarks/kernel.py) start the same way.
    """
    with tempfile.TemporaryDirectory(prefix=prefix) as tmp:
        startup = Path(tmp) / "ipython" / "profile_default" / "startup"
        startup.mkdir(parents=True)
        (startup / "00-stand-ins.py").write_text(
            STARTUP.format(path=str(STAND_INS)), encoding="utf-8"
        )
        env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
        env.update(IPYTHONDIR=str(startup.parent.parent), TF_CPP_MIN_LOG_LEVEL="3")
        work = Path(tmp) / "work"
        work.mkdir()
        yield env, work, Path(tmp)


def execute(nb, timeout: int = 3600):
    """Run ``nb`` once in a fresh ``python3`` kernel (see the module docstring for the startup)."""
    with kernel_setting("rnn-docs-notebook-") as (env, work, _):
        client = NotebookClient(
            nb,
            kernel_name=KERNEL,
            timeout=timeout,
            record_timing=False,
            resources={"metadata": {"path": str(work)}},
        )
        client.execute(env=env)
    return nb


def check_outputs(nb, slug: str) -> None:
    """The outputs the site relies on: a plot and the validation accuracy."""
    outputs = [out for cell in nb.cells if cell.cell_type == "code" for out in cell.outputs]
    if not any("image/png" in out.get("data", {}) for out in outputs):
        raise RuntimeError(f"{slug}: no image/png output: the plots did not render inline")
    if not any("validation accuracy:" in out.get("text", "") for out in outputs):
        raise RuntimeError(f"{slug}: no 'validation accuracy:' line in the outputs")


def coalesce_streams(cell) -> None:
    """Join consecutive ``stdout`` (``stderr``) outputs: a training log becomes one block."""
    merged = []
    for out in cell.outputs:
        previous = merged[-1] if merged else None
        if (
            previous is not None
            and out.output_type == previous.output_type == "stream"
            and out.name == previous.name
        ):
            previous.text += out.text
        else:
            merged.append(out)
    cell.outputs = merged


def write(slug: str, executed, docs: Path = DOCS) -> None:
    """Write ``executed``'s code cells and outputs with each language's Markdown."""
    code_cells = [cell for cell in executed.cells if cell.cell_type == "code"]
    for cell in code_cells:
        coalesce_streams(cell)
    for language in LANGUAGES:
        nb = build(slug, language, code_cells)
        nb.metadata.language_info = executed.metadata.get("language_info", {})
        path = notebook_path(slug, language, docs)
        path.parent.mkdir(parents=True, exist_ok=True)
        nbformat.validate(nb)
        nbformat.write(nb, path)


def generate(slug: str, docs: Path = DOCS) -> float:
    """Execute ``slug``'s notebook once and write it in every language; return the seconds.

    A chapter whose model the in-page panel runs (``notebooks/tryit.py``) gets one more cell,
    run after the chapter's in the same kernel and left out of the notebook: it dumps the
    trained weights, which become ``docs/assets/tryit/SLUG.json`` with the notebook's hash.
    """
    start = time.perf_counter()
    nb = build(slug, LANGUAGES[0])
    with tempfile.TemporaryDirectory(prefix="rnn-docs-tryit-") as tmp:
        dump = Path(tmp) / "weights.npz"
        if slug in MODELS:
            nb.cells.append(new_code_cell(export_cell(slug, dump), id="tryit-export"))
        executed = execute(nb)
        if slug in MODELS:
            executed.cells.pop()
        check_outputs(executed, slug)
        if slug in MODELS:
            write_export(slug, dump, executed.metadata.rnn_docs["source_hash"], docs)
    write(slug, executed, docs)
    return time.perf_counter() - start


def rewrite_texts(slug: str, docs: Path = DOCS) -> None:
    """Rewrite only the Markdown cells, keeping the stored code cells and outputs.

    Refuses when the stored code is not the current code: that needs an execution.
    """
    stored = nbformat.read(notebook_path(slug, LANGUAGES[0], docs), as_version=4)
    fresh = build(slug, LANGUAGES[0])
    if stored.metadata.get("rnn_docs") != fresh.metadata.rnn_docs:
        raise RuntimeError(f"{slug}: the code changed: execute the notebook (make notebooks)")
    write(slug, stored, docs)
