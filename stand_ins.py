"""The offline stand-ins for the IMDB and NSMC downloads, the one copy every runner uses.

The tests (``conftest.py``), the notebooks' kernels (``notebooks/build.py`` loads this file in
their start-up) and the experiments hand Keras the files of ``../shared/data/imdb`` and
``../shared/data/nsmc`` where it would download them, and only where those folders exist (this
project's machines, offline). Everywhere else (a reader, GitHub Actions) the real download runs.

* IMDB: ``keras.datasets.imdb`` gets ``imdb.npz`` and ``imdb_word_index.json`` from the folder.
  Keras would reject a copy in its cache: the local ``imdb.npz`` has another sha256 than the
  official file (same arrays, another zip packaging). Code that fetches ``imdb.npz`` itself
  through ``keras.utils.get_file`` (the fast NumPy page) gets the local copy when it asks for the
  official file's hash, and fails when it asks for another hash, as the download would.
* NSMC: ``keras.utils.get_file`` hands over the folder's files, byte-identical to the public ones,
  once the hash the caller asks for matches.

Each ``hand_over_*`` sets the attribute with ``set_attribute`` (``setattr``; pass a
``MonkeyPatch``'s ``setattr`` to have it undone).
"""

from pathlib import Path

SHARED_DATA = Path(__file__).resolve().parent.parent / "shared" / "data"
LOCAL_IMDB = SHARED_DATA / "imdb"
LOCAL_NSMC = SHARED_DATA / "nsmc"
# The sha256 Keras checks for the official imdb.npz (keras/src/datasets/imdb.py).
IMDB_SHA256 = "69664113be75683a8fe16e3ed0ab59fda8886cb3cd7ada244f7d9544e4676b9f"


def local_imdb_get_file(folder: Path, download):
    """The IMDB loader's ``get_file``, handing over ``folder``'s copy of a file where it has one."""

    def get_file(fname=None, origin=None, **kwargs):
        local = folder / fname
        return str(local) if local.is_file() else download(fname, origin, **kwargs)

    return get_file


def local_imdb_npz_get_file(folder: Path, download):
    """``keras.utils.get_file`` handing ``folder``'s ``imdb.npz`` to a caller of Keras' file."""

    def get_file(fname=None, origin=None, file_hash=None, **kwargs):
        local = folder / "imdb.npz"
        if fname != "imdb.npz" or not str(origin).endswith("/imdb.npz") or not local.is_file():
            return download(fname, origin, file_hash=file_hash, **kwargs)
        if file_hash not in (None, IMDB_SHA256):
            raise ValueError(f"imdb.npz is Keras' file of sha256 {IMDB_SHA256}, not {file_hash}")
        return str(local)

    return get_file


def local_get_file(folder: Path, download):
    """``get_file`` that hands over ``folder``'s copy of a file, checked as a download would be.

    A file not in ``folder`` is downloaded by ``download``. A copy whose hash is not the one
    asked for fails, so a wrong hash in a chapter fails offline as it would online.
    """
    from keras.src.utils.file_utils import validate_file

    def get_file(fname=None, origin=None, file_hash=None, **kwargs):
        local = folder / str(fname)
        if not local.is_file() or not str(origin).endswith(f"/{fname}"):
            return download(fname, origin, file_hash=file_hash, **kwargs)
        if file_hash is not None and not validate_file(str(local), file_hash):
            raise ValueError(f"{local} does not match the hash {file_hash}")
        return str(local)

    return get_file


def hand_over_local_imdb(folder: Path = LOCAL_IMDB, set_attribute=setattr) -> None:
    """Where ``folder`` exists, Keras' IMDB loader reads its files; else nothing changes.

    ``keras.utils.get_file`` hands over its ``imdb.npz`` too, for code that reads the file itself.
    """
    if folder.is_dir():
        import keras
        from keras.src.datasets import imdb

        set_attribute(imdb, "get_file", local_imdb_get_file(folder, imdb.get_file))
        set_attribute(keras.utils, "get_file",
                      local_imdb_npz_get_file(folder, keras.utils.get_file))


def hand_over_local_nsmc(folder: Path = LOCAL_NSMC, set_attribute=setattr) -> None:
    """Where ``folder`` exists, ``keras.utils.get_file`` hands over its files; else nothing."""
    if folder.is_dir():
        import keras

        set_attribute(keras.utils, "get_file", local_get_file(folder, keras.utils.get_file))


def hand_over_local_data(set_attribute=setattr) -> None:
    """Both stand-ins, each where its shared folder exists."""
    hand_over_local_imdb(LOCAL_IMDB, set_attribute)
    hand_over_local_nsmc(LOCAL_NSMC, set_attribute)
