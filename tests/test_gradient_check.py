"""The page "Checking our RNN" shows two gradient checks; they must catch a broken backprop.

The checks are the page's own functions (``autodiff_errors``, ``finite_difference_errors``,
loaded from ``snippets/checking.md``). Each is applied to the real class, which passes, and to
mutants: copies of the class whose ``backprop`` source has one small change, which must fail both.
"""

import numpy as np
import pytest
from numpy_rnn import CLASS_SECTIONS

from snippet_programs import code_blocks, expand_includes

CHECK_SECTIONS = ("imports", "twin", "autodiff", "finite-differences")
# (name, text in class-backprop, replacement)
MUTATIONS = [
    ("note's missing transpose", "err_to_cell @ self.w1h.T", "err_to_cell @ self.w1h"),
    ("sign of b1", "b1_grad += err_to_cell", "b1_grad -= err_to_cell"),
    ("tanh derivative", "(1 - h_prev**2)", "(1 + h_prev**2)"),
    ("off by one step", "h_prev = self.h[t]", "h_prev = self.h[t + 1]"),
]


def section_code(program: str, name: str) -> str:
    [block] = code_blocks(expand_includes(f'--8<-- "snippets/{program}:{name}"'), joined=False)
    return block.code


def class_code(mutation=None) -> str:
    """The class's source (all four sections), with one mutation applied to backprop."""
    parts = []
    for name in CLASS_SECTIONS:
        code = section_code("numpy-rnn.md", name)
        if mutation is not None and name == "class-backprop":
            _, old, new = mutation
            assert code.count(old) == 1, f"the mutation {old!r} no longer applies"
            code = code.replace(old, new)
        parts.append(code)
    return "".join(parts)


def checks(mutation=None) -> dict:
    """A namespace with the page's check functions and a (possibly mutated) class."""
    namespace = {"np": np}
    exec(compile(section_code("checking.md", "imports"), "checking.md", "exec"), namespace)
    exec(compile(class_code(mutation), "numpy-rnn.md", "exec"), namespace)
    for name in CHECK_SECTIONS[1:]:
        code = section_code("checking.md", name)
        if name == "finite-differences":  # keep the function, not the loop that prints its result
            code = code.split("\n\nfor name, error in")[0] + "\n"
        exec(compile(code, "checking.md", "exec"), namespace)
    return namespace


def test_the_real_class_passes_both_checks():
    ns = checks()
    assert max(ns["autodiff_errors"](ns["RecurrentNetwork"]).values()) < 1e-6
    assert max(ns["finite_difference_errors"](ns["RecurrentNetwork"]).values()) < 1e-6


@pytest.mark.parametrize("mutation", MUTATIONS, ids=[m[0] for m in MUTATIONS])
def test_a_mutant_fails_both_checks(mutation):
    ns = checks(mutation)
    mutant = ns["RecurrentNetwork"]
    autodiff = ns["autodiff_errors"](mutant)
    finite = ns["finite_difference_errors"](mutant)
    assert max(autodiff.values()) > 1e-3, autodiff
    assert max(finite.values()) > 1e-3, finite
    # Only the recurrent layer's gradients are wrong: the output layer's stay exact.
    assert autodiff["w2"] < 1e-12 and finite["w2"] < 1e-6
