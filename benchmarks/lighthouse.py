"""``python -m benchmarks.lighthouse`` (the last step of ``make benchmark``): Lighthouse's
performance score of every page of the site, against the goal of 95 in a quiet run.

The tests run Lighthouse on two pages and only record performance (a simulated score moves from
run to run; a gate on it would fail at random). This pass measures every page of both languages,
notebook pages included, with the same runner and CPU calibration (``webcheck/lighthouse.py``).
A page that scores under the goal runs twice more and counts by its median: one low run on a
shared machine is an anecdote. Each page's runs are written to ``benchmarks/lighthouse.json`` as
they finish, keyed by a fingerprint of the page's HTML and the files it loads, so an interrupted
pass resumes and an unchanged page is not measured again.
"""

import argparse
import hashlib
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from project import LANGUAGES, ROOT, SITE_URL
from webcheck import CHROMIUM, LIGHTHOUSE, server
from webcheck.lighthouse import benchmark_index, cpu_slowdown, lighthouse

RESULTS = ROOT / "benchmarks" / "lighthouse.json"
GOAL = 95
RUNS_BELOW_GOAL = 3  # runs of a page that scored under the goal; it counts by their median


def pages(site: Path) -> list[str]:
    """Site paths of every page (``index.html``, ``en/bptt/index.html``...), 404 pages aside."""
    found = [p.relative_to(site).as_posix() for p in site.rglob("index.html")]
    found = [p for p in found if not p.startswith("assets/")]

    def order(page: str) -> tuple:  # the default language first, each language's home first
        language = next((lang for lang in LANGUAGES[1:] if page.startswith(f"{lang}/")), None)
        home = f"{language}/index.html" if language else "index.html"
        return (LANGUAGES.index(language) if language else 0, page != home, page)

    return sorted(found, key=order)


_REFERENCE = re.compile(r'(?:src|href)="([^"#?]+)')
_PANEL = re.compile(r'data-tryit="([\w-]+)"')


def loaded_files(site: Path, page: str) -> list[Path]:
    """The site's files the page loads: what its ``src`` and ``href`` name (stylesheets, scripts,
    images; links to other pages resolve to folders and are left out), and the weights of its
    try-it panels, which the panel's script fetches."""
    html = (site / page).read_text(encoding="utf-8")
    folder = (site / page).parent
    # A reference with a scheme (https:, data:, mailto:) names no file of the site.
    names = [folder / ref for ref in _REFERENCE.findall(html) if ":" not in ref]
    names += [site / "assets" / "tryit" / f"{slug}.json" for slug in _PANEL.findall(html)]
    files = {path.resolve() for path in names if path.is_file()}
    return sorted(path for path in files if path.suffix != ".html")


def fingerprint(site: Path, page: str) -> str:
    """sha256 of what decides how the page loads: its HTML and the files it loads, so that a
    change to one chapter's panel or figure measures that page again, not every page."""
    digest = hashlib.sha256((site / page).read_bytes())
    for path in loaded_files(site, page):
        digest.update(path.relative_to(site.resolve()).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def load(path: Path) -> dict:
    if path.is_file():
        return json.loads(path.read_text(encoding="utf-8"))
    return {"goal": GOAL, "pages": {}}


def save(path: Path, data: dict) -> None:
    """Write ``data`` whole, through a temporary file: an interrupted write leaves the old file."""
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    temporary.replace(path)


def page_score(runs: list[dict]) -> float:
    return statistics.median(run["performance"] for run in runs)


def measure_page(measure: Callable[[], dict]) -> list[dict]:
    """One run; two more when it scores under the goal."""
    runs = [measure()]
    while page_score(runs) < GOAL and len(runs) < RUNS_BELOW_GOAL:
        runs.append(measure())
    return runs


def below_goal(data: dict) -> dict[str, float]:
    return {
        page: page_score(entry["runs"])
        for page, entry in data["pages"].items()
        if page_score(entry["runs"]) < GOAL
    }


def build(site: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)],
        cwd=ROOT,
        check=True,
    )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.lighthouse", description=__doc__)
    parser.add_argument("--results", type=Path, default=RESULTS, help="the JSON file to update")
    parser.add_argument("--pages", nargs="+", metavar="PATH", help="only these site paths")
    args = parser.parse_args(argv)
    for tool in (LIGHTHOUSE, CHROMIUM):
        if not tool.is_file():
            parser.error(f"{tool} is missing: `npm ci` and `apt-get install chromium`")
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        print("building the site ...", flush=True)
        build(site)
        every = pages(site)
        unknown = sorted(set(args.pages or []) - set(every))
        if unknown:
            parser.error(f"--pages: not pages of the site: {unknown}")
        data = load(args.results)
        data["pages"] = {p: e for p, e in data["pages"].items() if p in every}  # gone pages go
        todo = [p for p in every if args.pages is None or p in args.pages]
        prefix = server.base_path(SITE_URL)
        with server.serve(site, prefix) as base:
            reports = Path(folder) / "reports"
            calibration = reports / "calibration.json"
            lighthouse(LIGHTHOUSE, base, calibration, ["performance"])
            indices = [benchmark_index(calibration)]
            for i, page in enumerate(todo, 1):
                head = f"[{i:{len(str(len(todo)))}}/{len(todo)}] {page}"
                digest = fingerprint(site, page)
                if data["pages"].get(page, {}).get("fingerprint") == digest:
                    print(f"{head}: stored, skipped", flush=True)
                    continue
                url = base + page.removesuffix("index.html")

                def measure(page=page, url=url) -> dict:
                    slowdown = cpu_slowdown(statistics.median(indices))
                    report = reports / f"{page.replace('/', '_')}.json"
                    scores = lighthouse(LIGHTHOUSE, url, report, ["performance"], slowdown)
                    indices.append(benchmark_index(report))
                    return {
                        "performance": scores["performance"],
                        "cpuSlowdownMultiplier": slowdown,
                        "benchmarkIndex": indices[-1],
                        "finished": time.strftime("%Y-%m-%dT%H:%M:%S"),
                    }

                runs = measure_page(measure)
                data["pages"][page] = {"fingerprint": digest, "runs": runs}
                save(args.results, data)
                scores = " ".join(str(run["performance"]) for run in runs)
                print(f"{head}: performance {scores}", flush=True)
    low = below_goal(data)
    print(f"{len(data['pages'])} pages stored; goal: performance >= {GOAL} on every page")
    for page, score in low.items():
        print(f"  below the goal: {page} (median {score:g})")
    print("goal met" if not low else f"goal NOT met on {len(low)} page(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
