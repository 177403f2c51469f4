"""Run code cells in a fresh kernel, as ``make notebooks`` does, and measure them.

One kernel (one process) per run, shut down before the next starts, so two trainings never share
the machine. The kernel starts with the offline data stand-ins of ``notebooks/build.py`` and
nothing else. Measured from outside the kernel, so no measuring code runs in it:

- each cell's wall time, around its execution;
- the kernel's timestamp of every message a cell prints (per-epoch times come from these);
- the kernel process's peak resident memory (``VmHWM``) after each cell. Writing ``5`` to its
  ``/proc/PID/clear_refs`` resets that peak to the current size (Linux, ``man 5 proc``), so a
  notebook that trains several models gets one peak per model.
"""

import datetime
import re
import time
from dataclasses import dataclass
from pathlib import Path

from nbclient import NotebookClient
from nbformat.v4 import new_code_cell, new_notebook

from notebooks.build import KERNEL, kernel_setting
from notebooks.outputs import output_text

# A line printed when an epoch starts or ends: Keras' "Epoch 3/10", our NumPy class's
# "epoch   3/20 ...", the book's NumPy class's Korean word for epoch and its number.
EPOCH_LINE = re.compile(r"^(?:Epoch \d+/\d+|epoch\s+\d+/\d+|에포크 \d+)", re.M)


@dataclass
class CellRun:
    seconds: float  # wall time of the cell's execution
    text: str  # what it printed or displayed
    stamps: list[float]  # kernel time (s) of each epoch line it printed
    peak_rss: int | None  # bytes: the kernel's peak resident memory since start or last reset


class _Client(NotebookClient):
    """Notes the kernel's timestamp of every epoch line, by cell."""

    def output(self, outs, msg, display_id, cell_index):
        if msg["msg_type"] == "stream":
            date = msg["header"]["date"]
            if isinstance(date, str):
                date = datetime.datetime.fromisoformat(date)
            for _ in EPOCH_LINE.finditer(msg["content"]["text"]):
                self.epoch_stamps.setdefault(cell_index, []).append(date.timestamp())
        return super().output(outs, msg, display_id, cell_index)


def _peak_rss(pid: int) -> int | None:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    found = re.search(r"^VmHWM:\s+(\d+) kB", status, re.M)
    return int(found.group(1)) * 1024 if found else None


def _reset_peak(pid: int) -> None:
    Path(f"/proc/{pid}/clear_refs").write_text("5")


def median_epoch_seconds(stamps: list[float]) -> float | None:
    """Median time between consecutive epoch lines: each gap is exactly one epoch."""
    gaps = sorted(b - a for a, b in zip(stamps, stamps[1:], strict=False))
    if not gaps:
        return None
    mid = len(gaps) // 2
    return gaps[mid] if len(gaps) % 2 else (gaps[mid - 1] + gaps[mid]) / 2


def run_cells(codes: list[str], reset_peak_before=(), timeout: int = 4 * 3600) -> list[CellRun]:
    """Execute ``codes`` in order in one fresh kernel; a cell that fails raises."""
    nb = new_notebook(cells=[new_code_cell(code) for code in codes])
    nb.metadata.kernelspec = {"name": KERNEL, "display_name": "Python 3", "language": "python"}
    with kernel_setting("rnn-docs-benchmark-") as (env, work, tmp):
        client = _Client(
            nb, kernel_name=KERNEL, timeout=timeout, resources={"metadata": {"path": str(work)}}
        )
        client.epoch_stamps = {}
        runs = []
        # The kernel's own log (TensorFlow's start-up lines) goes to a file, not between the
        # progress lines; it is shown when a run fails.
        log = Path(tmp) / "kernel.log"
        with log.open("w") as stderr:
            try:
                with client.setup_kernel(env=env, stderr=stderr):
                    pid = client.km.provisioner.process.pid
                    for index, cell in enumerate(nb.cells):
                        if index in reset_peak_before:
                            _reset_peak(pid)
                        start = time.perf_counter()
                        client.execute_cell(cell, index)
                        seconds = time.perf_counter() - start
                        text = output_text({"cells": [cell]})
                        stamps = client.epoch_stamps.get(index, [])
                        runs.append(CellRun(seconds, text, stamps, _peak_rss(pid)))
            except Exception as error:
                tail = "\n".join(log.read_text(errors="replace").splitlines()[-20:])
                raise RuntimeError(f"cell {len(runs)}: {error}\nkernel log:\n{tail}") from error
    return runs
