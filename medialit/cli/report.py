"""``medialit report``: what the class got right and missed, and what to do about it."""

from __future__ import annotations

import argparse
from pathlib import Path

from medialit.cli import CommandError, add_course_option

HELP = "what the class got right and missed: questions to reteach, students who need help, skills"
DESCRIPTION = ("Analyse the graded submissions of one or more assignments: the questions to reteach (with "
               "the most common wrong answer and its feedback), the students who need help, the share of the "
               "points by skill, per-question difficulty, the passages most often missed or wrongly marked, a "
               "heatmap of student highlights, and Krippendorff's alpha. Writes PNG plots, report.json and an "
               "HTML report. With several assignments (or --all), each lesson's report goes in OUT/ASSIGNMENT/ "
               "and an overview across them in OUT/. The course is COURSE_DIR (its root or its autograder/ "
               "folder), --course, or the course around the working directory.")


def _share(text: str) -> float:
    try:
        value = float(text.rstrip("%")) / (100 if text.endswith("%") else 1)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a share; give a number from 0 to 1 (0.5 or 50%)") from None
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not between 0 and 1 (or 0% and 100%)")
    return value


def register(parser: argparse.ArgumentParser) -> None:
    from medialit.report.teaching import HelpRule

    default = HelpRule()
    parser.add_argument("course_dir", nargs="?",
                        help="the course (its root, or its autograder/ folder); default: --course, else the course "
                             "around the working directory")
    parser.add_argument("assignments", nargs="*", metavar="ASSIGNMENT",
                        help="one or more assignments (lessons) to report on")
    parser.add_argument("--all", action="store_true", help="every assignment of the gradebook with submissions")
    parser.add_argument("--out", help="folder for the report (default: the course's autograder/reports/ASSIGNMENT "
                        "for one assignment, autograder/reports for several)")
    parser.add_argument("--help-below", type=_share, default=default.below_share, metavar="SHARE",
                        help="list students who earned less than this share of the points (default: "
                        f"{default.below_share:g})")
    parser.add_argument("--help-unanswered", type=_share, default=default.unanswered_share, metavar="SHARE",
                        help="list students who left at least this share of the graded questions unanswered "
                        f"(default: {default.unanswered_share:.2f})")
    add_course_option(parser)


def run(args: argparse.Namespace) -> int:
    from medialit.core.paths import ensure_outside_package
    from medialit.course.course import require_course, using_course
    from medialit.report.teaching import HelpRule

    assignments = list(args.assignments)
    if args.course_dir and not Path(args.course_dir).is_dir():
        assignments.insert(0, args.course_dir)  # ``medialit report 01-sources`` from inside the course
        args.course_dir = None
    if args.course_dir and args.course:
        raise CommandError("give the course once: COURSE_DIR or --course")
    if args.all and assignments:
        raise CommandError("give assignments or --all, not both")
    if not args.all and not assignments:
        raise CommandError("give one or more assignments to report on, or --all for every graded one")
    course = require_course(args.course_dir)
    rule = HelpRule(args.help_below, args.help_unanswered)
    reports = course.autograder / "reports"
    with using_course(course):
        if len(assignments) == 1:
            from medialit.report.class_report import build_report

            (assignment,) = assignments
            out = Path(args.out) if args.out else reports / assignment
            ensure_outside_package(out, "the report")
            print(f"wrote {build_report(course.autograder, assignment, out, rule)}")
            return 0
        from medialit.report.course_report import build_course_report, graded_assignments

        assignments = assignments or graded_assignments(course.autograder)
        out = Path(args.out) if args.out else reports
        ensure_outside_package(out, "the report")
        index = build_course_report(course.autograder, assignments, out, rule)
        for assignment in assignments:
            print(f"wrote {out / assignment / 'index.html'}")
        print(f"wrote {index}")
    return 0
