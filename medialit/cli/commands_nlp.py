"""Subcommands of the analyzers: ``medialit analyze`` and ``medialit evaluate``.

spaCy is imported only when one of them runs, never when the ``medialit`` command starts.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from medialit.cli import CommandError
from medialit.core import annotation as ann


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "analyze",
        help="pre-annotate texts with the analyzers (attributions, hedges and boosters, framing cues)",
        description=(
            "Analyse UTF-8 text files, folders of .txt files, or known article ids. One input is printed "
            "as JSON (or a table); several inputs, or --out, write one <name>.json per input into a folder."
        ),
    )
    p.add_argument("inputs", nargs="+", metavar="PATH_OR_ARTICLE_ID")
    p.add_argument("--format", choices=["json", "table"], default="json")
    p.add_argument("--out", type=Path, metavar="DIR", help="folder for one <name>.json per input")
    p.add_argument("--convention", choices=["codebook", "polnear"], default="codebook",
                   help="codebook (default): one attribution per quoted stretch, as the references; "
                        "polnear: the stretches of one quotation joined, as PolNeAR annotates")
    p.set_defaults(func=cmd_analyze)

    p = sub.add_parser(
        "evaluate",
        help="score the analyzers against the reference annotations and PolNeAR",
        description=(
            "Score the analyzers against every article with a reference.json, hedges and boosters against the "
            "stance evaluation set (tuning and held-out parts) and, when the folder exists, against PolNeAR dev "
            "with the project's attribution metric."
        ),
    )
    p.add_argument("--polnear", metavar="DIR",
                   help="PolNeAR folder holding dev/ (default ../shared/polnear next to the repository, "
                        "or $MEDIALIT_POLNEAR)")
    p.add_argument("--split", default="dev", help="PolNeAR split to score (default dev)")
    p.add_argument("--no-polnear", action="store_true", help="score the articles only")
    p.add_argument("--json", type=Path, metavar="FILE", help="also write the figures to FILE")
    p.set_defaults(func=cmd_evaluate)


def _load_nlp() -> Any:
    from medialit.nlp.loader import ModelNotInstalled, load_nlp

    try:
        return load_nlp()
    except ModelNotInstalled as exc:
        raise CommandError(str(exc)) from None


def _guard_output(path: Path) -> None:
    """Refuse to overwrite a file that is not earlier analyzer output (a student's work, say)."""
    if not path.exists():
        return
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        kind = data.get("producer", {}).get("kind") if isinstance(data, dict) else None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        kind = None
    if kind != "analyzer":
        raise CommandError(
            f"{path} exists and is not analyzer output; it is left untouched. "
            "Choose another --out folder, or move the file away first"
        )


def cmd_analyze(args: argparse.Namespace) -> int:
    from medialit.nlp.analyze import InputError, resolve_inputs

    try:
        items = resolve_inputs(args.inputs)
    except InputError as exc:
        raise CommandError(str(exc)) from None
    several = len(items) > 1
    if several and args.out is None:
        raise CommandError(
            f"{len(items)} texts to analyse: give --out DIR to write one <name>.json per text"
        )
    if args.out is not None:
        if args.out.exists() and not args.out.is_dir():
            raise CommandError(f"--out {args.out} is a file; give a folder")
        names: dict[str, str] = {}
        for item in items:
            if item.name in names:
                raise CommandError(
                    f"{names[item.name]} and {item.name} would both be written to {item.name}.json; "
                    "analyse them into different --out folders"
                )
            names[item.name] = item.name
            _guard_output(args.out / f"{item.name}.json")

    nlp = _load_nlp()
    from medialit.nlp.analyze import pipe_docs
    from medialit.nlp.export import to_annotation

    docs = pipe_docs(nlp, [item.text for item in items])
    if args.out is None:
        doc = to_annotation(next(docs), items[0].article_id, items[0].part_at, args.convention)
        if args.format == "json":
            sys.stdout.write(ann.dumps(doc))
        else:
            _print_document(doc)
        return 0

    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    args.out.mkdir(parents=True, exist_ok=True)
    summary = []
    with Progress(TextColumn("analysing"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  TextColumn("{task.description}"), console=console, transient=not console.is_terminal) as bar:
        task = bar.add_task("", total=len(items))
        for item, spacy_doc in zip(items, docs, strict=True):
            bar.update(task, description=item.name)
            doc = to_annotation(spacy_doc, item.article_id, item.part_at, args.convention)
            ann.atomic_write_text(args.out / f"{item.name}.json", ann.dumps(doc))
            summary.append((item.name, doc))
            bar.advance(task)
    if args.format == "table":
        _print_summary(summary)
    else:
        print(f"wrote {len(summary)} file(s) to {args.out}", file=sys.stderr)
    return 0


def _counts(doc: dict[str, Any]) -> list[str]:
    framing = doc.get("framing", {})
    return [str(len(doc.get("attributions", []))), str(len(doc.get("hedges", []))), str(len(doc.get("boosters", []))),
            str(len(framing.get("loaded_language", []))), str(len(framing.get("scare_quotes", [])))]


def _print_summary(rows: list[tuple[str, dict[str, Any]]]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table("text", "attributions", "hedges", "boosters", "loaded", "scare quotes")
    for name, doc in rows:
        table.add_row(name, *_counts(doc))
    Console().print(table)


def _print_document(doc: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    table = Table("speaker", "resolved", "cue", "kind", "content", title="attributions")
    for a in doc.get("attributions", []):
        content = a["content"]["text"]
        cue = (a.get("cue") or {}).get("text", "—")
        if a.get("cue_connotation") == "loaded":
            cue += " (loaded)"
        table.add_row((a.get("speaker") or {}).get("text", "—"), a.get("speaker_name") or "—", cue,
                      a["kind"], content if len(content) <= 90 else content[:87] + "...")
    console.print(table)
    for layer in ("hedges", "boosters"):
        t = Table("cue", "category", "holder", title=layer)
        for h in doc.get(layer, []):
            t.add_row(h["cue"]["text"], h["category"], h.get("holder", ""))
        console.print(t)
    framing = doc.get("framing", {})
    for layer in ("loaded_language", "scare_quotes"):
        t = Table("span", "holder", "note", title=layer.replace("_", " "))
        for x in framing.get(layer, []):
            t.add_row(x["span"]["text"], x.get("holder", ""), x.get("note", ""))
        console.print(t)


def cmd_evaluate(args: argparse.Namespace) -> int:
    from medialit.nlp import polnear
    from medialit.nlp.evaluate import evaluate_articles, evaluate_polnear
    from medialit.nlp.stance_eval import evaluate_stance_set

    nlp = _load_nlp()
    figures: dict[str, Any] = {"articles": evaluate_articles(nlp), "stance_set": evaluate_stance_set(nlp)}
    if not args.no_polnear:
        try:
            figures["polnear"] = evaluate_polnear(nlp, args.polnear, args.split)
        except polnear.PolnearMissing as exc:
            if args.polnear:
                raise CommandError(str(exc)) from None
            figures["polnear"] = None
            figures["polnear_note"] = f"skipped: {exc}"
    _print_figures(figures)
    if args.json:
        ann.atomic_write_text(args.json, json.dumps(figures, indent=2, ensure_ascii=False) + "\n")
        print(f"wrote {args.json}", file=sys.stderr)
    return 0


def _print_figures(figures: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    table = Table("article", "layer", "pred.", "ref.", "P", "R", "F1", "speaker F1",
                  title="against the reference annotations")
    table.columns[0].overflow = "fold"
    for row in figures["articles"]:
        a = row.get("attributions")
        if a:
            table.add_row(row["article"], "attributions", str(a["predicted"]), str(a["reference"]),
                          f"{a['content']['precision']:.3f}", f"{a['content']['recall']:.3f}",
                          f"{a['content']['f1']:.3f}", f"{a['speaker']['f1']:.3f}")
        for layer in ("hedges", "boosters"):
            h = row.get(layer)
            if h:
                table.add_row(row["article"], layer, str(h["predicted"]), str(h["reference"]),
                              f"{h['precision']:.3f}", f"{h['recall']:.3f}", f"{h['f1']:.3f}", "")
    if not figures["articles"]:
        console.print("no article has a reference.json yet")
    else:
        console.print(table)
    from medialit.nlp.stance_eval import format_figures

    console.print("hedges and boosters on the stance evaluation set (medialit/data/eval/stance):")
    console.print(format_figures(figures["stance_set"]), markup=False, highlight=False)
    p = figures.get("polnear")
    if p:
        t = Table("attributions", "articles", "gold", "pred.", "content P", "content R", "content F1", "source F1",
                  title=f"PolNeAR {p['split']} (project metric; {p['seconds']:.1f} s)")
        t.add_row("PolNeAR view", str(p["docs"]), str(p["gold"]), str(p["pred"]),
                  f"{p['content_p']:.3f}", f"{p['content_r']:.3f}", f"{p['content_f1']:.3f}", f"{p['source_f1']:.3f}")
        s = p["stretches_separate"]
        t.add_row("as analyzed", str(s["docs"]), str(s["gold"]), str(s["pred"]),
                  f"{s['content_p']:.3f}", f"{s['content_r']:.3f}", f"{s['content_f1']:.3f}", f"{s['source_f1']:.3f}")
        console.print(t)
        console.print("PolNeAR view: the stretches of one quotation joined, as PolNeAR annotates them "
                      "(docs/analyzers.md); as analyzed: the attributions exactly as `medialit analyze` writes them.")
    elif figures.get("polnear_note"):
        console.print(f"PolNeAR: {figures['polnear_note']}")
