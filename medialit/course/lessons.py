"""A course's lessons: where their material is, and building them into notebooks.

Each lesson has one folder, ``<course>/autograder/lesson-sources/<lesson>/``, holding

- ``lesson.md``: the lesson's plain-text source (the ``%%`` format of
  :mod:`medialit.course.lesson_source`), easier to read and review than notebook JSON;
- ``questions.yaml``: the lesson's question bank (see :mod:`medialit.questions.bank`).

A lesson is a subfolder that holds ``lesson.md``; :func:`lesson_ids` is the one list of
lessons that the nbgrader configuration, ``scripts/build_lessons.py``, the bank lookup and
the tests read.

Building a lesson writes ``solutions/<lesson>/<lesson>.ipynb`` (the nbgrader source, without
outputs) and ``solutions/<lesson>/<lesson>.answers.json`` (the reference answer to every
graded question, so that the solution passes ``nbgrader validate`` and shows the
instructor the expected answers), then ``nbgrader generate_assignment`` writes
``lessons/<lesson>/<lesson>.ipynb`` (the student release).

Limits: :func:`find_course` only knows the repository checkout around the package (an
installed wheel has no course); the answers file is made from the banks the bank lookup
finds, so the course's lesson folders must be on it (they are for the found course).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from medialit.core import paths
from medialit.course.lesson_source import build_notebook, parse_source
from medialit.errors import MedialitError

#: Where the lesson folders are, relative to the course root.
LESSON_SOURCES = Path("autograder") / "lesson-sources"
#: The lesson source and the question bank inside a lesson folder.
LESSON_FILE = "lesson.md"
BANK_FILE = "questions.yaml"


class ReleaseError(MedialitError, RuntimeError):
    """``nbgrader generate_assignment`` failed; the message holds its output."""


def find_course() -> Path | None:
    """The course whose lessons medialit uses, or None when there is none.

    For now the course is the repository checkout around the package, when it holds
    ``autograder/lesson-sources/``; an installed wheel has no course.
    """
    root = paths.SOURCE_ROOT
    return root if (root / LESSON_SOURCES).is_dir() else None


def lesson_dir(course_root: Path, lesson: str) -> Path:
    """The folder of ``lesson`` in the course at ``course_root`` (it may not exist yet)."""
    return Path(course_root) / LESSON_SOURCES / lesson


def lesson_ids(course_root: Path) -> list[str]:
    """The lessons of the course at ``course_root``, sorted by name (their teaching order).

    A lesson is a subfolder of ``autograder/lesson-sources/`` that holds ``lesson.md``;
    a course without that folder has no lessons.
    """
    folder = Path(course_root) / LESSON_SOURCES
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if (p / LESSON_FILE).is_file())


def solution_text(course_root: Path, lesson: str) -> str:
    """The solution notebook (JSON text) built from the lesson's ``lesson.md``.

    Raises :class:`~medialit.course.lesson_source.SourceError` for a malformed source.
    """
    path = lesson_dir(course_root, lesson) / LESSON_FILE
    return build_notebook(parse_source(path.read_text(encoding="utf-8"), str(path)))


def answers_text(lesson: str) -> str:
    """The instructor's answers file: the key of every graded question asked in ``lesson``.

    Read from the banks the bank lookup finds (``ValueError`` / ``LookupError`` when a bank
    does not load or an article has no reference).
    """
    from medialit.questions import reference_answers_text

    return reference_answers_text(lesson)


def nbgrader_env() -> dict[str, str]:
    """This process's environment with the virtual environment's ``bin/`` first on PATH
    (nbgrader runs ``alembic`` from there)."""
    env = dict(os.environ)
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    return env


def generate_release(course_root: Path, lessons: list[str]) -> None:
    """Run ``nbgrader generate_assignment --force`` for ``lessons`` in the course at ``course_root``.

    Raises :class:`ReleaseError` with nbgrader's output when it fails.
    """
    # One nbgrader run for all lessons saves its start-up time (a few seconds per run).
    ids = ["*"] if sorted(lessons) == lesson_ids(course_root) else lessons
    for lesson in ids:
        proc = subprocess.run(
            [str(Path(sys.executable).parent / "nbgrader"), "generate_assignment", "--force", lesson],
            cwd=Path(course_root) / "autograder", env=nbgrader_env(), capture_output=True, text=True,
        )
        if proc.returncode != 0:
            raise ReleaseError(f"nbgrader generate_assignment {lesson} failed:\n{proc.stdout}\n{proc.stderr}")


def write_solutions(course_root: Path, lessons: list[str]) -> list[Path]:
    """Write each lesson's solution notebook and answers file into ``solutions/``; returns the files written."""
    written = []
    for lesson in lessons:
        target = Path(course_root) / "solutions" / lesson / f"{lesson}.ipynb"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(solution_text(course_root, lesson), encoding="utf-8")
        answers = target.with_name(f"{lesson}.answers.json")
        answers.write_text(answers_text(lesson), encoding="utf-8")
        written += [target, answers]
    return written


def stale_files(course_root: Path, lessons: list[str]) -> list[str]:
    """Files of ``solutions/`` and ``lessons/`` that a build of ``lessons`` would change,
    relative to ``course_root``; nothing in the course is written.

    The release is generated in a temporary copy of the course's ``autograder/`` (without
    gradebook and student files) and compared byte for byte.
    """
    root = Path(course_root)
    stale = []
    for lesson in lessons:
        target = root / "solutions" / lesson / f"{lesson}.ipynb"
        if not target.exists() or target.read_text(encoding="utf-8") != solution_text(root, lesson):
            stale.append(str(target.relative_to(root)))
        answers = target.with_name(f"{lesson}.answers.json")
        if not answers.exists() or answers.read_text(encoding="utf-8") != answers_text(lesson):
            stale.append(str(answers.relative_to(root)))
    with tempfile.TemporaryDirectory() as tmp:
        course = Path(tmp)
        shutil.copytree(root / "autograder", course / "autograder",
                        ignore=shutil.ignore_patterns("gradebook.db", "submitted", "autograded", "feedback"))
        (course / "solutions").mkdir()
        write_solutions(course, lessons)
        generate_release(course, lessons)
        for lesson in lessons:
            new = sorted(p.relative_to(course) for p in (course / "lessons" / lesson).rglob("*") if p.is_file())
            old = sorted(p.relative_to(root) for p in (root / "lessons" / lesson).rglob("*") if p.is_file()) \
                if (root / "lessons" / lesson).is_dir() else []
            for rel in sorted(set(new) | set(old)):
                a, b = course / rel, root / rel
                if not (a.exists() and b.exists() and a.read_bytes() == b.read_bytes()):
                    stale.append(str(rel))
    return stale
