"""``medialit reference ID``: print an article's reference annotation."""

from __future__ import annotations

import argparse

HELP = "print an article's reference annotation"


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("article_id")
    parser.add_argument("--format", choices=["json", "table"], default="json")


def run(args: argparse.Namespace) -> int:
    from medialit.articles.listing import print_reference

    print_reference(args.article_id, args.format)
    return 0
