"""Where question banks are found: the one place that decides which bank files exist.

Banks are looked up, in this order, in

1. the folders of ``$MEDIALIT_QUESTIONS`` (separated by ``os.pathsep``): every ``*.yaml`` /
   ``*.yml`` file in each;
2. the lesson folders of the current course (:func:`medialit.course.course.find_course`),
   when there is one: the full bank ``questions.yaml`` of each
   ``autograder/lesson-sources/<lesson>/``;
3. beside the current notebook: every ``<lesson>.questions.yaml`` (a released lesson's
   public bank) in the working directory (where Jupyter starts a notebook's kernel) and in
   the folder of ``$JPY_SESSION_NAME`` when that names a notebook elsewhere;
4. the package's ``medialit/data/questions/``: the public banks of the repository's lessons.

The first bank found for a notebook provides its questions (see
:mod:`medialit.questions.bank`): in a course, the full bank replaces the public one of the
same lesson.  A bank says which notebook asks its questions with its ``notebook:`` line,
wherever the file is.

Limits: a folder that does not exist is skipped silently; other files in a lesson folder
are not banks; a ``$MEDIALIT_COURSE`` that is not a course raises
:class:`~medialit.course.course.CourseError`.
"""

from __future__ import annotations

import os
from pathlib import Path

from medialit.core.paths import DATA_DIR
from medialit.course.course import BANK_FILE, PUBLIC_BANK_SUFFIX, find_course

_BANK_SUFFIXES = (".yaml", ".yml")


def notebook_folders() -> list[Path]:
    """Where the current notebook's public bank may be: the working directory, and the folder
    of ``$JPY_SESSION_NAME`` when it names a notebook in another folder."""
    folders = [Path.cwd()]
    session = os.environ.get("JPY_SESSION_NAME", "")
    if session.endswith(".ipynb") and Path(session).is_absolute() and Path(session).parent != folders[0]:
        folders.append(Path(session).parent)
    return folders


def _lookup() -> list[tuple[Path, str]]:
    """Each existing folder searched, in order, and what it holds: ``any`` (every YAML file),
    ``lesson`` (one ``questions.yaml``) or ``notebook`` (``*.questions.yaml``)."""
    folders = [(Path(p), "any") for p in os.environ.get("MEDIALIT_QUESTIONS", "").split(os.pathsep) if p]
    course = find_course()
    if course is not None:
        folders += [(course.lesson_dir(lesson), "lesson") for lesson in course.lesson_ids()]
    folders += [(d, "notebook") for d in notebook_folders()]
    folders.append((DATA_DIR / "questions", "any"))
    seen: set[tuple[Path, str]] = set()
    out = []
    for d, kind in folders:
        if d.is_dir() and (d, kind) not in seen:
            seen.add((d, kind))
            out.append((d, kind))
    return out


def question_dirs() -> list[Path]:
    """Folders searched for banks, in lookup order (only those that exist)."""
    return [d for d, _ in _lookup()]


def bank_files() -> list[Path]:
    """Every bank file found, in lookup order."""
    files: list[Path] = []
    for d, kind in _lookup():
        if kind == "lesson":
            files += [d / BANK_FILE] if (d / BANK_FILE).is_file() else []
        elif kind == "notebook":
            files += sorted(p for p in d.iterdir() if p.name.endswith(PUBLIC_BANK_SUFFIX) and p.is_file())
        else:
            files += sorted(p for p in d.iterdir() if p.suffix in _BANK_SUFFIXES and p.is_file())
    return files
