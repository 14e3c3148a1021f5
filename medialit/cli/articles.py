"""``medialit articles``: list the articles."""

from __future__ import annotations

import argparse

from medialit.cli import add_course_option

HELP = "list the articles"


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=["table", "json"], default="table")
    add_course_option(parser)


def run(args: argparse.Namespace) -> int:
    from medialit.articles.listing import print_articles

    print_articles(args.format)
    return 0
