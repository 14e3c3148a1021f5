"""The one scorer of question cells: a submitted answers file against the course's key.

``nbgrader autograde`` (through :mod:`medialit.grading.nbgrader_scoring`) and
``medialit grade`` (:mod:`medialit.grading.class_grading`) both call
:func:`score_question_cells`, so they give identical points and explanations.

A *question cell* is a grade cell whose grade id is a graded question of the notebook in
the course's bank (:func:`graded_questions`); its source plays no part.  Its points come
from the answers file the student submitted (:func:`submitted_answers_path`), read without
changing it, and are clipped to the cell's maximum.  The explanation names files by their
name only (never a folder of the instructor's), and cuts every line longer than
:data:`medialit.core.shorten.LIMIT` characters, saying how long it was.

Limits: a question a teacher marks (``text``) scores 0 with a line saying so (a code grade
cell always has a number as its score); a question whose key cannot be read scores 0 and
:attr:`CellScore.problem` says why, for the teacher.
"""

from __future__ import annotations

import json
import os
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from medialit.core.shorten import clip

#: Longest stored answer (as JSON) that is scored; a longer one scores 0 and is not echoed.
ANSWER_LIMIT = 100_000
_SUFFIX = ".answers.json"


@dataclass(frozen=True)
class CellScore:
    """The score of one question cell: points out of ``max_points`` and the text explaining them."""

    grade_id: str
    points: float
    max_points: float
    text: str
    problem: str | None = None  # a problem of the course (no key), for the teacher


@dataclass
class SubmittedAnswers:
    """The answers read from one submitted file (``entries`` by question id) and what was wrong with it."""

    name: str | None  # the file's name, None when no file was submitted
    entries: dict[str, dict[str, Any]]
    problems: list[str]


def graded_questions(notebook: str) -> dict[str, Any]:
    """The graded questions of ``notebook`` in the course's bank, by id.

    The one place that says where the course's full bank (with its keys) is found: today
    the bank lookup of :mod:`medialit.questions`.
    """
    from medialit.questions import questions_for_notebook

    return {q.id: q for q in questions_for_notebook(notebook) if q.mode == "graded"}


def submitted_answers_path(submitted_dir: str | os.PathLike[str], notebook: str) -> Path | None:
    """The answers file submitted with ``notebook``: ``<notebook>.answers.json`` in the
    submission folder, else the only ``*.answers.json`` there (a renamed download), else None."""
    folder = Path(submitted_dir)
    own = folder / f"{notebook}{_SUFFIX}"
    if own.is_file():
        return own
    found = sorted(p for p in folder.glob(f"*{_SUFFIX}") if p.is_file()) if folder.is_dir() else []
    return found[0] if len(found) == 1 else None


def read_answers(path: str | os.PathLike[str] | None) -> SubmittedAnswers:
    """The answers in ``path`` (None: no file), read only: no backup is written, nothing is changed."""
    from medialit.answers.store import AnswersFileWarning, AnswerStore

    if path is None or not Path(path).is_file():
        return SubmittedAnswers(None, {}, [])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", AnswersFileWarning)
        store = AnswerStore(path, read_only=True)
    entries = {qid: store.entry(qid) or {} for qid in store.answered()}
    return SubmittedAnswers(Path(path).name, entries, list(store.problems))


def score_answer(question: Any, answers: SubmittedAnswers, max_points: float, notebook: str) -> CellScore:
    """The score of ``question``'s cell (worth ``max_points``) for the submitted ``answers``."""
    from medialit.grading.score import Score, score

    qid = question.id
    problem = None
    if answers.name is None:
        result = Score(0.0, question.points, [f"No answers file was submitted with this notebook "
                                              f"({notebook}{_SUFFIX}); the notebook saves your answers in it as "
                                              "you answer."])
    else:
        entry = answers.entries.get(qid)
        size = len(json.dumps(entry.get("value"), ensure_ascii=False)) if entry else 0
        if entry is not None and size > ANSWER_LIMIT:
            result = Score(0.0, question.points, [f"The recorded answer is {size:,} characters long, too long to be "
                                                  f"an answer (at most {ANSWER_LIMIT:,}); it was not scored."])
        elif entry is not None and entry.get("kind") != question.type:
            result = Score(0.0, question.points, [f"The recorded answer is a {entry.get('kind')!r} answer, but {qid} "
                                                  f"is a {question.type!r} question; answer it again in the notebook."])
        else:
            try:
                result = score(question, entry.get("value") if entry else None)
            except (LookupError, ValueError) as exc:  # the key itself cannot be read: a course problem
                problem = f"{qid}: the key could not be read: {exc}"
                result = Score(0.0, question.points, ["This question cannot be graded yet: its key could not be "
                                                      "read. Your teacher has been told."])
    points = round(min(max(float(result.points), 0.0), float(max_points)), 4)
    summary = result.summary() if points == result.points else f"{points:g} / {max_points:g} points"
    lines = [f"{qid}: {summary}"] + [f"  {line}" for line in result.lines]
    if answers.problems:
        lines.append(f"  Note: the answers file {answers.name} had a problem; what could be read was scored:")
        lines += [f"    - {p}" for p in answers.problems[:5]]
    text = "\n".join(clip(line) for line in lines) + "\n"
    return CellScore(qid, points, float(max_points), text, problem)


def score_question_cells(notebook: str, submitted_dir: str | os.PathLike[str],
                         grade_cells: Mapping[str, float],
                         questions: Mapping[str, Any] | None = None) -> dict[str, CellScore]:
    """Score every question cell of a submitted notebook.

    ``grade_cells`` maps the grade ids of the notebook's grade cells to their maximum
    points (as the gradebook holds them); those that are graded questions of ``notebook``
    (``questions``, default :func:`graded_questions`) are scored from the answers file in
    ``submitted_dir``.  Other grade cells are left out of the result.
    """
    questions = graded_questions(notebook) if questions is None else questions
    wanted = [gid for gid in grade_cells if gid in questions]
    if not wanted:
        return {}
    answers = read_answers(submitted_answers_path(submitted_dir, notebook))
    return {gid: score_answer(questions[gid], answers, grade_cells[gid], notebook) for gid in wanted}
