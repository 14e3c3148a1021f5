"""A course copy with a synthetic class, shared by the class grading and report tests."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.support.nbgrader_course import ROOT, make_course, nbgrader, read_notebook, solution_code
from tests.support.synthetic_class import make_class, write_submission

LESSON = "03-hedges"
CLASS_SIZE = 120
SEED = 1  # a class of 120 with every trait of tests.support.synthetic_class.TRAITS


def exercise_solutions(lesson: str) -> dict[str, str]:
    release = read_notebook(ROOT / "lessons" / lesson / f"{lesson}.ipynb")
    return {c["metadata"]["nbgrader"]["grade_id"]: solution_code(lesson, c["metadata"]["nbgrader"]["grade_id"])
            for c in release["cells"]
            if c.get("metadata", {}).get("nbgrader", {}).get("solution") and c["cell_type"] == "code"}


def synthetic_class(lesson: str = LESSON, n: int = CLASS_SIZE, seed: int = SEED):
    release = read_notebook(ROOT / "lessons" / lesson / f"{lesson}.ipynb")
    return make_class(lesson, release, n, seed=seed, exercise_solutions=exercise_solutions(lesson))


def build_course(dest: Path, lesson: str = LESSON, submissions=None) -> Path:
    """A course copy in ``dest`` with ``lesson`` released (gradebook ready) and the submissions placed."""
    make_course(dest, [lesson])
    nbgrader(dest, "generate_assignment", lesson, "--force")
    for sub in submissions or []:
        write_submission(dest / "autograder" / "submitted", lesson, sub)
    return dest


def copy_course(src: Path, dest: Path, students: set[str] | None = None) -> Path:
    """A copy of a course; with ``students``, only their submissions are kept."""
    shutil.copytree(src, dest)
    if students is not None:
        for folder in (dest / "autograder" / "submitted").iterdir():
            if folder.name not in students:
                shutil.rmtree(folder)
    return dest


def gradebook_rows(course: Path, lesson: str, students) -> dict[str, dict]:
    """Per student: grade cells (auto_score, needs_manual_grade), comments and late penalty."""
    from nbgrader.api import Gradebook, MissingEntry

    out: dict[str, dict] = {}
    with Gradebook(f"sqlite:///{course / 'autograder' / 'gradebook.db'}", course_id="medialit") as gb:
        for student in students:
            try:
                sub = gb.find_submission(lesson, student)
            except MissingEntry:
                out[student] = None
                continue
            for nb in sub.notebooks:
                out[student] = {
                    "grades": {g.name: (g.auto_score, g.needs_manual_grade) for g in nb.grades},
                    "comments": {c.name: c.auto_comment for c in nb.comments},
                    "late": nb.late_submission_penalty,
                    "timestamp": sub.timestamp,
                }
    return out


def fail_autograde(course: Path, student: str, lesson: str = LESSON) -> None:
    """Submit a notebook cut short mid-save for ``student`` and run ``nbgrader autograde`` on it.

    Autograde fails as it does in a real class: it records the submission in the gradebook
    (with no score for any cell) and removes the student's autograded folder.  (A notebook that
    kills its kernel no longer fails autograde: the dead kernel costs only the cells not yet run.)
    """
    from tests.support.nbgrader_course import submit

    nb = read_notebook(ROOT / "lessons" / lesson / f"{lesson}.ipynb")
    folder = submit(course, student, lesson, nb, None)
    notebook = folder / f"{lesson}.ipynb"
    text = notebook.read_text(encoding="utf-8")
    notebook.write_text(text[: len(text) // 2], encoding="utf-8")  # the JSON ends halfway
    proc = nbgrader(course, "autograde", lesson, "--student", student, check=False)
    assert "There was an error processing assignment" in proc.stdout + proc.stderr, proc.stderr[-2000:]
    assert not (course / "autograder" / "autograded" / student / lesson).exists()
