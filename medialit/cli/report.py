"""``medialit report``: what the class got right and missed (difficulty, spans, heatmap, agreement)."""

from __future__ import annotations

import argparse
from pathlib import Path

from medialit.cli import CommandError, add_course_option

HELP = "what the class got right and missed: difficulty, spans, heatmap, agreement"
DESCRIPTION = ("Analyse the graded submissions of ASSIGNMENT: per-question scores and "
               "difficulty, the passages most often missed or wrongly marked, a heatmap of "
               "student highlights against the reference, and Krippendorff's alpha; writes "
               "PNG plots and an HTML report. The course is COURSE_DIR (its root or its "
               "autograder/ folder), --course, or the course around the working directory.")


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("course_dir", nargs="?",
                        help="the course (its root, or its autograder/ folder); default: --course, else the course "
                             "around the working directory")
    parser.add_argument("assignment")
    parser.add_argument("--out", help="folder for the report (default: the course's autograder/reports/ASSIGNMENT)")
    add_course_option(parser)


def run(args: argparse.Namespace) -> int:
    from medialit.core.paths import ensure_outside_package
    from medialit.course.course import require_course, using_course
    from medialit.report.class_report import build_report

    if args.course_dir and args.course:
        raise CommandError("give the course once: COURSE_DIR or --course")
    course = require_course(args.course_dir)
    out = Path(args.out) if args.out else course.autograder / "reports" / args.assignment
    ensure_outside_package(out, "the report")
    with using_course(course):
        print(f"wrote {build_report(course.autograder, args.assignment, out)}")
    return 0
