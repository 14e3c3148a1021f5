"""``medialit import``: read an annotation back from Label Studio JSON or doccano JSONL."""

from __future__ import annotations

import argparse
import sys

from medialit.cli import CommandError, add_course_option

HELP = "read an annotation back from Label Studio JSON or doccano JSONL"
DESCRIPTION = ("Read the annotation of one article from a Label Studio export or a doccano "
               "JSONL file, check it against the article, and write it in medialit's format.")


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file")
    parser.add_argument("--from", required=True, choices=["label-studio", "doccano"], dest="fmt")
    parser.add_argument("--article", required=True, help="the article the annotation belongs to")
    parser.add_argument("--out", "-o", help="output file (default: standard output)")
    parser.add_argument("--pick", type=int,
                        help="which annotation (Label Studio) or line (doccano) when several, from 1")
    parser.add_argument("--offsets", choices=["codepoints", "utf16"],
                        help="offset unit of the file (default: detected for Label Studio, utf16 for doccano)")
    parser.add_argument("--force", action="store_true", help="overwrite --out if it exists")
    add_course_option(parser)


def run(args: argparse.Namespace) -> int:
    from medialit.core.annotation import dumps
    from medialit.interchange.files import import_file, write_output

    if args.pick is not None and args.pick < 1:
        raise CommandError("--pick counts from 1")
    doc, notes = import_file(args.file, args.article, args.fmt, pick=args.pick, offsets=args.offsets)
    for n in notes:
        print(f"  {n}", file=sys.stderr)
    write_output(dumps(doc), args.out, args.force)
    return 0
