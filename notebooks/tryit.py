"""The weights of a trained chapter model for the in-page panel (docs/assets/tryit/).

``make notebooks SLUG=lstm`` (or ``nsmc``) executes the chapter, then runs one more cell in the
same kernel, never saved in the notebook, that dumps the trained model's weights, its input
length and the vocabulary of the run (``CELLS``). ``write_export`` turns that dump into
``SLUG.json``: float32 weights in base64 (exact: the panel computes with the very numbers Keras
holds), the tokens of the ids the panel can meet, and the notebook's ``source_hash``, so that a
change of the chapter's code makes the file stale (tests/test_tryit.py).

Two tokenizers: the LSTM chapter's English words with Keras' IMDB ids (``imdb-words``), and the
NSMC chapter's Korean syllables (``syllables``), which JavaScript cuts exactly as Python does.
"""

import base64
import json
from pathlib import Path

import numpy as np

from notebooks import DOCS

TRYIT = DOCS / "assets" / "tryit"
GENERATED_BY = "make notebooks SLUG={slug}"

# Chapter -> the variable of its trained model in the chapter's code.
MODELS = {"lstm": "model_lstm", "nsmc": "model_syllables"}

# load_imdb's load_data(skip_top=20): ids below it (the most frequent words) are dropped. The
# chapter's encode_review states it as `20 <= i`; the tokenizer test holds the two together.
SKIP_TOP = 20
# load_data shifts a word's rank by 3: ids 0, 1, 2 are padding, start and out-of-vocabulary.
INDEX_FROM = 3

# What each chapter's dump holds besides the weights: its vocabulary, as the chapter's code
# names it.
VOCABULARY = {
    "lstm": """separators=SEPARATORS,
    word_index=_np.array(sorted(word_to_id.items(), key=lambda w: w[1])),""",
    "nsmc": "tokens=_np.array(syllable_vocabulary),",
}
CELL = """\
import numpy as _np
_np.savez(
    {path!r},
    *{model}.get_weights(),
    maxlen={model}.input_shape[1],
    layers=[type(layer).__name__ for layer in {model}.layers],
    {vocabulary}
)
del _np
"""
# NSMC: ids 0 and 1 are padding and a syllable outside the vocabulary; the vocabulary's first
# syllable is id 2 (the chapter's syllable_to_id).
UNKNOWN_ID = 1


def export_cell(slug: str, dump: Path) -> str:
    return CELL.format(path=str(dump), model=MODELS[slug], vocabulary=VOCABULARY[slug])


def export_path(slug: str, docs: Path = DOCS) -> Path:
    return docs / "assets" / "tryit" / f"{slug}.json"


def b64(array: np.ndarray) -> dict:
    data = np.ascontiguousarray(array, dtype="<f4")
    return {"shape": list(data.shape), "float32": base64.b64encode(data.tobytes()).decode()}


def export(dump: Path, source_hash: str, slug: str) -> dict:
    """What the panel reads: the model's weights and the vocabulary of its ids."""
    with np.load(dump) as saved:
        layers = [str(name) for name in saved["layers"]]
        if layers != ["Embedding", "LSTM", "Dense"]:
            raise ValueError(f"{slug}: the panel runs Embedding, LSTM, Dense, not {layers}")
        embedding, kernel, recurrent, bias, dense, dense_bias = (
            saved[f"arr_{i}"] for i in range(6)
        )
        maxlen = int(saved["maxlen"])
        if "tokens" in saved:
            tokenizer = syllables([str(token) for token in saved["tokens"]], maxlen)
        else:
            ranks = {int(rank): str(word) for word, rank in saved["word_index"]}
            tokenizer = imdb_words(ranks, str(saved["separators"]), embedding.shape[0], maxlen)
    named = tokenizer["first_id"] + len(tokenizer.get("tokens") or tokenizer["words"])
    if named != len(embedding):
        raise ValueError(f"{slug}: {named} ids in the vocabulary, {len(embedding)} embedded")
    return {
        "source_hash": source_hash,
        "generated_by": GENERATED_BY.format(slug=slug),
        "tokenizer": tokenizer,
        "model": {
            "kind": "embedding-lstm-dense",
            # Keras' LSTM: kernel columns in the order input, forget, candidate, output gate.
            "embedding": b64(embedding),
            "kernel": b64(kernel),
            "recurrent_kernel": b64(recurrent),
            "bias": b64(bias),
            "dense_kernel": b64(dense),
            "dense_bias": b64(dense_bias),
        },
    }


def imdb_words(ranks: dict[int, str], separators: str, num_words: int, maxlen: int) -> dict:
    # Every id a typed word can get below num_words (the first ranks, shifted), in id order;
    # those below SKIP_TOP are kept only so the panel can say they were dropped as too frequent.
    return {
        "kind": "imdb-words",
        "separators": separators,
        "index_from": INDEX_FROM,
        "first_id": INDEX_FROM + 1,
        "skip_top": SKIP_TOP,
        "num_words": num_words,
        "maxlen": maxlen,
        "words": [ranks[rank] for rank in range(1, num_words - INDEX_FROM)],
    }


def syllables(tokens: list[str], maxlen: int) -> dict:
    return {
        "kind": "syllables",
        "first_id": UNKNOWN_ID + 1,
        "unknown_id": UNKNOWN_ID,
        "maxlen": maxlen,
        "tokens": tokens,
    }


def write_export(slug: str, dump: Path, source_hash: str, docs: Path = DOCS) -> Path:
    path = export_path(slug, docs)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(export(dump, source_hash, slug), ensure_ascii=False, separators=(",", ":"))
    path.write_text(text + "\n", encoding="utf-8")
    return path
