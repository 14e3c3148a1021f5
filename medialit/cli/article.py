"""``medialit article add`` and ``medialit article review``: add your own article, or mark an
article's reference reviewed."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from medialit.cli import add_course_option

HELP = "add your own article, or mark an article's reference reviewed"


def register(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="article_command", metavar="ACTION")
    actions.required = True

    a = actions.add_parser("add", help="make seeds/<id>/ from a saved news page (.html) or a text file",
                           description="Extract the text of a saved news page (or take a plain-text file), "
                                       "propose its structure and metadata, and write a new article folder with "
                                       "status draft (and a draft reference annotation when the analyzers are "
                                       "installed).")
    a.add_argument("file", help="the saved page: .html/.htm, or a plain-text .txt")
    a.add_argument("--id", dest="article_id", help="article id (default: outlet-date-headline-words)")
    a.add_argument("--outlet", help="the publication's name (default: from the page's og:site_name)")
    a.add_argument("--date", help="publication date YYYY-MM-DD (default: from article:published_time)")
    a.add_argument("--title", help="the headline (default: the page's <h1>, og:title or first line)")
    a.add_argument("--author", help="the byline's name(s)")
    a.add_argument("--url", help="where the page was published")
    a.add_argument("--constructed", action="store_true",
                   help="the article was written for teaching, with fictional people, places and outlets")
    a.add_argument("--rights", help="the rights line for meta.yaml (default: all rights stay with the publisher)")
    a.add_argument("--dest", help="folder to create the article folder in (default: the course's seeds/)")
    a.add_argument("--no-annotation", action="store_true", help="do not run the analyzers for a draft annotation")
    a.add_argument("--yes", "-y", action="store_true", help="do not ask anything; fail if something is missing")
    add_course_option(a)

    r = actions.add_parser("review", help="show an article's review state, or accept its reference (--accept)")
    r.add_argument("article_id")
    r.add_argument("--accept", action="store_true",
                   help="validate the article and mark it reviewed (meta.yaml status: reviewed)")
    r.add_argument("--accept-unreviewed", action="store_true",
                   help="with --accept: accept the drafted items nobody checked as they are (recorded in meta.yaml)")
    r.add_argument("--reviewer", help="your name, recorded in the reference's producer")
    add_course_option(r)


def run(args: argparse.Namespace) -> int:
    return add(args) if args.article_command == "add" else review(args)


def add(args: argparse.Namespace) -> int:
    from medialit.articles.ingest.dialogue import add_article
    from medialit.course.course import require_course

    # an explicit --course wins over $MEDIALIT_SEEDS; otherwise the default folder decides
    dest = Path(args.dest) if args.dest else require_course().seeds if args.course else None
    add_article(args.file, dest=dest,
                interactive=not args.yes and sys.stdin.isatty(), with_annotation=not args.no_annotation,
                article_id=args.article_id, outlet=args.outlet, date=args.date, title=args.title,
                author=args.author, url=args.url, constructed=args.constructed, rights=args.rights)
    return 0


def review(args: argparse.Namespace) -> int:
    from medialit.articles.review import accept_article, review_state

    if args.accept_unreviewed and not args.accept:
        from medialit.articles.review import ReviewError

        raise ReviewError("--accept-unreviewed only goes with --accept")
    if not args.accept:
        for line in review_state(args.article_id):
            print(line)
        return 0
    done = accept_article(args.article_id, reviewer=args.reviewer, accept_unreviewed=args.accept_unreviewed)
    print(f"{args.article_id}: reviewed")
    for line in done:
        print(f"  {line}")
    return 0
