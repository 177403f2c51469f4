"""Collect each ``snippets/*.md`` as one program, executed by pytest-codeblocks' runner.

Marks the slow tier: ``training`` on the blocks of a program that trains a model, ``browser`` on
the Chromium tests (``make test-fast`` deselects both).

The stand-ins for downloads, nothing else (``stand_ins.py``): where ``../shared/data/imdb`` exists
(this project's machines, offline), Keras is handed that folder's files where it would download
``imdb.npz`` and ``imdb_word_index.json``; where ``../shared/data/nsmc`` exists,
``keras.utils.get_file`` hands over that folder's NSMC files (byte-identical to the public ones)
once the hash the caller asks for matches. Everywhere else (a reader, GitHub Actions) the real
download runs.
"""

from pathlib import Path

import pytest
from pytest_codeblocks.plugin import TestBlock

from snippet_programs import ROOT, SNIPPETS, code_blocks, expand_snippets, trains
from stand_ins import hand_over_local_data

BROWSER_TESTS = ROOT / "tests" / "browser"


class ChapterProgram(pytest.File):
    def collect(self):
        program = expand_snippets(self.path)
        slow = trains(program)
        blocks = code_blocks(program, joined=True)
        for block in blocks:
            item = TestBlock.from_parent(self, name=f"line {block.lineno}")
            item.obj = block
            if slow:
                item.add_marker(pytest.mark.training)
            yield item

    def setup(self):
        self._monkeypatch = pytest.MonkeyPatch()
        hand_over_local_data(self._monkeypatch.setattr)

    def teardown(self):
        self._monkeypatch.undo()


def pytest_collection_modifyitems(items):
    for item in items:
        if BROWSER_TESTS in item.path.parents:
            item.add_marker(pytest.mark.browser)


def pytest_collect_file(file_path: Path, parent):
    if file_path.suffix == ".md" and file_path.parent == SNIPPETS:
        return ChapterProgram.from_parent(parent, path=file_path)
    return None
