"""`python -m diagrams [DOCS_DIR]`: redraw every figure (DOCS_DIR defaults to the site's docs/)."""

import argparse
from pathlib import Path

from diagrams import write_all

DOCS = Path(__file__).resolve().parent.parent / "docs"


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m diagrams", description=__doc__)
    parser.add_argument("docs_dir", nargs="?", type=Path, default=DOCS)
    docs_dir = parser.parse_args().docs_dir
    written = write_all(docs_dir)
    print(f"{len(written)} figures written to {docs_dir}/{{ko,en}}/figures")


if __name__ == "__main__":
    main()
