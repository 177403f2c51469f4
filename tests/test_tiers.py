"""The quick tier (``make test-fast``) runs every guard but the trainings and the browser checks.

The marker expression is read from the Makefile's ``FAST`` line, so what is tested is what
``make test-fast`` runs. Its selection must hold a test of each kind listed in ``GUARDS`` (a broken
page, a stale figure or a broken workflow must fail the quick tier too), and what it leaves out
must be exactly the browser tests and the programs that train.
"""

import re
import subprocess
import sys

from conftest import ROOT
from snippet_programs import SNIPPETS, expand_snippets, trains

# A test file of each kind the quick tier must run: what it catches.
GUARDS = {
    "tests/test_site.py": "a page that breaks the strict build",
    "tests/test_parity.py": "twin pages that differ",
    "tests/test_terms.py": "an avoided term",
    "tests/test_code_pages.py": "a page showing code that no program runs",
    "tests/test_diagrams.py": "a stale figure",
    "tests/test_notebooks.py": "a stale notebook",
    "tests/test_memory_page.py": "a memory page off its stored run",
    "tests/test_pitfalls_results.py": "a pitfalls page off its stored runs",
    "tests/test_workflows.py": "a broken workflow",
    "tests/test_tiers.py": "a tier that drops a guard",
}


def fast_expression() -> str:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    return re.search(r"^FAST\s*:=\s*(.+)$", makefile, re.M).group(1).strip()


def collected(*selections: tuple[str, ...]) -> list[set[str]]:
    """Node ids pytest collects with each tuple of arguments (collected side by side)."""
    command = [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"]
    runs = [
        subprocess.Popen([*command, *args], stdout=subprocess.PIPE, text=True, cwd=ROOT)
        for args in selections
    ]
    outputs = [run.communicate()[0] for run in runs]
    assert all(run.returncode == 0 for run in runs), outputs
    return [{line for line in out.splitlines() if "::" in line} for out in outputs]


def slow_by_design(node: str) -> bool:
    path = node.split("::")[0]
    if path.startswith("tests/browser/"):
        return True
    return path.startswith("snippets/") and trains(expand_snippets(ROOT / path))


def tier_problems(everything: set[str], fast: set[str]) -> list[str]:
    problems = [f"{path} ({what}) is not in the quick tier" for path, what in GUARDS.items()
                if not any(node.startswith(f"{path}::") for node in fast)]
    for node in sorted(everything - fast):
        if not slow_by_design(node):
            problems.append(f"{node} is left out of the quick tier but neither trains nor browses")
    for node in sorted(fast):
        if slow_by_design(node):
            problems.append(f"{node} trains or browses but the quick tier runs it")
    return problems


def test_quick_tier_runs_every_guard_and_leaves_out_only_the_slow_tests():
    everything, fast = collected((), ("-m", fast_expression()))
    assert fast < everything
    assert tier_problems(everything, fast) == []


def test_tier_check_catches_a_dropped_guard_and_a_slow_test():
    everything = {"tests/test_site.py::a", "tests/test_diagrams.py::b", "tests/browser/x.py::c"}
    fast = {"tests/test_site.py::a", "tests/browser/x.py::c"}
    problems = tier_problems(everything, fast)
    assert any("test_diagrams.py (a stale figure)" in p for p in problems)
    assert any("test_diagrams.py::b is left out" in p for p in problems)
    assert any("x.py::c trains or browses" in p for p in problems)


def test_the_programs_that_train_are_the_ones_that_fit():
    training = {path.name for path in SNIPPETS.glob("*.md") if trains(expand_snippets(path))}
    assert "lstm.md" in training and "checking.md" not in training
