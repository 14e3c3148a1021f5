"""``medialit show ID``: show an article with one annotation layer highlighted."""

from __future__ import annotations

import argparse

from medialit.cli import add_course_option
from medialit.core.layers import show_choices

HELP = "show an article with one annotation layer highlighted"


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("article_id")
    parser.add_argument("--layer", default="structure", choices=["structure", *show_choices()])
    parser.add_argument("--file", help="an annotation file to show instead of the reference")
    add_course_option(parser)


def run(args: argparse.Namespace) -> int:
    from medialit.articles.highlight import print_highlighted

    print_highlighted(args.article_id, args.layer, args.file)
    return 0
