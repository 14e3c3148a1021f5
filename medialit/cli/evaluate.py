"""``medialit evaluate``: score the analyzers against the reference annotations and PolNeAR.
spaCy loads only when it runs."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from medialit.cli import add_course_option

HELP = "score the analyzers against the reference annotations and PolNeAR"
DESCRIPTION = ("Score the analyzers against every article with a reference.json, hedges and boosters against the "
               "stance evaluation set (tuning and held-out parts) and, when the folder exists, against PolNeAR dev "
               "with the project's attribution metric.")


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--polnear", metavar="DIR",
                        help="PolNeAR folder holding dev/ (default ../shared/polnear next to the repository, "
                             "or $MEDIALIT_POLNEAR)")
    parser.add_argument("--split", default="dev", help="PolNeAR split to score (default dev)")
    parser.add_argument("--no-polnear", action="store_true", help="score the articles only")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the figures to FILE")
    add_course_option(parser)


def run(args: argparse.Namespace) -> int:
    from medialit.nlp.evaluate import evaluate_all, write_figures
    from medialit.nlp.tables import print_figures

    if args.json:
        from medialit.core.paths import ensure_outside_package

        ensure_outside_package(args.json, "the figures")
    figures = evaluate_all(args.polnear, args.split, with_polnear=not args.no_polnear)
    print_figures(figures)
    if args.json:
        write_figures(figures, args.json)
        print(f"wrote {args.json}", file=sys.stderr)
    return 0
