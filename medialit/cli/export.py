"""``medialit export``: write an annotation as Label Studio JSON or doccano JSONL."""

from __future__ import annotations

import argparse

from medialit.cli import CommandError, add_course_option

HELP = "write an annotation as Label Studio JSON or doccano JSONL"
DESCRIPTION = ("Export an annotation file (or an article's reference, given its id) for an "
               "annotation tool. Import it back with `medialit import`; nothing is lost.")


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="an annotation JSON file, or an article id to export its reference")
    parser.add_argument("--to", required=True, choices=["label-studio", "doccano"], dest="fmt")
    parser.add_argument("--out", "-o", help="output file (default: standard output)")
    parser.add_argument("--offsets", choices=["codepoints", "utf16"],
                        help="offset unit (default: codepoints for Label Studio, utf16 for doccano)")
    parser.add_argument("--as-predictions", action="store_true",
                        help="Label Studio: put the spans in predictions (pre-annotations to review) not annotations")
    parser.add_argument("--relations", action="store_true",
                        help="doccano: write entities and relations (a relation-labelling project)")
    parser.add_argument("--config", help="also write the tool's set-up: Label Studio labeling config (XML) or the "
                                         "doccano label names (one per line)")
    parser.add_argument("--force", action="store_true", help="overwrite --out if it exists")
    add_course_option(parser)


def run(args: argparse.Namespace) -> int:
    from medialit.interchange.files import export_file, tool_setup, write_output

    if args.as_predictions and args.fmt != "label-studio":
        raise CommandError("--as-predictions is for Label Studio only")
    if args.relations and args.fmt != "doccano":
        raise CommandError("--relations is for doccano only (Label Studio always carries relations)")
    content = export_file(args.file, args.fmt, offsets=args.offsets, as_predictions=args.as_predictions,
                          relations=args.relations)
    write_output(content, args.out, args.force)
    if args.config:
        write_output(tool_setup(args.fmt), args.config, args.force)
    return 0
