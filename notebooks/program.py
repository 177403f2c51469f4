"""The shown code of a chapter program, step by step, and its hash.

A *step* is one shown code block with the snippet section it comes from (``common/imdb.md:load``,
``numpy-rnn.md:train``, ...): the Markdown texts of the notebooks are keyed by that name. Blocks
that begin with ``project.HIDDEN_CHECK`` are hidden tests and never become cells, and the
solutions of a page's exercises (``project.is_exercise``) are the reader's work after the chapter:
they are not part of its notebook or of the code its hash (and the benchmark's) covers.
"""

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from project import is_exercise, is_hidden
from snippet_programs import code_blocks, expand_includes

_INCLUDE = re.compile(r'^\s*--8<--\s+"snippets/([^"]+)"\s*$')
_START = re.compile(r"^\s*<!--\s*--8<--\s*\[start:([^\]]+)\]\s*-->\s*$")
_STEP = re.compile(r"^<!-- notebook-step: (.+) -->$")


@dataclass(frozen=True)
class Step:
    section: str  # "FILE:SECTION", FILE relative to snippets/
    code: str  # the block's code, without its final newline


def _mark_sections(text: str, program_name: str) -> str:
    """``text`` with a step marker before every include and section start (expansion drops both)."""
    out = []
    for line in text.splitlines():
        if include := _INCLUDE.match(line):
            out.append(f"<!-- notebook-step: {include.group(1)} -->")
        elif start := _START.match(line):
            out.append(f"<!-- notebook-step: {program_name}:{start.group(1)} -->")
        out.append(line)
    return "\n".join(out) + "\n"


def shown_steps(program: Path) -> list[Step]:
    """The code blocks of the chapter program ``program`` a reader sees, in order."""
    text = expand_includes(_mark_sections(program.read_text(encoding="utf-8"), program.name))
    lines = text.splitlines()
    steps = []
    for block in code_blocks(text, joined=False):
        if is_hidden(block.code):
            continue
        if block.syntax != "python":
            raise ValueError(f"{program}: line {block.lineno}: notebooks hold python blocks only")
        section = f"{program.name}:line {block.lineno}"  # a shown block outside every section
        for line in reversed(lines[: block.lineno - 1]):
            if marker := _STEP.match(line):
                section = marker.group(1)
                break
        if not is_exercise(section):
            steps.append(Step(section, block.code.rstrip("\n")))
    return steps


@dataclass(frozen=True)
class Cell:
    sections: tuple[str, ...]  # the sections of the blocks joined in this cell
    code: str


def join_continuations(steps: list[Step]) -> list[Cell]:
    """One cell per block, except that a block starting indented joins the cell before it.

    An indented block continues the statement of the block before it (a class split across
    fences, one method per fence): the page runs its blocks as one program, but a notebook
    compiles each cell alone, so such blocks share a cell, separated by one blank line.
    """
    cells: list[Cell] = []
    for step in steps:
        if cells and step.code[:1] in (" ", "\t"):
            last = cells.pop()
            cells.append(Cell((*last.sections, step.section), f"{last.code}\n\n{step.code}"))
        else:
            cells.append(Cell((step.section,), step.code))
    return cells


def source_hash(codes: list[str]) -> str:
    """sha256 of the shown code: the JSON list of the cells' sources, in order."""
    return hashlib.sha256(json.dumps(codes, ensure_ascii=False).encode("utf-8")).hexdigest()
