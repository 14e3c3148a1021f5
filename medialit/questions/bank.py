"""Question banks: YAML files of questions the widgets ask and the grader scores.

A bank is a YAML mapping with ``provenance`` and ``licence`` lines, an optional
``notebook`` (the file stem of the notebook that asks the questions) and ``article``
(the default article), and a list of ``questions``; the shape is defined in
``medialit/core/schema/questions.schema.json``.  Question ids equal the nbgrader grade ids.

Banks are looked up in ``$MEDIALIT_QUESTIONS``, then in the course's lesson folders, then
beside the current notebook, then in ``medialit/data/questions/`` (see
:mod:`medialit.questions.lookup`).  The first bank found for a notebook provides its
questions: a later bank declaring the same ``notebook:`` is skipped (so a course's full
bank replaces the public one of the same lesson).  Otherwise a question id must be unique
across all banks.

A bank with ``public: true`` is a public bank (:mod:`medialit.questions.public`): its
graded questions carry no key.

Each question is a :class:`~medialit.questions.question.Question`; what depends on its
type (answer forms, keys, scores, widgets) is in :mod:`medialit.questions.types`.

Limits: key pointers (``key: {layer, where}``) and regions given as structure parts are
resolved when a question is scored or shown, not when the bank is loaded, so a bank can
be written before its article's reference annotation; :func:`check_bank` resolves them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from medialit.questions.errors import QuestionBankError, UnknownQuestionError
from medialit.questions.lookup import bank_files, question_dirs
from medialit.questions.question import Question

__all__ = ["Bank", "all_questions", "bank_problems", "check_bank", "find_question", "load_bank",
           "questions_for_notebook", "read_notebook_line"]


# ----- banks ------------------------------------------------------------------------------

@dataclass
class Bank:
    """A loaded, validated bank file."""

    path: Path
    provenance: str
    licence: str
    notebook: str | None
    article: str | None
    questions: list[Question] = field(default_factory=list)
    #: True for a public bank (graded questions without keys).
    public: bool = False

    def question(self, qid: str) -> Question:
        for q in self.questions:
            if q.id == qid:
                return q
        raise UnknownQuestionError(f"{self.path.name} has no question {qid!r}; it has {', '.join(self.ids)}")

    @property
    def ids(self) -> list[str]:
        return [q.id for q in self.questions]


def load_bank(path: str | os.PathLike[str]) -> Bank:
    """Read and validate a bank; :class:`QuestionBankError` names every problem by question."""
    from medialit.core.yaml_text import YamlFileError, read_yaml

    path = Path(path)
    try:
        data = read_yaml(path)
    except FileNotFoundError:
        raise QuestionBankError([f"file not found: {path}"], str(path)) from None
    except YamlFileError as exc:
        raise QuestionBankError([str(exc)], str(path)) from None
    from medialit.questions.schemas import bank_problems as schema_problems

    problems = schema_problems(data)  # paths name the question: questions[2] (id 'q3')
    problems = [p + (" (YAML reads yes/no/on/off as true/false; put the text in quotes)"
                     if ("True is not of type 'string'" in p or "False is not of type 'string'" in p) else "")
                for p in problems]
    if problems:
        raise QuestionBankError(problems, str(path))
    public = data.get("public") is True
    bank = Bank(path, data["provenance"], data["licence"], data.get("notebook"), data.get("article"), public=public)
    course_root = _course_of_lesson_bank(path)
    seen: set[str] = set()
    for qdata in data["questions"]:
        q = Question(qdata, path, bank.article, bank.notebook, public=public, course_root=course_root)
        if q.id in seen:
            problems.append(f"{q.where}: the id is used twice in this bank; ids must be unique")
        seen.add(q.id)
        problems += _question_problems(q)
        bank.questions.append(q)
    if not problems and public:
        from medialit.questions.public import public_bank_problems

        problems += public_bank_problems(bank)
    if problems:
        raise QuestionBankError(problems, str(path))
    return bank


def _course_of_lesson_bank(path: Path) -> Path | None:
    """The course root when ``path`` is a lesson folder's bank (``<root>/autograder/lesson-sources/<lesson>/...``)."""
    parents = path.absolute().parents
    if len(parents) > 3 and parents[1].name == "lesson-sources" and parents[2].name == "autograder":
        return parents[3]
    return None


