"""Properties of the NumPy class on random small shapes: shapes, finiteness, clear errors."""

import contextlib
import io

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy_rnn import load_namespace

NS = load_namespace()
RecurrentNetwork = NS["RecurrentNetwork"]
FAST = settings(max_examples=30, deadline=None)

shapes = st.fixed_dictionaries(
    {
        "batch": st.integers(1, 5),
        "steps": st.integers(1, 12),
        "features": st.integers(1, 4),
        "cells": st.integers(1, 5),
        "bptt_steps": st.one_of(st.none(), st.integers(1, 12)),
        "seed": st.integers(0, 2**16),
    }
)


def problem(shape, dtype=np.float64):
    rng = np.random.default_rng(shape["seed"])
    x = rng.uniform(-3, 3, size=(shape["batch"], shape["steps"], shape["features"])).astype(dtype)
    y = rng.integers(0, 2, size=(shape["batch"], 1)).astype(dtype)
    net = RecurrentNetwork(n_cells=shape["cells"], bptt_steps=shape["bptt_steps"], seed=0)
    return net, x, y


def quiet_fit(net, x, y, **kwargs):
    with contextlib.redirect_stdout(io.StringIO()):
        return net.fit(x, y, **kwargs)


@FAST
@given(shapes, st.sampled_from([np.float32, np.float64]))
def test_forward_and_gradient_shapes_and_finiteness(shape, dtype):
    net, x, y = problem(shape, dtype)
    net.init_weights(shape["features"], 1, dtype)
    z = net.forpass(x)
    assert z.shape == (shape["batch"], 1)
    assert z.dtype == dtype
    assert len(net.h) == shape["steps"] + 1
    assert np.isfinite(z).all()
    grads = net.backprop(x, net.sigmoid(z) - y)
    for grad, name in zip(grads, ("w1h", "w1x", "b1", "w2", "b2"), strict=True):
        assert grad.shape == getattr(net, name).shape, name
        assert grad.dtype == dtype, name
        assert np.isfinite(grad).all(), name


@FAST
@given(shapes)
def test_fit_predict_score_are_finite_and_shaped(shape):
    net, x, y = problem(shape)
    quiet_fit(net, x, y, epochs=2, x_val=x, y_val=y)
    assert len(net.losses) == len(net.val_losses) == 2
    assert np.isfinite(net.losses).all() and np.isfinite(net.val_losses).all()
    prediction = net.predict(x)
    assert prediction.shape == (shape["batch"], 1) and prediction.dtype == bool
    assert 0 <= net.score(x, y) <= 1
    for name in ("w1h", "w1x", "b1", "w2", "b2"):
        assert np.isfinite(getattr(net, name)).all(), name


def raises(message, call):
    with pytest.raises(ValueError) as error:
        call()
    assert message in str(error.value)


@FAST
@given(shapes, st.integers(1, 3))
def test_wrong_shapes_raise_clear_errors(shape, extra):
    net, x, y = problem(shape)
    n, steps, features = x.shape
    raises("call fit() first", lambda: RecurrentNetwork().predict(x))
    raises("together", lambda: quiet_fit(RecurrentNetwork(), x, y, epochs=1, x_val=x))
    raises("together", lambda: quiet_fit(RecurrentNetwork(), x, y, epochs=1, y_val=y))
    raises("must be 3-D", lambda: quiet_fit(net, x[:, :, 0], y, epochs=1))
    raises("must be 3-D", lambda: quiet_fit(net, x[..., None], y, epochs=1))
    raises(
        f"x has {n} samples but y has {n + extra}", lambda: quiet_fit(net, x, np.ones(n + extra))
    )
    quiet_fit(net, x, y, epochs=1)
    raises("must be 3-D", lambda: net.predict(x[0]))
    wider = np.zeros((n, steps, features + extra))
    raises(
        f"x has {features + extra} features, but the network expects {features}",
        lambda: net.predict(wider),
    )
    raises("expects", lambda: net.score(wider, y))
    raises(f"but y has {n + extra}", lambda: net.score(x, np.ones(n + extra)))
    raises("expects", lambda: quiet_fit(RecurrentNetwork(), x, y, epochs=1, x_val=wider, y_val=y))
