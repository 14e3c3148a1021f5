"""A course: the folder an instructor works in, and the one way medialit finds it.

A course is a folder holding

- ``autograder/nbgrader_config.py`` and ``autograder/lesson-sources/<lesson>/`` (each lesson's
  ``lesson.md`` and its full question bank ``questions.yaml``, keys included): these two
  make a folder a course;
- ``seeds/<article>/``: the articles with their reference annotations;
- ``solutions/`` (the nbgrader source) and ``lessons/`` (the release), both generated;
- the gradebook and the students' submissions under ``autograder/``.

The same idea as nbgrader's course directory.  The repository's root is a course (the
default one for a clone); ``medialit course new DIR`` starts an empty one.  The installed
package is never a course: what students install holds no graded key.

:func:`find_course` is the one discovery rule, first match wins:

1. an explicit folder (``--course DIR``): the course root, or its ``autograder/`` folder;
2. the course of an enclosing :func:`using_course` block (what ``--course`` sets for a command);
3. ``$MEDIALIT_COURSE`` (:func:`course_environment` sets it for the processes a command starts);
4. the working directory or the nearest folder above it that is a course.

An explicit folder or ``$MEDIALIT_COURSE`` that is not a course is an error
(:class:`CourseError`), never silently skipped.

For code that grades a course from outside a lesson (an nbgrader preprocessor, a report):
:func:`course_at` gives the course of any path inside it (its root, ``autograder/``, a
submission), and :meth:`Course.bank_for` the course's full bank for a notebook.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from medialit.core.paths import ensure_outside_package
from medialit.errors import MedialitError

if TYPE_CHECKING:
    from medialit.questions.bank import Bank
    from medialit.questions.question import Question

#: The environment variable naming the course (see :func:`find_course`).
COURSE_ENV = "MEDIALIT_COURSE"
#: Where the lesson folders are, relative to the course root.
LESSON_SOURCES = Path("autograder") / "lesson-sources"
#: The nbgrader configuration, relative to the course root.
NBGRADER_CONFIG = Path("autograder") / "nbgrader_config.py"
#: The lesson source and the question bank inside a lesson folder.
LESSON_FILE = "lesson.md"
BANK_FILE = "questions.yaml"
#: The public bank of a lesson, beside its notebook in the solution and the release.
PUBLIC_BANK_SUFFIX = ".questions.yaml"

_HOW_TO_FIX = ("run the command inside a course folder (one holding autograder/nbgrader_config.py and "
               "autograder/lesson-sources/), give --course DIR, or set MEDIALIT_COURSE=DIR; "
               "`medialit course new DIR` starts an empty course")


class CourseError(MedialitError, LookupError):
    """No course was found, or a folder given as the course is not one."""


def lesson_dir(course_root: str | os.PathLike[str], lesson: str) -> Path:
    """The folder of ``lesson`` in the course at ``course_root`` (it may not exist yet)."""
    return Path(course_root) / LESSON_SOURCES / lesson


def lesson_ids(course_root: str | os.PathLike[str]) -> list[str]:
    """The lessons of the course at ``course_root``, sorted by name (their teaching order).

    A lesson is a subfolder of ``autograder/lesson-sources/`` that holds ``lesson.md``;
    a course without that folder has no lessons.
    """
    folder = Path(course_root) / LESSON_SOURCES
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if (p / LESSON_FILE).is_file())


def is_course(folder: str | os.PathLike[str]) -> bool:
    """True when ``folder`` holds ``autograder/nbgrader_config.py`` and ``autograder/lesson-sources/``."""
    root = Path(folder)
    return (root / NBGRADER_CONFIG).is_file() and (root / LESSON_SOURCES).is_dir()


@dataclass(frozen=True)
class Course:
    """A course folder (see the module docstring); ``root`` is absolute.

    Making one refuses a root inside the installed package (:class:`~medialit.core.paths.PackageWriteError`):
    everything a course writes goes under its root.
    """

    root: Path

    def __post_init__(self) -> None:
        object.__setattr__(self, "root", Path(self.root).absolute())
        ensure_outside_package(self.root, "a course")

    def __fspath__(self) -> str:
        return str(self.root)

    # ----- folders ------------------------------------------------------------------------
    @property
    def autograder(self) -> Path:
        """The folder nbgrader runs from (holds ``nbgrader_config.py`` and the gradebook)."""
        return self.root / "autograder"

    @property
    def config(self) -> Path:
        return self.root / NBGRADER_CONFIG

    @property
    def lesson_sources(self) -> Path:
        return self.root / LESSON_SOURCES

    @property
    def seeds(self) -> Path:
        """The course's articles, with their reference annotations."""
        return self.root / "seeds"

    @property
    def solutions(self) -> Path:
        """nbgrader's source folder (generated)."""
        return self.root / "solutions"

    @property
    def release(self) -> Path:
        """nbgrader's release folder ``lessons/`` (generated)."""
        return self.root / "lessons"

    @property
    def gradebook(self) -> Path:
        return self.autograder / "gradebook.db"

    # ----- lessons ------------------------------------------------------------------------
    def lesson_dir(self, lesson: str) -> Path:
        """The folder of ``lesson`` (it may not exist yet)."""
        return lesson_dir(self.root, lesson)

    def lesson_ids(self) -> list[str]:
        """The lessons, sorted by name: the subfolders of ``lesson-sources/`` holding ``lesson.md``."""
        return lesson_ids(self.root)

    def bank_files(self) -> list[Path]:
        """The full bank of every lesson that has one, in lesson order."""
        return [self.lesson_dir(lesson) / BANK_FILE for lesson in self.lesson_ids()
                if (self.lesson_dir(lesson) / BANK_FILE).is_file()]

    def bank_for(self, notebook: str) -> Bank | None:
        """The course's full bank (keys included) whose ``notebook:`` is ``notebook`` (a file
        stem or name), or None when the course has none.

        Read from the lesson folders only, whatever the working directory, ``$MEDIALIT_QUESTIONS``
        or the public banks say.  Raises :class:`~medialit.questions.errors.QuestionBankError`
        for a bank that does not load.
        """
        from medialit.questions.bank import load_bank, read_notebook_line

        stem = Path(notebook).name.removesuffix(".ipynb")
        same_name = self.lesson_dir(stem) / BANK_FILE
        files = [same_name] if same_name.is_file() else []
        files += [f for f in self.bank_files() if f != same_name]
        for f in files:
            if read_notebook_line(f) == stem:
                return load_bank(f)
        return None

    def questions_for(self, notebook: str) -> list[Question]:
        """The questions of :meth:`bank_for` (empty when the course has no bank for ``notebook``)."""
        bank = self.bank_for(notebook)
        return list(bank.questions) if bank else []

    # ----- writing ------------------------------------------------------------------------
    def writable(self, path: str | os.PathLike[str], what: str = "this") -> Path:
        """``path`` when writing there is allowed: outside the installed package."""
        return ensure_outside_package(path, what)


