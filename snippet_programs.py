"""Code chapters as programs: expand a page's ``--8<--`` includes and list its code blocks.

``snippets/SLUG.md`` is the program behind page ``docs/*/SLUG.md``: its ```` ```python ```` blocks,
joined with ``<!--pytest-codeblocks:cont-->``, run in order in one namespace. pytest-codeblocks
extracts the blocks; this module expands the includes first, with the same ``pymdownx.snippets``
the site uses, because chapters share their data code.
"""

import io
from pathlib import Path

import markdown
from pytest_codeblocks import CodeBlock, extract_from_buffer

ROOT = Path(__file__).resolve().parent
SNIPPETS = ROOT / "snippets"
RUNNABLE = ("python", "sh", "bash")  # the info strings pytest-codeblocks executes
CONT = "<!--pytest-codeblocks:cont-->"


def expand_includes(text: str) -> str:
    """Markdown ``text`` with every ``--8<--`` include expanded, as MkDocs expands it."""
    md = markdown.Markdown(
        extensions=["pymdownx.snippets"],
        extension_configs={"pymdownx.snippets": {"base_path": [str(ROOT)], "check_paths": True}},
    )
    return "\n".join(md.preprocessors["snippet"].run(text.splitlines())) + "\n"


def expand_snippets(path: Path) -> str:
    """The Markdown file at ``path`` with its includes expanded."""
    return expand_includes(path.read_text(encoding="utf-8"))


def code_blocks(markdown_text: str, *, joined: bool) -> list[CodeBlock]:
    """Runnable fences of ``markdown_text``: one per fence, or joined into programs at ``cont``."""
    if not joined:
        markdown_text = markdown_text.replace(CONT, "")
    blocks = extract_from_buffer(io.StringIO(markdown_text))
    return [block for block in blocks if block.syntax in RUNNABLE]


def trains(program: str) -> bool:
    """Whether an expanded chapter program trains a model (the slow tier): it calls ``fit``."""
    return ".fit(" in program
