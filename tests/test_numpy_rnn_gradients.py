"""The NumPy class's backprop must equal TensorFlow's automatic differentiation of the same loss.

On a sequence shorter than the truncation window, truncation changes nothing, so the two must
agree to float64 round-off for every parameter. Everything the site reports about the NumPy
model rests on this.
"""

import numpy as np
import pytest
import tensorflow as tf
from numpy_rnn import load_namespace

PARAMS = ("w1h", "w1x", "b1", "w2", "b2")


def numpy_and_autodiff_gradients(batch=6, steps=7, features=5, cells=4, bptt_steps=10, seed=0):
    ns = load_namespace()
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((batch, steps, features))
    y = rng.integers(0, 2, size=(batch, 1)).astype(np.float64)
    net = ns["RecurrentNetwork"](n_cells=cells, bptt_steps=bptt_steps, seed=seed)
    net.init_weights(features, 1, np.float64)
    # The class's training step hands backprop dL/dz2 = a - y of the mean loss (times m).
    a = net.sigmoid(net.forpass(x))
    ours = dict(zip(PARAMS, net.backprop(x, a - y), strict=True))

    weights = {name: tf.Variable(getattr(net, name)) for name in PARAMS}
    with tf.GradientTape() as tape:
        h = tf.zeros((batch, cells), dtype=tf.float64)
        for t in range(steps):
            h = tf.tanh(x[:, t] @ weights["w1x"] + h @ weights["w1h"] + weights["b1"])
        z = h @ weights["w2"] + weights["b2"]
        loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels=y, logits=z))
    theirs = dict(zip(PARAMS, tape.gradient(loss, list(weights.values())), strict=True))
    return ours, {name: grad.numpy() for name, grad in theirs.items()}


def relative_error(a, b):
    return np.linalg.norm(a - b) / max(np.linalg.norm(a) + np.linalg.norm(b), 1e-300)


@pytest.mark.parametrize("name", PARAMS)
def test_backprop_equals_autodiff_within_the_window(name):
    ours, theirs = numpy_and_autodiff_gradients()
    assert ours[name].shape == theirs[name].shape
    assert relative_error(ours[name], theirs[name]) < 1e-6


def test_truncation_changes_gradients_beyond_the_window():
    # 30 steps, window 10: the recurrent weights' gradients must differ from full BPTT,
    # while the output layer's, which no truncation touches, stay equal.
    ours, theirs = numpy_and_autodiff_gradients(steps=30, bptt_steps=10)
    assert relative_error(ours["w2"], theirs["w2"]) < 1e-6
    assert relative_error(ours["w1h"], theirs["w1h"]) > 1e-6
