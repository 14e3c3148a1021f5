"""``medialit grade``: score every submission of an assignment without kernels (fast autograde)."""

from __future__ import annotations

import argparse

from medialit.cli import CommandError

HELP = "score every submission of an assignment without kernels (fast autograde)"
DESCRIPTION = ("Score the answers files of every submission of ASSIGNMENT directly, in "
               "parallel, and write the scores nbgrader autograde would give into the "
               "gradebook (and/or a CSV file). Code exercises are left to nbgrader autograde.")


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("course_dir",
                        help="the folder you run nbgrader from (holds nbgrader_config.py), e.g. autograder")
    parser.add_argument("assignment")
    parser.add_argument("--csv", help="also write one row per student and graded cell to this CSV file")
    parser.add_argument("--no-gradebook", action="store_true", help="do not write the gradebook (use with --csv)")
    parser.add_argument("--jobs", "-j", type=int, help="worker processes (default: one per CPU)")
    parser.add_argument("--student", action="append", help="grade only this student (repeatable)")


def run(args: argparse.Namespace) -> int:
    from medialit.grading.assignment import grade_assignment

    if args.no_gradebook and not args.csv:
        raise CommandError("--no-gradebook needs --csv FILE, or nothing would be written")
    if args.jobs is not None and args.jobs < 1:
        raise CommandError("--jobs must be 1 or more")
    grade_assignment(args.course_dir, args.assignment, students=args.student, jobs=args.jobs, csv=args.csv,
                     gradebook=not args.no_gradebook)
    return 0
