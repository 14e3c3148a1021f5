"""Build lessons beside the course, then move them in: a failed build leaves nothing behind.

:func:`stage_course` makes a working copy of what ``medialit build`` needs from a course (its
``autograder/`` folder without the gradebook and the students' work, and the article's
folder) in a temporary folder; the lessons are written, released and checked there.  Only when
every check passes does :func:`install` move the lesson folders, solutions and releases into
the course (an existing one, under ``--force``, is kept aside and put back if a later step
fails: :meth:`Installed.undo`).  So a build that fails leaves no bank, no folder and no
gradebook row in the course.

Limits: the move is one ``rename`` per folder (atomic on one file system; across file systems
it is a copy and a delete); two builds of the same lesson at the same time are not guarded.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from medialit.course.course import LESSON_SOURCES

#: What of ``autograder/`` a staged build does not need: the gradebook and the students' work.
_NOT_STAGED = ("gradebook.db", "submitted", "autograded", "feedback", "reports", "*.log", "__pycache__")


def stage_course(course_root: Path, article_path: Path, dest: Path) -> Path:
    """A working copy of the course in ``dest`` for building lessons on ``article_path``; returns ``dest``."""
    shutil.copytree(course_root / "autograder", dest / "autograder", ignore=shutil.ignore_patterns(*_NOT_STAGED))
    shutil.copytree(article_path, dest / "seeds" / article_path.name)
    return dest


def lesson_paths(root: Path, assignment: str) -> list[Path]:
    """The folders a generated lesson has in a course: its lesson folder, its solution and its release."""
    return [root / LESSON_SOURCES / assignment, root / "solutions" / assignment, root / "lessons" / assignment]


@dataclass
class Installed:
    """What :func:`install` moved, so that it can be undone."""

    placed: list[Path] = field(default_factory=list)
    kept_aside: list[tuple[Path, Path]] = field(default_factory=list)  # (aside, original place)
    created: list[Path] = field(default_factory=list)  # parent folders that did not exist

    def undo(self) -> None:
        """Remove what was moved in and put back what was kept aside (parents made here are removed)."""
        for path in reversed(self.placed):
            shutil.rmtree(path, ignore_errors=True)
        for aside, original in self.kept_aside:
            shutil.move(str(aside), str(original))
        for parent in reversed(self.created):
            if parent.exists() and not any(parent.iterdir()):
                parent.rmdir()


def install(stage: Path, course_root: Path, assignments: list[str], aside_dir: Path) -> Installed:
    """Move the staged folders of ``assignments`` into the course; existing ones go to ``aside_dir``.

    On an error part-way, what was moved is undone before the error propagates.
    """
    done = Installed()
    try:
        for assignment in assignments:
            for src, dst in zip(lesson_paths(stage, assignment), lesson_paths(course_root, assignment), strict=True):
                if not src.exists():
                    continue
                for parent in reversed(dst.parents):
                    if not parent.exists():
                        parent.mkdir()
                        done.created.append(parent)
                if dst.exists():
                    aside = aside_dir / f"{len(done.kept_aside)}-{dst.name}"
                    shutil.move(str(dst), str(aside))
                    done.kept_aside.append((aside, dst))
                shutil.move(str(src), str(dst))
                done.placed.append(dst)
    except BaseException:
        done.undo()
        raise
    return done
