"""The page's ``RecurrentNetwork`` class, loaded from the very snippet sections the page shows."""

import numpy as np

from snippet_programs import SNIPPETS, code_blocks, expand_includes

CLASS_SECTIONS = ("class-forward", "class-backprop", "class-training", "class-evaluation")


def load_namespace() -> dict:
    """Execute the class's blocks (and nothing else of the chapter) in a fresh namespace."""
    includes = "\n".join(f'--8<-- "snippets/numpy-rnn.md:{name}"' for name in CLASS_SECTIONS)
    blocks = code_blocks(expand_includes(includes), joined=False)
    assert len(blocks) == len(CLASS_SECTIONS), "a class section is missing from the snippet"
    namespace = {"np": np}
    exec(
        compile("".join(block.code for block in blocks), str(SNIPPETS / "numpy-rnn.md"), "exec"),
        namespace,
    )
    return namespace
