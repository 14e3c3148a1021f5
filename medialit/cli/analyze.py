"""``medialit analyze``: pre-annotate texts with the analyzers.  spaCy loads only when it runs."""

from __future__ import annotations

import argparse
from pathlib import Path

from medialit.cli import add_course_option

HELP = "pre-annotate texts with the analyzers (attributions, hedges and boosters, framing cues)"
DESCRIPTION = ("Analyse UTF-8 text files, folders of .txt files, or known article ids. One input is printed "
               "as JSON (or a table); several inputs, or --out, write one <name>.json per input into a folder.")


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("inputs", nargs="+", metavar="PATH_OR_ARTICLE_ID")
    parser.add_argument("--format", choices=["json", "table"], default="json")
    parser.add_argument("--out", type=Path, metavar="DIR", help="folder for one <name>.json per input")
    parser.add_argument("--convention", choices=["codebook", "polnear"], default="codebook",
                        help="codebook (default): one attribution per quoted stretch, as the references; "
                             "polnear: the stretches of one quotation joined, as PolNeAR annotates")
    add_course_option(parser)


def run(args: argparse.Namespace) -> int:
    from medialit.core.paths import ensure_outside_package
    from medialit.nlp.batch import analyze

    if args.out:
        ensure_outside_package(args.out, "the analyses")
    analyze(args.inputs, out=args.out, fmt=args.format, convention=args.convention)
    return 0
