"""The classes of the page "Making the NumPy RNN fast", loaded from the very sections it shows."""

import numpy as np

from snippet_programs import code_blocks, expand_includes

CHAPTER = [f"numpy-rnn.md:{name}" for name in
           ("class-forward", "class-backprop", "class-training", "class-evaluation")]
FAST = ["numpy-fast.md:lookup-class", "numpy-fast.md:fast-class", "numpy-fast.md:lean-class"]
CHECKS = ["checking.md:imports", "checking.md:twin", "checking.md:autodiff"]


def section_code(ref: str) -> str:
    [block] = code_blocks(expand_includes(f'--8<-- "snippets/{ref}"'), joined=False)
    return block.code


def gradient_function() -> str:
    """The page's ``ids_autodiff_errors``, without the loop that prints its results."""
    return section_code("numpy-fast.md:gradients").split("\n\n\nfor network_class in")[0] + "\n"


def load_namespace(mutation=None, with_checks=False) -> dict:
    """The chapter's class and the fast page's three classes, run in a fresh namespace.

    ``mutation`` is ``(text, replacement)`` applied once to the fast page's class code.
    """
    fast = "".join(section_code(ref) for ref in FAST)
    if mutation is not None:
        old, new = mutation
        assert fast.count(old) == 1, f"the mutation {old!r} no longer applies"
        fast = fast.replace(old, new)
    chapter = "".join(section_code(ref) for ref in CHAPTER)
    namespace = {"np": np}
    exec(compile(chapter, "numpy-rnn.md", "exec"), namespace)
    exec(compile(fast, "numpy-fast.md", "exec"), namespace)
    if with_checks:
        for ref in CHECKS:
            exec(compile(section_code(ref), ref, "exec"), namespace)
        exec(compile(gradient_function(), "numpy-fast.md", "exec"), namespace)
    return namespace
