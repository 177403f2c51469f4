"""Shared fixtures: the repository's paths and one strict build of the site per test session."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from project import LANGUAGES  # noqa: F401  (tests import it from here)

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
# What a build reads from the repository (the ones that exist are copied for builds of mutants).
BUILD_INPUTS = ("mkdocs.yml", "terms.yml", "docs", "hooks", "snippets", "overrides", "notebooks")
# Where the session's build goes when this variable names a folder (relative to the repository):
# CI sets it so that it publishes the very build these tests checked. Unset: a temporary folder.
KEEP_SITE_VARIABLE = "RNN_DOCS_SITE_DIR"


def copy_build_inputs(dest: Path) -> Path:
    """Copy what ``mkdocs build`` reads into ``dest``, so a test can change it; return ``dest``."""
    for name in BUILD_INPUTS:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.is_file():
            shutil.copy2(source, dest / name)
    return dest


def make_probe_project(dest: Path, pages: dict[str, str], nav: list[str] | None = None) -> Path:
    """A copy of the project whose pages are only ``pages``; return its ``mkdocs.yml``.

    Configuration, hooks, snippets, terms and shared assets are the repository's; the language
    folders hold just ``pages`` (``{"ko/index.md": text, "en/figures/x.svg": text, ...}``) and
    ``nav`` (default: every Markdown page of the default language) replaces the nav, so a build
    of known text does not depend on the state of the real pages.
    """
    copy_build_inputs(dest)
    for language in LANGUAGES:
        shutil.rmtree(dest / "docs" / language, ignore_errors=True)
    for name, text in pages.items():
        (dest / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (dest / "docs" / name).write_text(text, encoding="utf-8")
    if nav is None:
        prefix = f"{LANGUAGES[0]}/"
        nav = sorted(n[len(prefix) :] for n in pages if n.startswith(prefix) and n.endswith(".md"))
    config = dest / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").splitlines()
    start = next((i for i, line in enumerate(lines) if re.match(r"nav:\s*$", line)), len(lines))
    end = next(
        (i for i in range(start + 1, len(lines)) if re.match(r"[^\s#]", lines[i])), len(lines)
    )
    lines[start:end] = ["nav:"] + [f"  - {entry}" for entry in nav]
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return config


def build_site(
    config: Path, site_dir: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    """Run ``mkdocs build --strict`` (``env``: variables to set) and return the finished process
    (output captured)."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"]
        + ["--config-file", str(config), "--site-dir", str(site_dir)],
        capture_output=True,
        text=True,
        cwd=config.parent,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
    )


@pytest.fixture(scope="session")
def site_build(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    kept = os.environ.get(KEEP_SITE_VARIABLE)
    site_dir = ROOT / kept if kept else tmp_path_factory.mktemp("site")
    return site_dir, build_site(ROOT / "mkdocs.yml", site_dir)


def built(site_dir: Path, result: subprocess.CompletedProcess) -> Path:
    """``site_dir``; fails the test that needs it when its build failed."""
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}")
    return site_dir


@pytest.fixture(scope="session")
def site(site_build) -> Path:
    """The built site's folder; fails every test that needs it when the build failed."""
    return built(*site_build)


def build_with_speed(pieces: str, site_dir: Path) -> Path:
    """The site built with the speed layer's switch (hooks/speed.py) set to ``pieces``."""
    return built(site_dir, build_site(ROOT / "mkdocs.yml", site_dir, {"RNN_DOCS_SPEED": pieces}))


@pytest.fixture(scope="session")
def site_without_speed(tmp_path_factory) -> Path:
    """The site built with the speed layer off: Material's defaults."""
    return build_with_speed("false", tmp_path_factory.mktemp("site-without-speed"))
