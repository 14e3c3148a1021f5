"""Subcommands about articles and annotation files: articles, reference, validate, show."""

from __future__ import annotations

import argparse
import json
import sys

from medialit.articles.article import list_articles, load_article
from medialit.core import annotation as ann
from medialit.core.layers import layer_marks, show_choices


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("articles", help="list the articles")
    p.add_argument("--format", choices=["table", "json"], default="table")
    p.set_defaults(func=cmd_articles)

    p = sub.add_parser("reference", help="print an article's reference annotation")
    p.add_argument("article_id")
    p.add_argument("--format", choices=["json", "table"], default="json")
    p.set_defaults(func=cmd_reference)

    p = sub.add_parser("validate", help="check an annotation file; exit 1 with the problems when invalid")
    p.add_argument("file")
    p.add_argument("--article", help="article id to check offsets against (default: the file's article_id)")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("show", help="show an article with one annotation layer highlighted")
    p.add_argument("article_id")
    p.add_argument("--layer", default="structure", choices=["structure", *SHOW_LAYERS])
    p.add_argument("--file", help="an annotation file to show instead of the reference")
    p.set_defaults(func=cmd_show)


def cmd_articles(args: argparse.Namespace) -> int:
    rows = [a.summary() for a in list_articles()]
    if args.format == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    from rich.console import Console
    from rich.table import Table

    table = Table("id", "outlet", "date", "title", "kind")
    for r in rows:
        table.add_row(r["id"], r["outlet"], r["date"], r["title"], "constructed" if r["constructed"] else "real")
    Console().print(table)
    return 0


def cmd_reference(args: argparse.Namespace) -> int:
    article = load_article(args.article_id)
    doc = article.reference
    if args.format == "json":
        sys.stdout.write(ann.dumps(doc))
        return 0
    from rich.console import Console
    from rich.table import Table

    table = Table("layer", "items")
    counts: dict[str, int] = {}
    for layer, _ in ann.iter_items(doc):
        counts[layer] = counts.get(layer, 0) + 1
    for layer, n in counts.items():
        table.add_row(layer, str(n))
    Console().print(table)
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    data = ann.read_json(args.file)
    article_id = args.article or (data.get("article_id") if isinstance(data, dict) else None)
    text = load_article(article_id).text if article_id else None
    ann.validate(data, text, where=args.file)
    n = sum(1 for _ in ann.iter_items(data))
    print(f"{args.file}: valid ({n} items, article {article_id})")
    return 0


#: The ``--layer`` choices besides ``structure``; what each marks is in :mod:`medialit.core.layers`.
SHOW_LAYERS = show_choices()


def cmd_show(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.text import Text

    article = load_article(args.article_id)
    console = Console()
    text = Text(article.text)
    legend: list[str] = []
    if args.layer == "structure":
        styles = {"section": "dim", "furniture": "dim strike", "caption": "italic cyan", "credit": "dim cyan",
                  "headline": "bold", "standfirst": "bold italic", "body": "", "video": "magenta",
                  "related": "dim magenta"}
        for p in article.structure:
            if styles.get(p["label"]):
                text.stylize(styles[p["label"]], p["start"], p["end"])
            legend.append(f"{p['start']:>5}-{p['end']:<5} {p['label']:<10} {p['text'][:60]}")
    else:
        doc = ann.load(args.file, article.text) if args.file else article.reference
        for start, end, style, label in layer_marks(doc, args.layer):
            text.stylize(style, start, end)
            legend.append(f"{start:>5}-{end:<5} {label}")
    console.print(text)
    console.rule(f"{args.layer}: {len(legend)} marks")
    for line in legend:
        console.print(line, markup=False, highlight=False)
    return 0
