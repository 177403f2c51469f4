"""The fast page's classes are the chapter's model: same weights, same gradients, same errors.

Each check runs on the page's own code (``numpy_fast.py`` loads the shown sections) and on
mutants, copies with one small change, which it must catch. Small random word ids keep it quick;
the page's program runs the same checks on the real data.
"""

import contextlib
import io

import numpy as np
import pytest
from numpy_fast import load_namespace

NAMES = ("w1x", "w1h", "b1", "w2", "b2")
TOLERANCE = 1e-5  # float32 rounding after an epoch, as the page states
FAST_CLASSES = ("FastRecurrentNetwork", "LeanRecurrentNetwork")
MUTATIONS = [  # (name, text in the fast page's classes, replacement, the class it breaks)
    ("tanh' one step off", "delta[k - 1] *= tanh_grad[k]", "delta[k - 1] *= tanh_grad[k - 1]",
     "FastRecurrentNetwork"),
    ("+= for np.add.at", "np.add.at(w1x_grad, x[:, first:].T.ravel(), deltas)",
     "w1x_grad[x[:, first:].T.ravel()] += deltas", "FastRecurrentNetwork"),
    ("no bias in the inputs", "z = self.w1x[x.T] + self.b1", "z = self.w1x[x.T] + 0 * self.b1",
     "FastRecurrentNetwork"),
    ("w1h untransposed", "np.matmul(delta[k], self.w1h.T, out=delta[k - 1])",
     "np.matmul(delta[k], self.w1h, out=delta[k - 1])", "FastRecurrentNetwork"),
    ("lean: tanh' one step off", "delta_k *= tanh_grad[k]", "delta_k *= tanh_grad[k - 1]",
     "LeanRecurrentNetwork"),
    ("lean: no bias in the inputs", "np.add(self.w1x[x.T], self.b1, out=h[1:])",
     "np.add(self.w1x[x.T], 0 * self.b1, out=h[1:])", "LeanRecurrentNetwork"),
    ("lean: the state left out of a step", "np.add(product, h_next, out=h_next)",
     "np.add(0 * product, h_next, out=h_next)", "LeanRecurrentNetwork"),
    ("lean: the window's ids one step off", "[x[:, first:].T.ravel()]",
     "[np.roll(x[:, first:].T, 1, axis=0).ravel()]", "LeanRecurrentNetwork"),
]
IDS = [m[0] for m in MUTATIONS]


def data(samples=640, steps=30, words=20, seed=1):
    rng = np.random.default_rng(seed)
    ids = rng.integers(0, words, size=(samples, steps))
    y = rng.integers(0, 2, size=samples)
    return ids, y


def largest_gaps(ns, cls="FastRecurrentNetwork") -> dict[str, float]:
    """One epoch of the chapter's class on one-hot vectors and of the fast ``cls`` on ids."""
    ids, y = data()
    slow = ns["RecurrentNetwork"](n_cells=8, learning_rate=0.1)
    fast = ns[cls](n_cells=8, learning_rate=0.1, n_words=20)
    with contextlib.redirect_stdout(io.StringIO()):
        slow.fit(np.eye(20, dtype=np.float32)[ids], y, epochs=1)
        fast.fit(ids, y, epochs=1)
    return {n: float(np.abs(getattr(slow, n) - getattr(fast, n)).max()) for n in NAMES}


def test_same_initial_weights_and_same_weights_after_one_epoch():
    ns = load_namespace()
    for cls in ("LookupNetwork", *FAST_CLASSES):
        a, b = ns["RecurrentNetwork"](n_cells=8), ns[cls](n_cells=8, n_words=20)
        a.init_weights(20, 1, np.float32)
        b.init_weights(20, 1, np.float32)
        assert all(np.array_equal(getattr(a, n), getattr(b, n)) for n in NAMES), cls
    for cls in FAST_CLASSES:
        gaps = largest_gaps(ns, cls)
        assert max(gaps.values()) < TOLERANCE, (cls, gaps)
        assert max(gaps.values()) > 0  # float32 sums in another order: equal would be a surprise


@pytest.mark.parametrize("mutation", MUTATIONS, ids=IDS)
def test_a_mutant_ends_the_epoch_with_other_weights(mutation):
    gaps = largest_gaps(load_namespace(mutation[1:3]), mutation[3])
    assert max(gaps.values()) > 100 * TOLERANCE, gaps


def test_gradients_match_autodiff_with_full_bptt():
    ns = load_namespace(with_checks=True)
    for cls in ("LookupNetwork", *FAST_CLASSES):
        errors = ns["ids_autodiff_errors"](ns[cls])
        assert max(errors.values()) < 1e-6, (cls, errors)


@pytest.mark.parametrize("mutation", MUTATIONS, ids=IDS)
def test_a_mutant_fails_the_gradient_check(mutation):
    ns = load_namespace(mutation[1:3], with_checks=True)
    errors = ns["ids_autodiff_errors"](ns[mutation[3]])
    assert max(errors.values()) > 1e-3, errors


