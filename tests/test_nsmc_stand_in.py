"""The offline stand-in for the NSMC download (``conftest.py``): the download alone, checked.

It hands over a local copy only where the shared folder exists, only for a file that folder
holds and only when the caller's hash matches; anything else goes to the real download.
"""

import hashlib

import keras
import pytest

from stand_ins import LOCAL_NSMC, hand_over_local_nsmc, local_get_file

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
        hand_over_local_nsmc(monkeypatch, tmp_path / "missing")
        assert keras.utils.get_file is real
        hand_over_local_nsmc(monkeypatch, tmp_path)
        assert keras.utils.get_file is not real
    assert keras.utils.get_file is real


@pytest.mark.skipif(not LOCAL_NSMC.is_dir(), reason="../shared/data/nsmc exists only offline")
def test_the_shared_files_match_the_chapters_hashes():
    import re

    from snippet_programs import SNIPPETS

    program = (SNIPPETS / "nsmc.md").read_text(encoding="utf-8")
    hashes = dict(re.findall(r'"(ratings_\w+\.txt)": "([0-9a-f]{64})"', program))
    assert set(hashes) == {"ratings_train.txt", "ratings_test.txt"}
    for name, digest in hashes.items():
        assert sha256(LOCAL_NSMC / name) == digest, name
