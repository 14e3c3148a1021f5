"""Where question banks are found: the one place that decides which bank files exist.

Banks are looked up, in this order, in

1. the folders of ``$MEDIALIT_QUESTIONS`` (separated by ``os.pathsep``): every ``*.yaml`` /
   ``*.yml`` file in each;
2. the lesson folders of the course (:func:`medialit.course.lessons.find_course`): the
   ``questions.yaml`` of each ``autograder/lesson-sources/<lesson>/``;
3. the package's ``medialit/data/questions/``: every ``*.yaml`` / ``*.yml`` file (an
   installed wheel carries the course's banks there).

A question id must be unique across all of them (:mod:`medialit.questions.bank` keeps the
first and reports the others).  A bank says which notebook asks its questions with its
``notebook:`` line, wherever the file is.

Limits: a folder that does not exist is skipped silently; other files in a lesson folder
are not banks.
"""

from __future__ import annotations

import os
from pathlib import Path

from medialit.core.paths import DATA_DIR
from medialit.course.lessons import BANK_FILE, find_course, lesson_dir, lesson_ids

_BANK_SUFFIXES = (".yaml", ".yml")


def _lookup() -> list[tuple[Path, bool]]:
    """Each existing folder searched, in order, and whether it is a lesson folder."""
    folders = [(Path(p), False) for p in os.environ.get("MEDIALIT_QUESTIONS", "").split(os.pathsep) if p]
    course = find_course()
    if course is not None:
        folders += [(lesson_dir(course, lesson), True) for lesson in lesson_ids(course)]
    folders.append((DATA_DIR / "questions", False))
    return [(d, lesson) for d, lesson in folders if d.is_dir()]


def question_dirs() -> list[Path]:
    """Folders searched for banks, in lookup order (only those that exist)."""
    return [d for d, _ in _lookup()]


def bank_files() -> list[Path]:
    """Every bank file found, in lookup order."""
    files: list[Path] = []
    for d, is_lesson in _lookup():
        if is_lesson:
            files += [d / BANK_FILE] if (d / BANK_FILE).is_file() else []
        else:
            files += sorted(p for p in d.iterdir() if p.suffix in _BANK_SUFFIXES and p.is_file())
    return files
