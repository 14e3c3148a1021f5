"""Scoring one answer against its key, with a short explanation for the student.

The rule for each question type is its class's ``score`` (:mod:`medialit.questions.types`,
whose module docstrings state them); a type that a teacher marks (``text``) scores 0 here
with ``Score.manual`` set.

:func:`grade` scores one question in a notebook: it reads the answers file, prints the
explanation to stdout (what was right and what was missed, without spelling out the whole
key) and returns the points as a float.  It never raises for a student's mistake.  Under
``nbgrader autograde`` it returns 0.0: there a question cell is scored outside the kernel,
from the submitted answers file (:mod:`medialit.grading.nbgrader_scoring`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class Score:
    """Points earned out of ``max_points`` and the lines that explain them."""

    points: float
    max_points: float
    lines: list[str] = field(default_factory=list)
    manual: bool = False

    @property
    def fraction(self) -> float:
        return self.points / self.max_points if self.max_points else 0.0

    def summary(self) -> str:
        if self.manual:
            return f"marked by your teacher (up to {self.max_points:g} points)"
        return f"{self.points:g} / {self.max_points:g} points"


def score(question: Any, answer_value: Any, article: Any = None) -> Score:
    """Score ``answer_value`` (stored or raw form) for ``question``; never raises for a bad answer."""
    from medialit.questions.errors import AnswerFormError

    if answer_value is None:
        return Score(0.0, question.points, [f"No answer to {question.id} was recorded, so it scores 0."],
                     manual=not question.kind.auto_scored)
    try:
        value = question.check_answer(answer_value)
    except AnswerFormError as exc:
        return Score(0.0, question.points, [f"The recorded answer cannot be scored: {exc}",
                                            "Answer the question again in the notebook to fix it."])
    return question.kind.score(value, article)


def find_answers_file(question: Any = None, answers_path: str | os.PathLike[str] | None = None) -> Path | None:
    """Where the answers of the notebook being graded are: the explicit path, else the file of
    :func:`medialit.answers.store.current_store` when it exists, else the only ``*.answers.json`` in
    the working folder."""
    from medialit.answers import store as answers

    if answers_path is not None:
        return Path(answers_path)
    store = answers.current_store(question, required=False)
    if store is not None and store.path.exists():
        return store.path
    found = sorted(Path(".").glob(f"*{answers.SUFFIX}"))
    if len(found) == 1:
        return found[0]
    return store.path if store is not None else None


def grade(qid: str, answers_path: str | os.PathLike[str] | None = None) -> float:
    """Score the recorded answer to ``qid``, print why to stdout, return the points.

    Missing file, missing or malformed answer, unknown question, a graded question whose key
    is not here (a student's install): prints a clear line and returns 0.0; never raises for
    those.  While nbgrader autogrades (``NBGRADER_EXECUTION`` set, except ``validate``) it
    prints that the grading step scores the question and returns 0.0, so notebook code can
    never raise a score through it.
    """
    import warnings

    if os.environ.get("NBGRADER_EXECUTION") not in (None, "", "validate"):
        print(f"{qid}: scored by medialit's grading step from the submitted answers file, not in the notebook.")
        return 0.0

    from medialit.answers.store import AnswersFileWarning, AnswerStore
    from medialit.questions.errors import QuestionBankError, UnknownQuestionError

    try:
        question = _find(qid)
    except (UnknownQuestionError, QuestionBankError) as exc:
        print(f"{qid}: cannot be graded: {exc}")
        return 0.0
    if not question.has_key:  # a student's install: the key stays in the teacher's course
        from medialit.questions.errors import key_with_teacher_message

        print(key_with_teacher_message(qid))
        return 0.0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", AnswersFileWarning)  # problems are printed below, to stdout
        path = find_answers_file(question, answers_path)
    if path is None or not path.exists():
        looked = str(path) if path else f"*.answers.json in {Path.cwd()}"
        print(f"{qid}: 0 / {question.points:g} points. No answers file was found ({looked}); "
              "answer the questions in the notebook, which saves them next to it.")
        return 0.0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", AnswersFileWarning)
        store = AnswerStore.open(path)
        entry = store.entry(qid)
    if entry is not None and entry["kind"] != question.type:
        result = Score(0.0, question.points, [f"The recorded answer is a {entry['kind']!r} answer, but {qid} is a "
                                              f"{question.type!r} question; answer it again in the notebook."])
    else:
        try:
            result = score(question, entry["value"] if entry else None)
        except (LookupError, ValueError) as exc:  # the key itself cannot be read: a course problem
            print(f"{qid}: cannot be graded, the key could not be read: {exc}")
            return 0.0
    print(f"{qid}: {result.summary()}")
    for line in result.lines:
        print(f"  {line}")
    if store.problems:
        print("  Note: " + store.problem_message().replace("\n", "\n  "))
    return float(result.points)


def _find(qid: str) -> Any:
    from medialit.questions import find_question

    return find_question(qid)
