"""Instructor subcommands: ``article add``, ``article review``, ``export`` and ``import``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from medialit.cli import CommandError


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("article", help="add your own article, or mark an article's reference reviewed")
    asub = p.add_subparsers(dest="article_command", metavar="ACTION")
    asub.required = True

    a = asub.add_parser("add", help="make seeds/<id>/ from a saved news page (.html) or a text file",
                        description="Extract the text of a saved news page (or take a plain-text file), propose "
                                    "its structure and metadata, and write a new article folder with status draft "
                                    "(and a draft reference annotation when the analyzers are installed).")
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
    a.add_argument("--dest", help="folder to create the article folder in (default: the project's seeds/)")
    a.add_argument("--no-annotation", action="store_true", help="do not run the analyzers for a draft annotation")
    a.add_argument("--yes", "-y", action="store_true", help="do not ask anything; fail if something is missing")
    a.set_defaults(func=cmd_article_add)

    r = asub.add_parser("review", help="show an article's review state, or accept its reference (--accept)")
    r.add_argument("article_id")
    r.add_argument("--accept", action="store_true",
                   help="validate the article and mark it reviewed (meta.yaml status: reviewed)")
    r.add_argument("--reviewer", help="your name, recorded in the reference's producer")
    r.set_defaults(func=cmd_article_review)

    e = sub.add_parser("export", help="write an annotation as Label Studio JSON or doccano JSONL",
                       description="Export an annotation file (or an article's reference, given its id) for an "
                                   "annotation tool. Import it back with `medialit import`; nothing is lost.")
    e.add_argument("file", help="an annotation JSON file, or an article id to export its reference")
    e.add_argument("--to", required=True, choices=["label-studio", "doccano"], dest="fmt")
    e.add_argument("--out", "-o", help="output file (default: standard output)")
    e.add_argument("--offsets", choices=["codepoints", "utf16"],
                   help="offset unit (default: codepoints for Label Studio, utf16 for doccano)")
    e.add_argument("--as-predictions", action="store_true",
                   help="Label Studio: put the spans in predictions (pre-annotations to review) not annotations")
    e.add_argument("--relations", action="store_true",
                   help="doccano: write entities and relations (a relation-labelling project)")
    e.add_argument("--config", help="also write the tool's set-up: Label Studio labeling config (XML) or the "
                                    "doccano label names (one per line)")
    e.add_argument("--force", action="store_true", help="overwrite --out if it exists")
    e.set_defaults(func=cmd_export)

    i = sub.add_parser("import", help="read an annotation back from Label Studio JSON or doccano JSONL",
                       description="Read the annotation of one article from a Label Studio export or a doccano "
                                   "JSONL file, check it against the article, and write it in medialit's format.")
    i.add_argument("file")
    i.add_argument("--from", required=True, choices=["label-studio", "doccano"], dest="fmt")
    i.add_argument("--article", required=True, help="the article the annotation belongs to")
    i.add_argument("--out", "-o", help="output file (default: standard output)")
    i.add_argument("--pick", type=int, help="which annotation (Label Studio) or line (doccano) when several, from 1")
    i.add_argument("--offsets", choices=["codepoints", "utf16"],
                   help="offset unit of the file (default: detected for Label Studio, utf16 for doccano)")
    i.add_argument("--force", action="store_true", help="overwrite --out if it exists")
    i.set_defaults(func=cmd_import)


# -- article add ------------------------------------------------------------------------
def _interactive(args: argparse.Namespace) -> bool:
    return not args.yes and sys.stdin.isatty()


def _ask(prompt: str, default: str | None) -> str | None:
    shown = f" [{default}]" if default else ""
    try:
        answer = input(f"{prompt}{shown}: ").strip()
    except EOFError:
        return default
    return answer or default


def _print_structure(draft: Any) -> None:
    print(f"Text: {len(draft.text)} characters, {len(draft.parts)} parts ({draft.source_kind} page):")
    for p in draft.parts:
        snippet = p["text"] if len(p["text"]) <= 70 else p["text"][:67] + "..."
        note = f"  [{p['note']}]" if p.get("note") else ""
        print(f"  {p['start']:>6}-{p['end']:<6} {p['label']:<10} {snippet}{note}")


def cmd_article_add(args: argparse.Namespace) -> int:
    from medialit.articles.ingest import add as aa

    try:
        draft = aa.prepare(args.file, article_id=args.article_id, outlet=args.outlet, date=args.date,
                           title=args.title, author=args.author, url=args.url, constructed=args.constructed,
                           rights=args.rights)
    except aa.AddError as exc:
        raise CommandError(str(exc)) from None
    dest = Path(args.dest) if args.dest else aa.default_seeds_dir()
    interactive = _interactive(args)
    if interactive:
        _print_structure(draft)
        print("\nCheck the metadata (Enter keeps the value shown):")
        for key in ("title", "outlet", "date", "author"):
            value = _ask(f"  {key}", draft.meta.get(key))
            if key == "date" and value and aa.parse_date(value) is None:
                print(f"  {value!r} is not a date (YYYY-MM-DD); keeping {draft.meta.get('date')!r}")
                continue
            draft.meta[key] = aa.parse_date(value) if key == "date" and value else value
        if not args.article_id:
            draft.meta["id"] = None
        aa.complete(draft)
        draft.meta["id"] = _ask("  id", draft.meta.get("id"))
        aa.complete(draft)
        answer = _ask(f"Write {dest / (draft.id or '?')}/ ? (y/n)", "y")
        if (answer or "").lower() not in ("y", "yes"):
            print("Nothing written.")
            return 0
    try:
        folder, notes = aa.write(draft, dest, with_annotation=not args.no_annotation)
    except aa.AddError as exc:
        raise CommandError(str(exc)) from None
    if not interactive:
        _print_structure(draft)
    print(f"\nWrote {folder}/ (status: draft)")
    for n in notes:
        print(f"  {n}")
    print(f"Next: check the structure with `medialit show {draft.id}`, review the draft annotation "
          f"(docs/review-article.ipynb), then `medialit article review {draft.id} --accept`.")
    return 0


# -- article review ---------------------------------------------------------------------
def cmd_article_review(args: argparse.Namespace) -> int:
    from medialit.articles.article import load_article
    from medialit.articles.review import ReviewError, accept_article
    from medialit.core import annotation as ann

    if args.accept:
        try:
            done = accept_article(args.article_id, reviewer=args.reviewer)
        except ReviewError as exc:
            raise CommandError(str(exc)) from None
        print(f"{args.article_id}: reviewed")
        for line in done:
            print(f"  {line}")
        return 0
    article = load_article(args.article_id)
    print(f"{article.id}: status {article.meta.get('status')}")
    if not article.reference_path.exists():
        print("  no reference annotation yet")
        return 0
    doc = article.reference
    producer = doc.get("producer") or {}
    print(f"  reference by {producer.get('kind')} {producer.get('name', '')}".rstrip()
          + f", reviewed: {producer.get('reviewed', 'not recorded')}")
    counts: dict[str, int] = {}
    for layer, _ in ann.iter_items(doc):
        counts[layer] = counts.get(layer, 0) + 1
    for layer, n in counts.items():
        print(f"  {layer}: {n}")
    return 0


# -- export / import --------------------------------------------------------------------
def _write_output(content: str, out: str | None, force: bool) -> None:
    from medialit.core.annotation import atomic_write_text

    if not out:
        sys.stdout.write(content)
        return
    path = Path(out)
    if path.exists() and not force:
        raise CommandError(f"{path} already exists; choose another --out or add --force to replace it")
    atomic_write_text(path, content)
    print(f"wrote {path}", file=sys.stderr)


def cmd_export(args: argparse.Namespace) -> int:
    from medialit.articles.article import ArticleError, load_article
    from medialit.core import annotation as ann
    from medialit.interchange import export_text

    path = Path(args.file)
    if path.exists():
        data = ann.read_json(path)
        if not isinstance(data, dict) or not isinstance(data.get("article_id"), str):
            raise CommandError(f"{path} is not an annotation document (no article_id); "
                               "give a medialit annotation file or an article id")
        article = load_article(data["article_id"])
        doc = ann.validate(data, article.text, where=str(path))
    else:
        try:
            article = load_article(args.file)
        except ArticleError:
            raise CommandError(f"{args.file} is neither an annotation file nor a known article id") from None
        doc = article.reference
    if args.as_predictions and args.fmt != "label-studio":
        raise CommandError("--as-predictions is for Label Studio only")
    if args.relations and args.fmt != "doccano":
        raise CommandError("--relations is for doccano only (Label Studio always carries relations)")
    content = export_text(doc, article.text, args.fmt, offsets=args.offsets, as_predictions=args.as_predictions,
                          relations=args.relations)
    _write_output(content, args.out, args.force)
    if args.config:
        if args.fmt == "label-studio":
            from medialit.interchange.label_studio import labeling_config

            setup = labeling_config()
        else:
            from medialit.interchange.doccano import label_names

            setup = "\n".join(label_names()) + "\n"
        _write_output(setup, args.config, args.force)
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from medialit.articles.article import load_article
    from medialit.core import annotation as ann
    from medialit.interchange import ExchangeError, import_text

    article = load_article(args.article)
    path = Path(args.file)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CommandError(f"file not found: {path}") from None
    except UnicodeDecodeError:
        raise CommandError(f"{path} is not UTF-8 text; export it again from the tool") from None
    if args.pick is not None and args.pick < 1:
        raise CommandError("--pick counts from 1")
    try:
        doc, notes = import_text(raw, article, args.fmt, pick=args.pick, offsets=args.offsets, where=str(path))
    except ExchangeError as exc:
        raise ann.AnnotationError(exc.problems, str(path)) from None
    for n in notes:
        print(f"  {n}", file=sys.stderr)
    _write_output(ann.dumps(doc), args.out, args.force)
    return 0
