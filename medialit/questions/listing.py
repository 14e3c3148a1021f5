"""``medialit questions list`` and ``medialit questions check``: the questions of the banks as a
table or JSON, and every bank loaded with its keys and regions resolved."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def question_rows(notebook: str | None = None) -> list[dict[str, Any]]:
    """id, type, mode, points, notebook and prompt of every question (of one notebook, given its
    file stem or ``.ipynb`` name)."""
    from medialit.questions import all_questions

    stem = notebook.removesuffix(".ipynb") if notebook is not None else None
    return [{"id": q.id, "type": q.type, "mode": q.mode, "points": q.points, "notebook": q.notebook,
             "prompt": q.prompt} for q in all_questions().values() if stem is None or q.notebook == stem]


def print_questions(notebook: str | None = None, fmt: str = "table") -> None:
    """Print the questions (a table with the prompt cut to 60 characters, or JSON with
    ``fmt="json"``), then a warning line for each problem found across the banks."""
    from medialit.questions import bank_problems

    rows = question_rows(notebook)
    if fmt == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table("id", "type", "mode", "points", "notebook", "prompt")
        for r in rows:
            table.add_row(r["id"], r["type"], r["mode"], f"{r['points']:g}", r["notebook"] or "", r["prompt"][:60])
        Console().print(table)
    for problem in bank_problems():
        print(f"warning: {problem}")


def check_banks(files: list[Path] | None = None) -> int:
    """Load each bank file (default: every bank found) and resolve its keys and regions, printing
    "ok" with the number of questions or the problems; returns how many banks failed."""
    from medialit.articles.article import ArticleError
    from medialit.core.annotation import AnnotationError
    from medialit.questions import QuestionBankError, check_bank
    from medialit.questions.lookup import bank_files

    failed = 0
    for f in files or bank_files():
        try:
            bank = check_bank(f)
        except (QuestionBankError, AnnotationError, ArticleError) as exc:
            failed += 1
            print(exc)
        else:
            print(f"{f}: ok ({len(bank.questions)} questions)")
    return failed
