"""``medialit grade``: score every submission of an assignment without kernels (fast autograde)."""

from __future__ import annotations

import argparse

from medialit.cli import CommandError, add_course_option

HELP = "score every submission of an assignment without kernels (fast autograde)"
DESCRIPTION = ("Score the answers files of every submission of ASSIGNMENT directly, in "
               "parallel, and write the scores nbgrader autograde would give into the "
               "gradebook (and/or a CSV file). Code exercises are graded too: each submission's code runs in "
               "a forked, limited child of a warm worker; what cannot be proved identical to nbgrader "
               "autograde is left to it, with the reason. "
               "The course is COURSE_DIR (its root or its autograder/ folder), --course, or the "
               "course around the working directory.")


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("course_dir", nargs="?",
                        help="the course (its root, or the autograder/ folder nbgrader runs from); default: --course, "
                             "else the course around the working directory")
    parser.add_argument("assignment")
    parser.add_argument("--csv", help="also write one row per student and graded cell to this CSV file")
    parser.add_argument("--no-gradebook", action="store_true", help="do not write the gradebook (use with --csv)")
    parser.add_argument("--jobs", "-j", type=int, help="worker processes (default: one per CPU)")
    parser.add_argument("--student", action="append", help="grade only this student (repeatable)")
    parser.add_argument("--no-code", action="store_true",
                        help="do not run students' code: score question and written-answer cells only and leave the "
                             "code exercises to nbgrader autograde")
    add_course_option(parser)


def run(args: argparse.Namespace) -> int:
    from medialit.core.paths import ensure_outside_package
    from medialit.course.course import require_course, using_course
    from medialit.grading.assignment import grade_assignment

    if args.no_gradebook and not args.csv:
        raise CommandError("--no-gradebook needs --csv FILE, or nothing would be written")
    if args.jobs is not None and args.jobs < 1:
        raise CommandError("--jobs must be 1 or more")
    if args.course_dir and args.course:
        raise CommandError("give the course once: COURSE_DIR or --course")
    course = require_course(args.course_dir)
    if args.csv:
        ensure_outside_package(args.csv, "the CSV file")
    with using_course(course):
        grade_assignment(course.autograder, args.assignment, students=args.student, jobs=args.jobs, csv=args.csv,
                         run_code=False if args.no_code else None, gradebook=not args.no_gradebook)
    return 0
