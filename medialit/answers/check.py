"""``medialit answers check``: read a student's answers file without changing it, and check
each answer against the form its question expects."""

from __future__ import annotations

import os
import warnings
from pathlib import Path


def check_answers_file(path: str | os.PathLike[str]) -> tuple[list[str], list[str]]:
    """(one "qid: summary" line per well-formed answer, the problems found), for an existing file.

    Problems are those of the file itself (corrupt or hand-edited parts) and, per answer, an
    unknown question, an answer of another kind, or a value of the wrong form (first line of
    the message).  The file is read only: not even a backup is written.
    """
    from medialit.answers.store import AnswersFileWarning, AnswerStore
    from medialit.questions import AnswerFormError, QuestionBankError, UnknownQuestionError, find_question

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", AnswersFileWarning)
        store = AnswerStore(Path(path), read_only=True)
    good: list[str] = []
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
        good.append(f"{qid}: {summary}")
    return good, bad