@pytest.mark.parametrize("cls", FAST_CLASSES)
@pytest.mark.parametrize("window", [1, 3, 10])
def test_truncated_gradients_are_the_chapter_class(window, cls):
    """With a truncation window, the gradients equal the chapter class's on one-hot vectors."""
    ns = load_namespace()
    ids, y = data(samples=16, steps=12, words=6)
    y = y.reshape(-1, 1).astype(np.float64)
    x = np.eye(6)[ids]
    slow = ns["RecurrentNetwork"](n_cells=4, bptt_steps=window)
    fast = ns[cls](n_cells=4, n_words=6, bptt_steps=window, dtype=np.float64)
    for net in (slow, fast):
        net.init_weights(6, 1, np.float64)
        net.b1 = np.linspace(-0.2, 0.2, 4)
    err = slow.sigmoid(slow.forpass(x)) - y
    assert np.allclose(fast.forpass(ids), slow.forpass(x), rtol=0, atol=1e-12)
    for a, b in zip(slow.backprop(x, err), fast.backprop(ids, err), strict=True):
        assert np.allclose(a, b, rtol=0, atol=1e-12)


@pytest.mark.parametrize("bad, message", [
    (lambda ns, net, ids: net.predict(ids[:, :, None]), "must be 2-D"),
    (lambda ns, net, ids: net.predict(ids.astype(np.float32)), "must be 2-D"),
    (lambda ns, net, ids: net.predict(ids[:, :0]), "no time steps"),
    (lambda ns, net, ids: net.score(ids[:10], np.zeros(9)), "10 samples but y has 9"),
    (lambda ns, net, ids: net.predict(ids + 20), "outside 0..19"),
    (lambda ns, net, ids: net.predict(ids - 1), "outside 0..19"),
    (lambda ns, net, ids: type(net)().predict(ids), "call fit() first"),
    (lambda ns, net, ids: type(net)().count_params(), "call fit() first"),
    (lambda ns, net, ids: type(net)().fit(ids, np.zeros(len(ids)), x_val=ids), "together"),
])
@pytest.mark.parametrize("cls", FAST_CLASSES)
def test_bad_input_gets_the_chapter_class_errors(bad, message, cls):
    ns = load_namespace()
    ids, y = data(samples=32, steps=5)
    net = ns[cls](n_cells=4, n_words=20)
    with contextlib.redirect_stdout(io.StringIO()):
        net.fit(ids, y, epochs=1)
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        bad(ns, net, ids)


# The page's loader reads the file itself (less memory than load_data): it must hand out exactly
# the arrays of load_imdb, the other chapters' loader, which goes through load_data.
LOADER_MUTATIONS = [
    ("load_data's shuffle seed", "RandomState(113)", "RandomState(114)"),
    ("ids not shifted by 3", "np.array(reviews[i]) + 3", "np.array(reviews[i]) + 2"),
    ("the first maxlen ids kept", "[-maxlen:]", "[:maxlen]"),
    ("padded at the end", "x[row, maxlen - len(ids):] = ids", "x[row, :len(ids)] = ids"),
]


@pytest.fixture
def small_imdb(tmp_path):
    """An ``imdb.npz`` in Keras' layout: reviews as lists of stored ids, some over maxlen."""
    rng = np.random.default_rng(3)

    def reviews(n):
        out = np.empty(n, dtype=object)
        out[:] = [list(map(int, rng.integers(1, 60, size=rng.integers(0, 40)))) for _ in range(n)]
        return out

    path = tmp_path / "imdb.npz"
    np.savez(path, x_train=reviews(60), y_train=rng.integers(0, 2, size=60),
             x_test=reviews(30), y_test=rng.integers(0, 2, size=30))
    return path


def both_loaders(path, monkeypatch, mutation=None):
    """The fast page's ``load_imdb_lean`` and the shared ``load_imdb``, on the file at ``path``."""
    import keras
    from keras.src.datasets import imdb
    from numpy_fast import section_code

    lean = section_code("numpy-fast.md:load")
    if mutation is not None:
        assert lean.count(mutation[0]) == 1, f"the mutation {mutation[0]!r} no longer applies"
        lean = lean.replace(*mutation)
    monkeypatch.setattr(keras.utils, "get_file", lambda *args, **kwargs: str(path))
    monkeypatch.setattr(imdb, "get_file", lambda *args, **kwargs: str(path))
    mine, shared = {}, {}
    exec(compile(lean, "numpy-fast.md", "exec"), mine)
    exec(compile(section_code("common/imdb.md:load"), "imdb.md", "exec"), shared)
    settings = {"num_words": 50, "maxlen": 10, "n_train": 40}
    return mine["load_imdb_lean"](**settings), shared["load_imdb"](**settings)


def test_the_lean_loader_gives_load_imdbs_arrays(small_imdb, monkeypatch):
    lean, shared = both_loaders(small_imdb, monkeypatch)
    for mine, theirs in zip(lean, shared, strict=True):
        assert mine.dtype == theirs.dtype and mine.shape == theirs.shape
        assert np.array_equal(mine, theirs)
    assert (lean[0] == 0).any() and (lean[0] != 0).all(axis=1).any()  # padded and cut reviews


@pytest.mark.parametrize("mutation", [m[1:] for m in LOADER_MUTATIONS],
                         ids=[m[0] for m in LOADER_MUTATIONS])
def test_a_mutant_loader_is_caught(small_imdb, monkeypatch, mutation):
    lean, shared = both_loaders(small_imdb, monkeypatch, mutation)
    assert not all(np.array_equal(a, b) for a, b in zip(lean, shared, strict=True))
