"""``python -m notebooks [SLUG ...] [--texts-only] [--chart-only]``: regenerate the notebooks.

Without SLUG every chapter is executed again (several minutes: four trainings). ``--texts-only``
rewrites only the Markdown cells (after an edit of ``notebooks/texts.py``), keeping the stored
outputs. Afterwards, and alone with ``--chart-only``, the results chart is redrawn from the
stored outputs.
"""

import argparse

from notebooks import SLUGS
from notebooks.build import generate, rewrite_texts
from notebooks.chart import write_charts


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m notebooks", description=__doc__)
    parser.add_argument("slugs", nargs="*", metavar="SLUG", help=f"one of {', '.join(SLUGS)}")
    parser.add_argument("--texts-only", action="store_true", help="keep the stored outputs")
    parser.add_argument("--chart-only", action="store_true", help="only redraw the chart")
    args = parser.parse_args()
    unknown = sorted(set(args.slugs) - set(SLUGS))
    if unknown:
        parser.error(f"unknown chapter {unknown}: choose from {', '.join(SLUGS)}")
    if args.texts_only and not args.chart_only:
        for slug in args.slugs or SLUGS:
            rewrite_texts(slug)
            print(f"{slug}: texts rewritten")
    elif not args.chart_only:
        for slug in args.slugs or SLUGS:
            print(f"{slug}: executing ...", flush=True)
            print(f"{slug}: written in {generate(slug):.0f} s", flush=True)
    for path in write_charts():
        print(f"chart: {path}")


if __name__ == "__main__":
    main()
