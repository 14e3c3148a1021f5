"""The ``medialit`` command.

Every subcommand is one module of this package, named after it (``import`` is ``import_``)
and listed in :data:`COMMANDS`.  A command module only declares its arguments and calls
plain functions of the domain package:

- ``HELP``: the line ``medialit --help`` shows; ``DESCRIPTION`` (optional): the text of
  ``medialit COMMAND --help``;
- ``register(parser)``: adds the command's arguments (and its actions, for a command with
  actions such as ``article add``);
- ``run(args) -> int``: does the command, returns the exit code.

Command modules import the domain modules they call inside ``run`` unless those are light,
so ``medialit --help`` never loads spaCy, jsonschema or YAML.

Courses: a command that works on a course's material declares ``--course`` with
:func:`add_course_option`; :func:`main` then runs it with that course as the current one
(:func:`medialit.course.course.using_course`), so every lookup (articles, banks) works on
that course, and so does every process it starts with
:func:`~medialit.course.course.course_environment` (nbgrader, kernels).  Without
``--course`` the current course is the one found from the working directory (see
:func:`medialit.course.course.find_course`).

Exit codes: 0 success, 1 a check failed (e.g. invalid annotations), 2 bad usage or input.
A :class:`~medialit.errors.MedialitError` that ends a command is printed as
``medialit COMMAND: message`` on standard error, without a traceback, and the command
exits with the error's ``exit_code`` (2, or 1 for annotation data that failed its check).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from medialit.errors import MedialitError

#: Command name -> its module in this package, in the order they appear in ``--help``.
COMMANDS = {
    "course": "course",
    "articles": "articles",
    "reference": "reference",
    "validate": "validate",
    "show": "show",
    "reference-build": "reference_build",
    "codebook": "codebook",
    "article": "article",
    "export": "export",
    "import": "import_",
    "grade": "grade",
    "report": "report",
    "build": "build",
    "questions": "questions",
    "answers": "answers",
    "analyze": "analyze",
    "evaluate": "evaluate",
    "hub": "hub",
}


class CommandError(MedialitError):
    """Options that do not fit together, caught before any work: printed without a traceback, exit 2."""


def add_course_option(parser: argparse.ArgumentParser) -> None:
    """Add ``--course DIR``: the course the command works on (see the module docstring)."""
    parser.add_argument("--course", metavar="DIR",
                        help="the course to work on: its folder, holding autograder/nbgrader_config.py and "
                             "autograder/lesson-sources/ (default: $MEDIALIT_COURSE, else the course around the "
                             "working directory)")


def build_parser() -> argparse.ArgumentParser:
    """The parser of every command; ``args.run(args)`` runs the chosen one."""
    parser = argparse.ArgumentParser(
        prog="medialit", description="Read the news critically: articles, annotations, analyzers and grading."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name, module_name in COMMANDS.items():
        module = importlib.import_module(f"{__name__}.{module_name}")
        command = sub.add_parser(name, help=module.HELP, description=getattr(module, "DESCRIPTION", None))
        module.register(command)
        command.set_defaults(run=module.run)
    return parser


def _version() -> str:
    from medialit import __version__

    return __version__


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``medialit`` with ``argv`` (default: the process's arguments); returns the exit code."""
    from contextlib import nullcontext

    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        course = getattr(args, "course", None)
        if course:
            from medialit.course.course import using_course

            context = using_course(course)
        else:
            context = nullcontext()
        with context:
            return int(args.run(args) or 0)
    except MedialitError as exc:
        print(f"medialit {args.command}: {exc}", file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:
        return 0
