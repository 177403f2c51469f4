"""The offline stand-in for the NSMC download, shared by the tests and the NSMC experiment.

Where ``../shared/data/nsmc`` exists (this project's machines, offline), ``keras.utils.get_file``
hands over that folder's NSMC files, byte-identical to the public ones, once the hash the caller
asks for matches. Everywhere else (a reader, GitHub Actions) the real download runs.
"""

from pathlib import Path

LOCAL_NSMC = Path(__file__).resolve().parent.parent / "shared" / "data" / "nsmc"


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


def hand_over_local_nsmc(monkeypatch, folder: Path) -> None:
    """Where ``folder`` exists, ``keras.utils.get_file`` hands over its files; else nothing."""
    if folder.is_dir():
        import keras

        monkeypatch.setattr(keras.utils, "get_file", local_get_file(folder, keras.utils.get_file))
