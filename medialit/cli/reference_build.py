"""``medialit reference-build``: build an article's reference.json from its reference.src.yaml."""

from __future__ import annotations

import argparse

from medialit.cli import CommandError, add_course_option

HELP = "build an article's reference.json from its reference.src.yaml"
DESCRIPTION = ("Resolve the quotes in seeds/<id>/reference.src.yaml into offsets and write reference.json. "
               "With --check, write nothing and exit 1 when reference.json is missing or out of date.")


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("article_id", nargs="?", help="the article id (see `medialit articles`)")
    parser.add_argument("--all", action="store_true", help="every article that has a reference.src.yaml")
    parser.add_argument("--check", action="store_true", help="only check that reference.json is up to date")
    add_course_option(parser)


def run(args: argparse.Namespace) -> int:
    from medialit.articles.article import load_article
    from medialit.articles.reference_build import articles_with_source, build_references

    if bool(args.all) == bool(args.article_id):
        raise CommandError("give one ARTICLE_ID or --all (not both)")
    articles = articles_with_source() if args.all else [load_article(args.article_id)]
    return 1 if build_references(articles, check=args.check) else 0
