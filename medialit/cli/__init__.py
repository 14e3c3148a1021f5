"""The ``medialit`` command.  Each group of subcommands lives in its own module that
defines ``register(subparsers)``; this file only wires them together.

Exit codes: 0 success, 1 a check failed (e.g. invalid annotations), 2 bad usage or input.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

#: Modules that add subcommands, in the order they appear in ``--help``.
COMMAND_MODULES = [
    "medialit.cli.commands_articles",
    "medialit.articles.reference_build",
    "medialit.core.codebook",
    "medialit.cli.commands_instructor",
    "medialit.cli.commands_course",
    "medialit.cli.commands_questions",
    "medialit.cli.commands_nlp",
    "medialit.cli.hub",
]


class CommandError(Exception):
    """A user-facing error: printed without a traceback, exit status 2."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="medialit", description="Read the news critically: articles, annotations, analyzers and grading."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def _version() -> str:
    from medialit import __version__

    return __version__


def main(argv: Sequence[str] | None = None) -> int:
    from medialit.articles.article import ArticleError
    from medialit.core.annotation import AnnotationError

    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except (CommandError, ArticleError) as exc:
        print(f"medialit {args.command}: {exc}", file=sys.stderr)
        return 2
    except AnnotationError as exc:
        print(f"medialit {args.command}: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0
