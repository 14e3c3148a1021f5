"""``medialit course new DIR`` and ``medialit course show``: start a course, or say which
course medialit works on here."""

from __future__ import annotations

import argparse

from medialit.cli import add_course_option

HELP = "start a course folder (new), or show the course medialit works on here (show)"
DESCRIPTION = ("A course is the folder an instructor works in: articles with their reference annotations "
               "(seeds/), lesson sources with their question banks and keys (autograder/lesson-sources/), "
               "nbgrader_config.py and the gradebook. Students install the medialit package, which holds no "
               "graded key.")


def register(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="course_command", metavar="ACTION")
    actions.required = True
    n = actions.add_parser("new", help="start an empty course in DIR (a new or empty folder)",
                           description="Make DIR a course: autograder/nbgrader_config.py, an empty "
                                       "autograder/lesson-sources/, and seeds/ with the article texts medialit "
                                       "carries (the practice article with its reference annotation when the "
                                       "course medialit finds here has it).")
    n.add_argument("dir")
    s = actions.add_parser("show", help="the course medialit works on here: its folder, lessons and articles")
    add_course_option(s)


def run(args: argparse.Namespace) -> int:
    if args.course_command == "new":
        from medialit.course.new import new_course

        print("\n".join(new_course(args.dir).lines()))
        return 0
    from medialit.course.summary import course_lines

    print("\n".join(course_lines()))
    return 0
