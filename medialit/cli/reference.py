"""``medialit reference ID``: print an article's reference annotation."""

from __future__ import annotations

import argparse

from medialit.cli import add_course_option

HELP = "print an article's reference annotation"


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("article_id")
    parser.add_argument("--format", choices=["json", "table"], default="json")
    add_course_option(parser)


def run(args: argparse.Namespace) -> int:
    from medialit.articles.listing import print_reference

    print_reference(args.article_id, args.format)
    return 0