def read_notebook_line(path: str | os.PathLike[str]) -> str | None:
    """The ``notebook:`` of a bank file without checking the bank (None when it has none or does not parse)."""
    from medialit.core.yaml_text import YamlFileError, read_yaml

    try:
        data = read_yaml(Path(path))
    except (OSError, YamlFileError):
        return None
    notebook = data.get("notebook") if isinstance(data, dict) else None
    return str(notebook) if notebook else None


def _question_problems(q: Question) -> list[str]:
    from medialit.questions.types import type_names

    if q.type not in type_names():
        return [f"{q.where}: type {q.type!r} has no class in medialit/questions/types; "
                f"known types: {', '.join(type_names())}"]
    return q.kind.problems()


def check_bank(path: str | os.PathLike[str]) -> Bank:
    """Load a bank and also resolve every key pointer and region (needs the reference annotations;
    a public bank's graded questions have no key to resolve)."""
    bank = load_bank(path)
    problems = [p for q in bank.questions if q.has_key for p in q.kind.key_problems()]
    if problems:
        raise QuestionBankError(problems, str(path))
    return bank


_INDEX: dict[tuple[Any, ...], tuple[dict[str, Question], list[str]]] = {}


def _index() -> tuple[dict[str, Question], list[str]]:
    files = bank_files()
    stamp = tuple((str(f), f.stat().st_mtime_ns) for f in files)
    if stamp not in _INDEX:
        index: dict[str, Question] = {}
        broken: list[str] = []
        provided: set[str] = set()  # notebooks whose questions a bank already gave
        for f in files:
            try:
                bank = load_bank(f)
            except QuestionBankError as exc:
                notebook = read_notebook_line(f)
                if notebook not in provided:  # a broken bank still stands for its notebook: no silent fallback
                    broken.append(str(exc))
                    if notebook:
                        provided.add(notebook)
                continue
            if bank.notebook:
                if bank.notebook in provided:
                    continue  # the first bank of a notebook wins (a course's full bank over a public one)
                provided.add(bank.notebook)
            for q in bank.questions:
                if q.id in index:
                    broken.append(f"question id {q.id!r} is in both {index[q.id].bank_path} and {f}; "
                                  "ids must be unique across banks (the first one is used)")
                    continue
                index[q.id] = q
        _INDEX.clear()
        _INDEX[stamp] = (index, broken)
    return _INDEX[stamp]


def all_questions() -> dict[str, Question]:
    """Every question of every valid bank by id (banks are re-read when a file changes).

    A broken bank only hides its own questions; :func:`bank_problems` says what is wrong.
    """
    return _index()[0]


def bank_problems() -> list[str]:
    """What is wrong with the banks that could not be loaded, and ids used twice."""
    return list(_index()[1])


def find_question(qid: str) -> Question:
    """The question with this id from any bank; :class:`UnknownQuestionError` lists what exists."""
    questions, broken = _index()
    if qid in questions:
        return questions[qid]
    known = ", ".join(sorted(questions)) or "none"
    where = ", ".join(str(d) for d in question_dirs()) or "no bank folder"
    msg = f"no question {qid!r} in the banks ({where}); known ids: {known}"
    if broken:
        msg += "\nSome banks could not be loaded, so the question may be in one of them:\n" + "\n".join(broken)
    raise UnknownQuestionError(msg)


def questions_for_notebook(notebook: str) -> list[Question]:
    """The questions of the banks that declare ``notebook: <notebook>``, in bank order."""
    stem = notebook.removesuffix(".ipynb")
    return [q for q in all_questions().values() if q.notebook == stem]

