"""A chapter that compares several models and evaluates one on a test set (the NSMC chapter).

Its outputs hold one training log per model, a line per model, and a test accuracy; the results
and benchmark hooks read them, and the tokenization experiment's stored numbers, as the pages
cite them.
"""

import json

import pytest
from mkdocs.exceptions import PluginError
from sitelib import load_hook

from notebooks.outputs import MissingOutput, model_lines, results

LOG = """\
SimpleRNN
Epoch 1/3
1/1 - 1s - accuracy: 0.7 - val_accuracy: 0.7100
Epoch 2/3
1/1 - 1s - accuracy: 0.7 - val_accuracy: 0.7200
Epoch 3/3
1/1 - 1s - accuracy: 0.7 - val_accuracy: 0.7300
SimpleRNN: 12.5 s per epoch, validation accuracy 0.7300
BiLSTM
Epoch 1/2
1/1 - 1s - accuracy: 0.8 - val_accuracy: 0.8400
Epoch 2/2
1/1 - 1s - accuracy: 0.8 - val_accuracy: 0.8500
BiLSTM: 30.0 s per epoch, validation accuracy 0.8500
chosen: BiLSTM
validation accuracy: 0.8500
test accuracy: 0.8456
"""


def test_each_models_log_counts_and_the_last_gives_the_epochs():
    found = results(LOG)
    assert found["epochs"] == 2 and found["val_accuracy"] == 0.85
    assert found["test_accuracy"] == 0.8456
    assert model_lines(LOG) == {"SimpleRNN": (12.5, 0.73), "BiLSTM": (30.0, 0.85)}


def test_a_log_with_a_missing_epoch_still_fails():
    with pytest.raises(MissingOutput, match="not 1..3"):
        results(LOG.replace("Epoch 2/3\n", ""))


def test_the_benchmark_hook_gives_test_accuracies_of_the_runs_that_have_them():
    hook = load_hook("benchmark")
    runs = [
        {"kind": "ours", "chapter": "nsmc", "seed": s, "finished": "2026-12-03T10:00:00",
         "code_hash": "a", "models": {"nsmc": {"final_val_accuracy": 0.85, "test_accuracy": t}}}
        for s, t in enumerate([0.861, 0.859, 0.864])
    ]
    text = "{{ bench.ours.nsmc.test }} {{bench.ours.nsmc.test_min}}-{{bench.ours.nsmc.test_max}}"
    assert hook.replace_tokens(text, runs) == "0.8610 0.8590-0.8640"
    del runs[0]["models"]["nsmc"]["test_accuracy"]
    assert hook.replace_tokens("{{ bench.ours.nsmc.test }}", runs) == "0.8615"


def test_experiment_numbers_are_formatted_by_kind_and_a_missing_one_fails(tmp_path, monkeypatch):
    hook = load_hook("results")
    stored = {"words_vocabulary": 123456, "words_unknown_percent": 12.345,
              "words_val_accuracy": 0.81234}
    (tmp_path / "nsmc-tokens.json").write_text(json.dumps(stored), encoding="utf-8")
    monkeypatch.setattr(hook, "EXPERIMENT_DATA", tmp_path)
    text = ("{{ results.nsmc-tokens.words_vocabulary }} "
            "{{ results.nsmc-tokens.words_unknown_percent }} "
            "{{ results.nsmc-tokens.words_val_accuracy }}")
    assert hook.replace_tokens(text, tmp_path) == "123,456 12.3 0.8123"
    with pytest.raises(PluginError, match="has no words_length_median"):
        hook.replace_tokens("{{ results.nsmc-tokens.words_length_median }}", tmp_path)
