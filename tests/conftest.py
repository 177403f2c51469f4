"""Shared fixtures: the repository's paths and one strict build of the site per test session."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
LANGUAGES = ("ko", "en")  # Korean first: it is the default language, served at /.


def build_site(config: Path, site_dir: Path) -> subprocess.CompletedProcess:
    """Run ``mkdocs build --strict`` and return the finished process (output captured)."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"]
        + ["--config-file", str(config), "--site-dir", str(site_dir)],
        capture_output=True,
        text=True,
        cwd=config.parent,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


@pytest.fixture(scope="session")
def site_build(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    site_dir = tmp_path_factory.mktemp("site")
    return site_dir, build_site(ROOT / "mkdocs.yml", site_dir)


@pytest.fixture(scope="session")
def site(site_build) -> Path:
    """The built site's folder; fails every test that needs it when the build failed."""
    site_dir, result = site_build
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}")
    return site_dir
