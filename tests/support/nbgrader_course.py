"""Helpers for the tests that run the real nbgrader on a copy of the course.

The course (``autograder/``, ``seeds/``, ``solutions/``, ``lessons/``) is copied into a temporary folder;
``autograder/nbgrader_config.py`` computes the course root from its own location, so every
nbgrader command run there works on the copy and never touches the repository.
"""

from __future__ import annotations

import copy
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from medialit.course.lessons import lesson_ids
from tests.support.paths import REPO

ROOT = REPO
LESSONS = lesson_ids(ROOT)
BIN = Path(sys.executable).parent


def make_course(dest: Path, lessons: list[str] | None = None, with_release: bool = True) -> Path:
    """Copy the course into ``dest`` (without any gradebook or student files); returns ``dest``.

    The solutions keep their answers files, as in the repository, so that the tests see
    what nbgrader does with them.
    """
    lessons = lessons or LESSONS
    shutil.copytree(ROOT / "autograder", dest / "autograder",
                    ignore=shutil.ignore_patterns("gradebook.db", "submitted", "autograded", "feedback", "*.log"))
    shutil.copytree(ROOT / "seeds", dest / "seeds")  # the course's articles, with the references keys point into
    for lesson in lessons:
        shutil.copytree(ROOT / "solutions" / lesson, dest / "solutions" / lesson,
                        ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        if with_release:
            shutil.copytree(ROOT / "lessons" / lesson, dest / "lessons" / lesson)
    return dest


def nbgrader(course: Path, *args: str, timeout: float = 600, check: bool = True) -> subprocess.CompletedProcess:
    """Run ``nbgrader <args>`` in ``course/autograder`` with the virtual environment's bin first on PATH."""
    env = dict(os.environ)
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    env.pop("NBGRADER_EXECUTION", None)
    proc = subprocess.run([str(BIN / "nbgrader"), *args], cwd=course / "autograder", env=env,
                          capture_output=True, text=True, timeout=timeout)
    if check and proc.returncode != 0:
        raise AssertionError(f"nbgrader {' '.join(args)} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return proc


def read_notebook(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def cell_by_id(nb: dict[str, Any], grade_id: str) -> dict[str, Any]:
    for cell in nb["cells"]:
        if cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") == grade_id:
            return cell
    raise KeyError(grade_id)


def solution_code(lesson: str, grade_id: str) -> str:
    """The instructor's code of a solution cell, without the nbgrader solution markers."""
    cell = cell_by_id(read_notebook(ROOT / "solutions" / lesson / f"{lesson}.ipynb"), grade_id)
    lines = "".join(cell["source"]).splitlines()
    return "\n".join(line for line in lines if line.strip() not in ("### BEGIN SOLUTION", "### END SOLUTION"))


def student_notebook(lesson: str, code: dict[str, str] | None = None) -> dict[str, Any]:
    """The released notebook with some solution cells filled in (``{grade_id: source}``)."""
    nb = copy.deepcopy(read_notebook(ROOT / "lessons" / lesson / f"{lesson}.ipynb"))
    for grade_id, source in (code or {}).items():
        cell_by_id(nb, grade_id)["source"] = source
    return nb


def answers_document(lesson: str, answers: dict[str, Any]) -> dict[str, Any]:
    """An answers file as the widgets write it: each raw value put in its stored form."""
    from medialit.questions import find_question

    stored = {}
    for qid, value in answers.items():
        q = find_question(qid)
        stored[qid] = {"kind": q.type, "value": q.check_answer(value), "updated": "2026-11-28T10:00:00+00:00"}
    return {"schema_version": 1, "notebook": lesson, "answers": stored}


def key_answer(qid: str) -> Any:
    """The reference answer to a question, in the form a student's widget records."""
    from medialit.questions import find_question, key_answer

    return key_answer(find_question(qid))


def submit(course: Path, student: str, lesson: str, nb: dict[str, Any], answers: dict[str, Any] | str | None,
           timestamp: str = "2026-11-28 12:00:00 UTC") -> Path:
    """Place a submission in ``autograder/submitted/<student>/<lesson>/``.

    ``answers`` is an answers document, raw file text (for a malformed file), or None (no file).
    """
    folder = course / "autograder" / "submitted" / student / lesson
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{lesson}.ipynb").write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    if answers is not None:
        text = answers if isinstance(answers, str) else json.dumps(answers, indent=1, ensure_ascii=False)
        (folder / f"{lesson}.answers.json").write_text(text, encoding="utf-8")
    (folder / "timestamp.txt").write_text(timestamp, encoding="utf-8")
    return folder


def gradebook_scores(course: Path, lesson: str) -> dict[str, dict[str, float]]:
    """``{student: {grade_id: score}}`` from the gradebook (nbgrader's score: manual when given, else auto)."""
    from nbgrader.api import Gradebook

    out: dict[str, dict[str, float]] = {}
    with Gradebook(f"sqlite:///{course / 'autograder' / 'gradebook.db'}", course_id="medialit") as gb:
        for submission in gb.assignment_submissions(lesson):
            for notebook in submission.notebooks:
                for grade in notebook.grades:
                    out.setdefault(submission.student_id, {})[grade.name] = float(grade.score)
    return out
