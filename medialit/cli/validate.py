"""``medialit validate FILE``: check an annotation file; exit 1 with the problems when invalid."""

from __future__ import annotations

import argparse
import sys

from medialit.cli import add_course_option

HELP = "check an annotation file; exit 1 with the problems when invalid"


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file")
    parser.add_argument("--article", help="article id to check offsets against (default: the file's article_id)")
    add_course_option(parser)


def run(args: argparse.Namespace) -> int:
    from medialit.articles.annotation_file import check_annotation_file
    from medialit.core.annotation import AnnotationError

    try:
        n, article_id = check_annotation_file(args.file, args.article)
    except AnnotationError as exc:
        print(f"medialit validate: {exc}", file=sys.stderr)
        return 1
    print(f"{args.file}: valid ({n} items, article {article_id})")
    return 0
