"""The keys of automatically graded questions, and the instructor's answers file of a notebook."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from medialit.questions.question import Question


def key_answer(q: Question) -> Any:
    """The reference answer to an automatically graded question, in the form a widget records.

    Raises ``ValueError`` for a question a teacher marks (``text``), which has no automatic key.
    """
    return q.kind.key()


def reference_answers_text(notebook: str, questions: Iterable[Question] | None = None) -> str:
    """The instructor's answers file for ``notebook``: the key of every graded question in it.

    The questions are ``questions`` when given (e.g. a course's own bank), else those the
    bank lookup finds for the notebook.  Lives beside the solution notebook so that
    ``nbgrader validate`` of a solution passes; the course configuration keeps it out of the
    release.  Raises :class:`~medialit.questions.errors.KeyWithTeacherError` where the keys
    are not at hand (a student's install reads public banks).
    """
    from medialit.questions import questions_for_notebook

    asked = list(questions) if questions is not None else questions_for_notebook(notebook)
    answers = {q.id: {"kind": q.type, "value": q.check_answer(key_answer(q)), "updated": "2026-01-01T00:00:00+00:00"}
               for q in asked if q.mode == "graded" and q.kind.auto_scored}
    return json.dumps({"schema_version": 1, "notebook": notebook, "answers": answers}, indent=1,
                      ensure_ascii=False) + "\n"
