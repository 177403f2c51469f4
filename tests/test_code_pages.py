"""What a reader copies is what the tests run.

Every page's code blocks, after its includes are expanded, must be exactly the shown blocks of
its chapter program ``snippets/SLUG.md`` in the same order, and identical in both languages. A
page with code but no program would show code that no test executes.
"""

import subprocess
import sys
from pathlib import Path

import pytest

from project import LANGUAGES, is_hidden
from snippet_programs import SNIPPETS, code_blocks, expand_snippets

DOCS = Path(__file__).resolve().parent.parent / "docs"


def shown_blocks(markdown_file: Path) -> list[str]:
    return [block.code for block in code_blocks(expand_snippets(markdown_file), joined=False)]


def program_problems(page: Path, program: Path) -> list[str]:
    """Differences between a page's code blocks and its program's shown blocks."""
    on_page = shown_blocks(page)
    if not program.exists():
        return (
            [f"{page} shows {len(on_page)} code blocks but no {program} runs them"]
            if on_page
            else []
        )
    expected = [code for code in shown_blocks(program) if not is_hidden(code)]
    problems = []
    if on_page != expected:
        for index, (shown, run) in enumerate(zip(on_page, expected, strict=False)):
            if shown != run:
                problems.append(f"{page}: block {index + 1} differs from {program}:\n{shown}")
                break
        else:
            problems.append(
                f"{page} shows {len(on_page)} blocks, {program} runs {len(expected)} shown blocks"
            )
    return problems


PAGES = sorted((DOCS / "ko").glob("*.md")) + sorted((DOCS / "en").glob("*.md"))


@pytest.mark.parametrize("page", PAGES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_page_shows_exactly_its_programs_blocks(page):
    assert program_problems(page, SNIPPETS / page.name) == []


@pytest.mark.parametrize("program", sorted(SNIPPETS.glob("*.md")), ids=lambda p: p.name)
def test_every_program_has_its_page_in_both_languages(program):
    for language in LANGUAGES:
        assert (DOCS / language / program.name).exists()


def test_the_check_catches_a_changed_and_a_missing_block(tmp_path):
    page = DOCS / "ko" / "numpy-rnn.md"
    program = SNIPPETS / "numpy-rnn.md"
    text = page.read_text(encoding="utf-8")
    include = '--8<-- "snippets/numpy-rnn.md:train"'
    assert include in text

    dropped = tmp_path / "dropped.md"
    dropped.write_text(text.replace(include, ""), encoding="utf-8")
    assert program_problems(dropped, program)

    foreign = tmp_path / "foreign.md"
    foreign.write_text(text + '\n```python\nprint("not run")\n```\n', encoding="utf-8")
    assert program_problems(foreign, program)

    orphan = tmp_path / "orphan.md"
    orphan.write_text('```python\nprint("no program")\n```\n', encoding="utf-8")
    assert program_problems(orphan, tmp_path / "missing.md")


@pytest.mark.parametrize("program", sorted(SNIPPETS.glob("*.md")), ids=lambda p: p.name)
def test_program_is_ruff_clean(program):
    # Held to the repository's ruff rules, but a chapter imports where a block first needs a
    # module, so imports below the top (E402) are the one exception.
    code = "".join(block.code for block in code_blocks(expand_snippets(program), joined=True))
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "--ignore", "E402"]
        + ["--stdin-filename", f"{program.stem}.py", "-"],
        input=code,
        capture_output=True,
        text=True,
        cwd=SNIPPETS.parent,
    )
    assert result.returncode == 0, result.stdout
