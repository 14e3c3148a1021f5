"""``medialit build``: generate a lesson set (sources, framing, hedges) for a reviewed article;
exit 1 when a check of the lessons built fails."""

from __future__ import annotations

import argparse
from pathlib import Path

from medialit.cli import add_course_option

HELP = "generate a lesson set (sources, framing, hedges) for a reviewed article"
DESCRIPTION = ("Make question banks, nbgrader source notebooks and the student release for "
               "ARTICLE_ID from the lesson templates and its reviewed reference annotation, "
               "then check them with nbgrader validate, validate --invert and a key scan.")


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("article_id")
    add_course_option(parser)
    parser.add_argument("--prefix", help="assignment names are PREFIX-sources, PREFIX-framing, PREFIX-hedges "
                                         "(default: the article id)")
    parser.add_argument("--lessons", default="sources,framing,hedges", help="which templates (comma-separated)")
    parser.add_argument("--force", action="store_true", help="rebuild assignments that exist already")
    parser.add_argument("--no-check", action="store_true", help="skip nbgrader validate and validate --invert")


def run(args: argparse.Namespace) -> int:
    from medialit.course.build import build
    from medialit.course.build_summary import all_checks_passed, lesson_lines, parse_templates

    templates = parse_templates(args.lessons)
    built = build(args.article_id, course_root=Path(args.course) if args.course else None, prefix=args.prefix,
                  templates=templates, force=args.force, check=not args.no_check)
    for lesson in built:
        print("\n".join(lesson_lines(lesson)))
    return 0 if all_checks_passed(built) else 1
