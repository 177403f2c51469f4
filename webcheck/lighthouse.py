"""Run Lighthouse (mobile, simulated throttling) on a page with the project's Chromium.

Lighthouse's CPU throttling is relative to the host: its default 4x slowdown is meant to turn a
typical high-end desktop (benchmarkIndex about 1,750) into a mid-tier phone. This shared 2-core
machine measures lower, and its speed drifts from minute to minute, so, as Lighthouse's own
guide advises ("Calibrating the CPU slowdown", docs/throttling.md), each run's multiplier is
scaled by the median benchmarkIndex measured so far, never above the default 4x.
"""

import json
import os
import subprocess
from pathlib import Path

from webcheck import CHROMIUM, CHROMIUM_ARGS

CATEGORIES = ("performance", "accessibility", "best-practices")
CHROME_FLAGS = " ".join(["--headless=new", *CHROMIUM_ARGS])


REFERENCE_BENCHMARK = 1750  # the host Lighthouse's default 4x CPU slowdown is made for
DEFAULT_SLOWDOWN = 4.0


def cpu_slowdown(benchmark_index: float) -> float:
    """The CPU multiplier that makes this host the mid-tier phone that 4x makes of the reference."""
    return round(min(DEFAULT_SLOWDOWN, max(1.0, 4 * benchmark_index / REFERENCE_BENCHMARK)), 2)


def benchmark_index(report: Path) -> float:
    return json.loads(report.read_text(encoding="utf-8"))["environment"]["benchmarkIndex"]


def lighthouse(
    cli: Path, url: str, report: Path, categories=CATEGORIES, slowdown: float = DEFAULT_SLOWDOWN
) -> dict[str, int]:
    """Run Lighthouse on ``url``; write its JSON report to ``report``; return scores (0-100)."""
    report.parent.mkdir(parents=True, exist_ok=True)
    command = ["node", str(cli), url, "--output=json", f"--output-path={report}", "--quiet"]
    command += [f"--only-categories={','.join(categories)}", f"--chrome-flags={CHROME_FLAGS}"]
    command += [f"--throttling.cpuSlowdownMultiplier={slowdown}"]
    env = {**os.environ, "CHROME_PATH": str(CHROMIUM)}
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=240)
    if result.returncode != 0:
        raise RuntimeError(f"lighthouse failed on {url}:\n{result.stderr[-3000:]}")
    data = json.loads(report.read_text(encoding="utf-8"))
    return {
        name: round((category["score"] or 0) * 100) for name, category in data["categories"].items()
    }
