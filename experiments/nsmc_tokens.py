"""`make nsmc-tokens`: the NSMC chapter's three tokenizations, measured side by side, once.

Runs the chapter's shown code up to its tokenizers (``snippets/nsmc.md``: loading, cleaning, the
``words``, ``syllables`` and ``morphemes`` functions), then for each tokenization builds the
vocabulary as the chapter does (every token seen at least twice in the training part of the same
split) and measures:

* the vocabulary size, and the share of test tokens outside it;
* the sequence length: median and 90th percentile of tokens per review;
* the validation accuracy of one small model, the same for all three (the chapter's
  Embedding(32) + LSTM(8), three epochs, seed 42), on sequences cut at each tokenization's own
  90th percentile, so no tokenization loses more of its reviews than another.

Writes ``snippets/results/nsmc-tokens.json``, which the pages cite
(``{{ results.nsmc-tokens.KEY }}``).
Offline, the data comes from ``../shared/data/nsmc`` through the tests' stand-in.
"""

import json
import time
from collections import Counter

import numpy as np

from project import is_hidden
from snippet_programs import SNIPPETS, code_blocks, expand_snippets
from stand_ins import hand_over_local_nsmc

PROGRAM = SNIPPETS / "nsmc.md"
RESULTS = SNIPPETS / "results" / "nsmc-tokens.json"
LAST_SECTION = "def morphemes("  # the shown block that defines the last tokenizer
VAL_SIZE, MIN_COUNT, EPOCHS = 15_000, 2, 3


def chapter_namespace() -> dict:
    """The chapter's shown code, run up to its tokenizers, with the offline stand-in if any."""
    import matplotlib

    matplotlib.use("Agg")
    hand_over_local_nsmc()
    namespace: dict = {}
    for block in code_blocks(expand_snippets(PROGRAM), joined=False):
        if is_hidden(block.code):
            continue
        exec(compile(block.code, str(PROGRAM), "exec"), namespace)  # noqa: S102
        if LAST_SECTION in block.code:
            return namespace
    raise RuntimeError(f"{PROGRAM} has no block with {LAST_SECTION!r}")


def measure(name: str, train_tokens: list, test_tokens: list, labels, order) -> dict:
    import keras

    val, train = order[:VAL_SIZE], order[VAL_SIZE:]
    counts = Counter(token for i in train for token in train_tokens[i])
    vocabulary = [token for token, n in counts.most_common() if n >= MIN_COUNT]
    token_to_id = {token: i + 2 for i, token in enumerate(vocabulary)}
    lengths = np.array([len(tokens) for tokens in train_tokens])
    maxlen = int(np.percentile(lengths, 90))
    unknown = np.mean([t not in token_to_id for tokens in test_tokens for t in tokens])
    x = keras.utils.pad_sequences(
        [[token_to_id.get(t, 1) for t in tokens] for tokens in train_tokens], maxlen=maxlen
    )
    keras.utils.set_random_seed(42)
    model = keras.Sequential(
        [
            keras.Input(shape=(maxlen,)),
            keras.layers.Embedding(len(vocabulary) + 2, 32),
            keras.layers.LSTM(8),
            keras.layers.Dense(1, activation="sigmoid"),
        ]
    )
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"],
                  jit_compile=True)
    start = time.perf_counter()
    history = model.fit(x[train], labels[train], epochs=EPOCHS, batch_size=128,
                        validation_data=(x[val], labels[val]), verbose=2)
    print(f"{name}: trained in {time.perf_counter() - start:.0f} s", flush=True)
    return {
        f"{name}_vocabulary": len(vocabulary) + 2,
        f"{name}_unknown_percent": round(100 * float(unknown), 2),
        f"{name}_length_median": int(np.median(lengths)),
        f"{name}_length_p90": maxlen,
        f"{name}_val_accuracy": round(float(history.history["val_accuracy"][-1]), 4),
    }


def main() -> None:
    chapter = chapter_namespace()
    texts, labels, test_texts = chapter["texts"], chapter["labels"], chapter["test_texts"]
    order = np.random.RandomState(42).permutation(len(texts))
    found = {}
    for name, tokenize in [
        ("words", lambda docs: [chapter["words"](d) for d in docs]),
        ("syllables", lambda docs: [chapter["syllables"](d) for d in docs]),
        ("morphemes", chapter["morphemes"]),
    ]:
        found.update(measure(name, tokenize(texts), tokenize(test_texts), labels, order))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(found, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(found, indent=1))


if __name__ == "__main__":
    main()
