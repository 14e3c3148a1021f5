"""``medialit answers check FILE``: check a student's answers file; exit 1 on problems, 2 when
there is no such file."""

from __future__ import annotations

import argparse
from pathlib import Path

from medialit.cli import add_course_option

HELP = "check a student's answers file"


def register(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="answers_command", metavar="ACTION")
    actions.required = True
    p = actions.add_parser("check", help="read an answers file, check each answer's form; exit 1 on problems")
    p.add_argument("file")
    add_course_option(p)


def run(args: argparse.Namespace) -> int:
    from medialit.answers.check import check_answers_file

    path = Path(args.file)
    if not path.exists():
        print(f"{path}: no such file")
        return 2
    good, bad = check_answers_file(path)
    for line in good:
        print(line)
    for problem in bad:
        print(f"problem: {problem}")
    return 1 if bad else 0
