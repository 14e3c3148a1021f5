"""``medialit analyze``: texts, folders of ``.txt`` files or article ids through the analyzers,
one text printed (JSON or tables) or many written as ``<name>.json`` into a folder.

Nothing is overwritten but earlier analyzer output: any other file of the same name in the
folder (a student's annotation, say) stops the run before anything is analysed.  The model
loads only when the inputs and the output folder are fine.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from medialit.core import annotation as ann
from medialit.nlp.analyze import InputError, Item, pipe_docs, resolve_inputs


def guard_output(path: Path) -> None:
    """Refuse (:class:`InputError`) to overwrite a file that is not earlier analyzer output."""
    if not path.exists():
        return
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        kind = data.get("producer", {}).get("kind") if isinstance(data, dict) else None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        kind = None
    if kind != "analyzer":
        raise InputError(
            f"{path} exists and is not analyzer output; it is left untouched. "
            "Choose another --out folder, or move the file away first"
        )


def check_outputs(items: list[Item], out: Path | None) -> None:
    """Raise :class:`InputError` unless the items can be written: several items need a folder
    ``out`` that is not a file, and no two items may share a name or overwrite other work."""
    if len(items) > 1 and out is None:
        raise InputError(f"{len(items)} texts to analyse: give --out DIR to write one <name>.json per text")
    if out is None:
        return
    if out.exists() and not out.is_dir():
        raise InputError(f"--out {out} is a file; give a folder")
    names: dict[str, str] = {}
    for item in items:
        if item.name in names:
            raise InputError(
                f"{names[item.name]} and {item.name} would both be written to {item.name}.json; "
                "analyse them into different --out folders"
            )
        names[item.name] = item.name
        guard_output(out / f"{item.name}.json")


def analyze(inputs: list[str], *, out: Path | None = None, fmt: str = "json", convention: str = "codebook") -> int:
    """Analyse ``inputs`` (files, folders or article ids); returns how many texts were analysed.

    Without ``out`` the one text is printed as JSON (or tables with ``fmt="table"``); with
    ``out`` one ``<name>.json`` per text is written there, with a progress bar on standard
    error, then a summary table (``fmt="table"``) or a line saying what was written.
    Raises :class:`InputError`, or ``ModelNotInstalled`` without a spaCy model.
    """
    from medialit.nlp import loader
    from medialit.nlp.export import to_annotation
    from medialit.nlp.tables import print_document, print_summary

    items = resolve_inputs(inputs)
    check_outputs(items, out)
    nlp = loader.load_nlp()
    docs = pipe_docs(nlp, [item.text for item in items])
    if out is None:
        doc = to_annotation(next(docs), items[0].article_id, items[0].part_at, convention)
        if fmt == "json":
            sys.stdout.write(ann.dumps(doc))
        else:
            print_document(doc)
        return 1

    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    out.mkdir(parents=True, exist_ok=True)
    summary = []
    with Progress(TextColumn("analysing"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  TextColumn("{task.description}"), console=console, transient=not console.is_terminal) as bar:
        task = bar.add_task("", total=len(items))
        for item, spacy_doc in zip(items, docs, strict=True):
            bar.update(task, description=item.name)
            doc = to_annotation(spacy_doc, item.article_id, item.part_at, convention)
            ann.atomic_write_text(out / f"{item.name}.json", ann.dumps(doc))
            summary.append((item.name, doc))
            bar.advance(task)
    if fmt == "table":
        print_summary(summary)
    else:
        print(f"wrote {len(summary)} file(s) to {out}", file=sys.stderr)
    return len(summary)
