"""The offline stand-ins for the downloads (``stand_ins.py``): the downloads alone, checked.

The NSMC one hands over a local copy only where the shared folder exists, only for a file that
folder holds and only when the caller's hash matches; anything else goes to the real download.
The notebooks' kernels load the same module in their start-up (``notebooks/build.py``).
"""

import hashlib

import keras
import pytest

from notebooks.build import STAND_INS, STARTUP
from stand_ins import (
    LOCAL_IMDB,
    LOCAL_NSMC,
    hand_over_local_nsmc,
    local_get_file,
    local_imdb_get_file,
)

ORIGIN = "https://raw.githubusercontent.com/e9t/nsmc/master/"


@pytest.fixture
def folder(tmp_path):
    text = "id\tdocument\tlabel\n1\t최고\t1\n"
    (tmp_path / "ratings_test.txt").write_text(text, encoding="utf-8")
    return tmp_path


def sha256(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def downloads(calls):
    def download(fname, origin, **kwargs):
        calls.append((fname, origin))
        return "downloaded"

    return download


def test_a_local_file_with_the_right_hash_is_handed_over(folder):
    calls = []
    get_file = local_get_file(folder, downloads(calls))
    path = folder / "ratings_test.txt"
    name = "ratings_test.txt"
    assert get_file(name, ORIGIN + name, file_hash=sha256(path)) == str(path)
    assert calls == []


def test_a_wrong_hash_fails_as_a_download_would(folder):
    get_file = local_get_file(folder, downloads([]))
    with pytest.raises(ValueError, match="does not match"):
        get_file("ratings_test.txt", ORIGIN + "ratings_test.txt", file_hash="0" * 64)


def test_other_files_and_origins_go_to_the_real_download(folder):
    calls = []
    get_file = local_get_file(folder, downloads(calls))
    assert get_file("ratings_train.txt", ORIGIN + "ratings_train.txt") == "downloaded"
    assert get_file("ratings_test.txt", "https://example.org/other.txt") == "downloaded"
    assert [name for name, _ in calls] == ["ratings_train.txt", "ratings_test.txt"]


def test_without_the_shared_folder_nothing_is_patched(tmp_path):
    real = keras.utils.get_file
    with pytest.MonkeyPatch.context() as monkeypatch:
        hand_over_local_nsmc(tmp_path / "missing", monkeypatch.setattr)
        assert keras.utils.get_file is real
        hand_over_local_nsmc(tmp_path, monkeypatch.setattr)
        assert keras.utils.get_file is not real
    assert keras.utils.get_file is real


def test_the_imdb_loader_gets_a_local_file_and_downloads_any_other(folder):
    calls = []
    get_file = local_imdb_get_file(folder, downloads(calls))
    assert get_file("ratings_test.txt", "https://example.org/x") == str(folder / "ratings_test.txt")
    assert get_file("imdb.npz", "https://example.org/imdb.npz") == "downloaded"
    assert calls == [("imdb.npz", "https://example.org/imdb.npz")]


def test_the_kernel_start_up_hands_over_the_data_and_leaves_no_name(monkeypatch):
    from keras.src.datasets import imdb

    real = keras.utils.get_file, imdb.get_file
    # The start-up sets the attributes for good (a kernel lives for one notebook): undo them here.
    monkeypatch.setattr(keras.utils, "get_file", real[0])
    monkeypatch.setattr(imdb, "get_file", real[1])
    namespace = {}
    exec(STARTUP.format(path=str(STAND_INS)), namespace)
    assert set(namespace) == {"__builtins__"}
    # Handed over where the shared folders exist (offline), left alone elsewhere (CI).
    assert (keras.utils.get_file is not real[0]) == LOCAL_NSMC.is_dir()
    assert (imdb.get_file is not real[1]) == LOCAL_IMDB.is_dir()
    with pytest.raises(FileNotFoundError):
        exec(STARTUP.format(path=str(STAND_INS.with_name("missing.py"))), {})


@pytest.mark.skipif(not LOCAL_NSMC.is_dir(), reason="../shared/data/nsmc exists only offline")
def test_the_shared_files_match_the_chapters_hashes():
    import re

    from snippet_programs import SNIPPETS

    program = (SNIPPETS / "nsmc.md").read_text(encoding="utf-8")
    hashes = dict(re.findall(r'"(ratings_\w+\.txt)": "([0-9a-f]{64})"', program))
    assert set(hashes) == {"ratings_train.txt", "ratings_test.txt"}
    for name, digest in hashes.items():
        assert sha256(LOCAL_NSMC / name) == digest, name


def test_imdb_npz_asked_for_by_its_official_hash_is_the_local_copy(tmp_path):
    from stand_ins import IMDB_SHA256, local_imdb_npz_get_file

    (tmp_path / "imdb.npz").write_bytes(b"local")
    calls = []
    get_file = local_imdb_npz_get_file(tmp_path, downloads(calls))
    origin = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/imdb.npz"
    assert get_file("imdb.npz", origin, file_hash=IMDB_SHA256) == str(tmp_path / "imdb.npz")
    assert get_file("imdb.npz", origin) == str(tmp_path / "imdb.npz")
    with pytest.raises(ValueError, match="not 0000"):
        get_file("imdb.npz", origin, file_hash="0" * 64)
    assert get_file("other.npz", "https://example.org/other.npz") == "downloaded"
    assert get_file("imdb.npz", "https://example.org/elsewhere.npz") == "downloaded"
    assert calls == [("other.npz", "https://example.org/other.npz"),
                     ("imdb.npz", "https://example.org/elsewhere.npz")]


def test_the_official_imdb_hash_is_the_one_keras_checks():
    import inspect

    from keras.src.datasets import imdb

    from stand_ins import IMDB_SHA256

    assert IMDB_SHA256 in inspect.getsource(imdb.load_data)
