"""``medialit questions list`` and ``medialit questions check``: list or check the question
banks; ``check`` exits 1 when a bank has problems."""

from __future__ import annotations

import argparse
from pathlib import Path

from medialit.cli import add_course_option

HELP = "list or check the question banks"


def register(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="questions_command", metavar="ACTION")
    actions.required = True
    p = actions.add_parser("list", help="every question: id, type, mode, points, notebook")
    p.add_argument("--notebook", help="only the questions of this notebook (file stem)")
    p.add_argument("--format", choices=["table", "json"], default="table")
    add_course_option(p)
    p = actions.add_parser("check", help="load banks and resolve every key and region; exit 1 on problems")
    p.add_argument("files", nargs="*", help="bank files (default: every bank found)")
    add_course_option(p)


def run(args: argparse.Namespace) -> int:
    from medialit.questions.listing import check_banks, print_questions

    if args.questions_command == "list":
        print_questions(args.notebook, args.format)
        return 0
    return 1 if check_banks([Path(f) for f in args.files]) else 0