def _root_of(folder: Path) -> Path | None:
    """The course root for a folder given as the course: itself, or its parent when it is ``autograder/``."""
    if is_course(folder):
        return folder
    if folder.name == "autograder" and is_course(folder.parent):
        return folder.parent
    return None


def _checked(folder: str | os.PathLike[str], given_as: str) -> Course:
    path = Path(folder).expanduser().absolute()  # "." from autograder/ is that folder
    root = _root_of(path)
    if root is None:
        needed = (("nbgrader_config.py in autograder/", NBGRADER_CONFIG),
                  ("autograder/lesson-sources/ folder", LESSON_SOURCES))
        missing = [what for what, p in needed if not (path / p).exists()]
        raise CourseError(f"{given_as}{path} is not a medialit course: it has no {' and no '.join(missing)}. "
                          "Give the course's root folder, or start a course there with `medialit course new "
                          f"{path}`")
    return Course(root)


def course_at(path: str | os.PathLike[str]) -> Course | None:
    """The course that ``path`` (a file or folder) lies in: the nearest course at or above it."""
    here = Path(path).absolute()
    for folder in (here, *here.parents):
        if is_course(folder):
            return Course(folder)
    return None


def find_course(explicit: str | os.PathLike[str] | None = None,
                start: str | os.PathLike[str] | None = None) -> Course | None:
    """The current course (see the module docstring), or None when there is none.

    ``explicit`` is a folder given as the course (``--course``); ``start`` is where the walk up
    begins (default: the working directory).  Raises :class:`CourseError` for an explicit
    folder or a ``$MEDIALIT_COURSE`` that is not a course.
    """
    if explicit:
        return _checked(explicit, "")
    if _CURRENT:
        return _CURRENT[-1]
    env = os.environ.get(COURSE_ENV)
    if env:
        return _checked(env, f"${COURSE_ENV}=")
    return course_at(Path(start) if start is not None else Path.cwd())


def require_course(explicit: str | os.PathLike[str] | None = None,
                   start: str | os.PathLike[str] | None = None) -> Course:
    """:func:`find_course`, but :class:`CourseError` saying how to fix it when there is none."""
    course = find_course(explicit, start)
    if course is None:
        raise CourseError(f"no medialit course here ({Path(start or Path.cwd()).absolute()}): {_HOW_TO_FIX}")
    return course


#: The courses of the enclosing :func:`using_course` blocks, innermost last.
_CURRENT: list[Course] = []


@contextmanager
def using_course(course: Course | str | os.PathLike[str]) -> Iterator[Course]:
    """Make ``course`` the current course inside the block (for this process; the processes it
    starts get it through :func:`course_environment`)."""
    found = course if isinstance(course, Course) else _checked(course, "")
    _CURRENT.append(found)
    try:
        yield found
    finally:
        _CURRENT.pop()


def course_environment(base: dict[str, str] | None = None) -> dict[str, str]:
    """A copy of ``base`` (default: this process's environment) for a process to start: with
    ``$MEDIALIT_COURSE`` naming the current course, when there is one, so that the process
    (nbgrader, a notebook's kernel) works on the same course."""
    env = dict(os.environ if base is None else base)
    course = find_course()
    if course is not None:
        env[COURSE_ENV] = str(course.root)
    return env
