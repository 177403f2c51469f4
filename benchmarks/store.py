"""``results.json``: the machine each run ran on and the runs, each written the moment it ends.

A run is identified by its key: kind, chapter (``-`` for the whole book), seed and the hash of the
code it measured. Storing a run replaces any earlier run of the same kind, chapter and seed, so
the file holds one measurement per seed of the code as it was when measured; a run whose hash is
no longer the code's is stale, and the summary leaves it out.
"""

import hashlib
import json
import os
import platform
import tempfile
from importlib import metadata
from pathlib import Path


def key(run: dict) -> tuple:
    return (run["kind"], run["chapter"], run["seed"], run["code_hash"])


def load(path: Path) -> dict:
    if not path.is_file():
        return {"machines": {}, "runs": []}
    return json.loads(path.read_text(encoding="utf-8"))


def write_atomic(path: Path, data: dict) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it over ``path``.

    A rename within one folder is atomic: a reader, or an interrupted run, finds either the old
    file or the new one, never half of one.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, 0o644)  # mkstemp's 0600 would make the results private to one user
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(data, f, indent=1, ensure_ascii=False)
            f.write("\n")
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def add_run(path: Path, run: dict, machine: dict) -> None:
    """Store ``run`` (measured on ``machine``) in the file at ``path``."""
    data = load(path)
    machine_id = hashlib.sha256(json.dumps(machine, sort_keys=True).encode()).hexdigest()[:12]
    data["machines"][machine_id] = machine
    same = key(run)[:3]
    data["runs"] = [r for r in data["runs"] if key(r)[:3] != same]
    data["runs"].append({**run, "machine": machine_id})
    write_atomic(path, data)


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _memory_bytes() -> int | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


def machine() -> dict:
    """What the timings depend on, read without importing TensorFlow."""
    return {
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "memory_bytes": _memory_bytes(),
        "system": platform.platform(),
        "python": platform.python_version(),
        "numpy": _version("numpy"),
        "tensorflow": _version("tensorflow", "tensorflow-cpu"),
        "keras": _version("keras"),
    }


def _version(*distributions: str) -> str | None:
    """The installed version of the first of ``distributions`` found (TensorFlow has two)."""
    for name in distributions:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return None
