"""Subcommands for question banks and answers files: ``questions list``, ``questions check``,
``answers check``.  Exit 1 when a check finds problems."""

from __future__ import annotations

import argparse
import json
import warnings
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    q = sub.add_parser("questions", help="list or check the question banks")
    qsub = q.add_subparsers(dest="questions_command", metavar="ACTION")
    qsub.required = True
    p = qsub.add_parser("list", help="every question: id, type, mode, points, notebook")
    p.add_argument("--notebook", help="only the questions of this notebook (file stem)")
    p.add_argument("--format", choices=["table", "json"], default="table")
    p.set_defaults(func=cmd_list)
    p = qsub.add_parser("check", help="load banks and resolve every key and region; exit 1 on problems")
    p.add_argument("files", nargs="*", help="bank files (default: every bank found)")
    p.set_defaults(func=cmd_check)

    a = sub.add_parser("answers", help="check a student's answers file")
    asub = a.add_subparsers(dest="answers_command", metavar="ACTION")
    asub.required = True
    p = asub.add_parser("check", help="read an answers file, check each answer's form; exit 1 on problems")
    p.add_argument("file")
    p.set_defaults(func=cmd_answers_check)


def cmd_list(args: argparse.Namespace) -> int:
    from medialit.questions.bank import all_questions, bank_problems

    rows = [{"id": q.id, "type": q.type, "mode": q.mode, "points": q.points, "notebook": q.notebook,
             "prompt": q.prompt} for q in all_questions().values()
            if args.notebook is None or q.notebook == args.notebook.removesuffix(".ipynb")]
    if args.format == "json":
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
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from medialit.articles.article import ArticleError
    from medialit.core.annotation import AnnotationError
    from medialit.questions.bank import QuestionBankError, bank_files, check_bank

    files = [Path(f) for f in args.files] or bank_files()
    failed = 0
    for f in files:
        try:
            bank = check_bank(f)
        except (QuestionBankError, AnnotationError, ArticleError) as exc:
            failed += 1
            print(exc)
        else:
            print(f"{f}: ok ({len(bank.questions)} questions)")
    return 1 if failed else 0


def cmd_answers_check(args: argparse.Namespace) -> int:
    from medialit.answers.store import AnswersFileWarning, AnswerStore
    from medialit.questions.bank import AnswerFormError, QuestionBankError, UnknownQuestionError, find_question

    path = Path(args.file)
    if not path.exists():
        print(f"{path}: no such file")
        return 2
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", AnswersFileWarning)
        store = AnswerStore(path, read_only=True)  # a check never writes, not even a backup
    bad = list(store.problems)
    for qid in store.answered():
        entry = store.entry(qid) or {}
        try:
            q = find_question(qid)
            if entry.get("kind") != q.type:
                raise AnswerFormError(f"{qid}: a {entry.get('kind')!r} answer to a {q.type!r} question")
            summary = q.describe_answer(q.check_answer(entry.get("value")))
        except (AnswerFormError, UnknownQuestionError, QuestionBankError) as exc:
            bad.append(str(exc).splitlines()[0])
            continue
        print(f"{qid}: {summary}")
    for problem in bad:
        print(f"problem: {problem}")
    return 1 if bad else 0
