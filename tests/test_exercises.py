"""Exercises: each under its own heading, its solution folded, its code run and checked.

A page's exercises sit in its last section (``## 연습 문제`` / ``## Exercises``), one ``###`` per
exercise. The solution follows in a collapsed ``/// details`` block (open on click). Solution
code lives in the chapter program's ``exercise-N`` sections, so the tests run it after the
chapter like every shown block, and the block right after each solution is a hidden check that
the solution shows what the page says it does. Notebooks and the benchmark leave the solutions
out (``project.is_exercise``).
"""

import re
from pathlib import Path

import pytest

from notebooks.program import shown_steps
from project import HIDDEN_CHECK, LANGUAGES, is_exercise
from snippet_programs import SNIPPETS

DOCS = Path(__file__).resolve().parent.parent / "docs"
HEADING = {"ko": "## 연습 문제", "en": "## Exercises"}
SOLUTION = {"ko": "/// details | 풀이", "en": "/// details | Solution"}
_EXERCISE_INCLUDE = re.compile(r'^--8<-- "snippets/[^"]+:(exercise-[^"]+)"$')
_SECTION_END = re.compile(r"<!-- --8<-- \[end:(exercise-\d+)\] -->")
MIN_EXERCISES = 3


def exercise_section(text: str, language: str) -> str | None:
    """The page's exercises section (to the end of the page), or None when it has none."""
    start = text.find(f"\n{HEADING[language]}\n")
    if start < 0:
        return None
    section = text[start + 1 :]
    later = re.search(r"^## ", section[3:], re.M)
    return section if later is None else section[: later.start() + 3]


def page_problems(text: str, language: str) -> list[str]:
    """What is wrong with the exercises of one page (its Markdown source)."""
    section = exercise_section(text, language)
    if section is None:
        return [f"no {HEADING[language]!r} section"]
    problems = []
    exercises = re.split(r"^### ", section, flags=re.M)[1:]
    if len(exercises) < MIN_EXERCISES:
        problems.append(f"{len(exercises)} exercises, at least {MIN_EXERCISES} expected")
    for exercise in exercises:
        title = exercise.splitlines()[0]
        lines = exercise.splitlines()
        opens = [i for i, line in enumerate(lines) if line == SOLUTION[language]]
        if len(opens) != 1:
            expected = SOLUTION[language]
            problems.append(f"{title!r}: {len(opens)} solutions, expected one {expected!r}")
            continue
        start = opens[0]
        if lines[start + 1 : start + 2] != ["    type: success"]:
            problems.append(f"{title!r}: the solution block is not `type: success`")
        closes = [i for i, line in enumerate(lines) if line == "///" and i > start]
        if not closes:
            problems.append(f"{title!r}: the solution block is never closed with ///")
            continue
        for i, line in enumerate(lines):
            if _EXERCISE_INCLUDE.match(line) and not start < i < closes[0]:
                problems.append(f"{title!r}: {line} is shown outside the folded solution")
    return problems


def program_problems(program_text: str) -> list[str]:
    """Solutions in the program that are not followed by a hidden check of what they show."""
    problems = []
    for end in _SECTION_END.finditer(program_text):
        after = program_text[end.end() :]
        fence = after.find("```python\n")
        if fence < 0 or not after[fence + len("```python\n") :].startswith(HIDDEN_CHECK):
            problems.append(f"{end.group(1)}: the next block is not a hidden check")
    return problems


def pages_with_exercises() -> list[tuple[str, Path]]:
    return [
        (language, page)
        for language in LANGUAGES
        for page in sorted((DOCS / language).glob("*.md"))
        if (SNIPPETS / page.name).is_file()
        and exercise_section(page.read_text(encoding="utf-8"), language) is not None
    ]


@pytest.mark.parametrize(
    ("language", "page"), pages_with_exercises(), ids=lambda x: getattr(x, "name", x)
)
def test_exercises_are_folded_and_enough(language, page):
    assert page_problems(page.read_text(encoding="utf-8"), language) == []


@pytest.mark.parametrize(
    "program",
    sorted({SNIPPETS / page.name for _, page in pages_with_exercises()}),
    ids=lambda p: p.name,
)
def test_every_solution_is_checked_and_left_out_of_the_notebook(program):
    text = program.read_text(encoding="utf-8")
    assert _SECTION_END.search(text), f"{program.name} has no exercise-N section"
    assert program_problems(text) == []
    assert not any(is_exercise(step.section) for step in shown_steps(program))


def test_the_checks_catch_an_unfolded_solution_and_an_unchecked_one():
    page = (DOCS / "ko" / "bptt.md").read_text(encoding="utf-8")
    assert page_problems(page, "ko") == []
    unfolded = page.replace(SOLUTION["ko"], "", 1)
    assert any("0 solutions" in p for p in page_problems(unfolded, "ko"))
    two_only = page[: page.rindex("\n### ")]
    assert page_problems(two_only, "ko") == ["2 exercises, at least 3 expected"]
    program = (SNIPPETS / "bptt.md").read_text(encoding="utf-8")
    unchecked = program.replace(
        "# Check (not shown on the page): the page shows this run, and a larger w_h", "# w_h", 1
    )
    assert program_problems(unchecked) == ["exercise-1: the next block is not a hidden check"]
    assert is_exercise("bptt.md:exercise-1") and not is_exercise("bptt.md:trace")


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_with_code_has_exercises(language):
    with_code = {program.name for program in SNIPPETS.glob("*.md")}
    with_exercises = {page.name for lang, page in pages_with_exercises() if lang == language}
    assert sorted(with_code - with_exercises) == []
