"""`python -m diagrams [DOCS_DIR]`: redraw every figure (DOCS_DIR defaults to the site's docs/)
and store the numbers the pages cite from them in diagrams/data/."""

import argparse
from pathlib import Path

from diagrams import DATA_DIR, write_all, write_data

DOCS = Path(__file__).resolve().parent.parent / "docs"


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m diagrams", description=__doc__)
    parser.add_argument("docs_dir", nargs="?", type=Path, default=DOCS)
    docs_dir = parser.parse_args().docs_dir
    written = write_all(docs_dir)
    print(f"{len(written)} figures written to {docs_dir}/{{ko,en}}/figures")
    data = write_data()
    print(f"{len(data)} data files written to {DATA_DIR}")


if __name__ == "__main__":
    main()
