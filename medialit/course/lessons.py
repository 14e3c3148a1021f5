"""A course's lessons: where their material is, and building them into notebooks.

Each lesson has one folder, ``<course>/autograder/lesson-sources/<lesson>/``, holding

- ``lesson.md``: the lesson's plain-text source (the ``%%`` format of
  :mod:`medialit.course.lesson_source`), easier to read and review than notebook JSON;
- ``questions.yaml``: the lesson's question bank (see :mod:`medialit.questions.bank`).

A lesson is a subfolder that holds ``lesson.md``; :func:`lesson_ids` is the one list of
lessons that the nbgrader configuration, ``scripts/build_lessons.py``, the bank lookup and
the tests read.

Building a lesson writes into ``solutions/<lesson>/``

- ``<lesson>.ipynb``: the nbgrader source, without outputs;
- ``<lesson>.answers.json``: the reference answer to every graded question, so that the
  solution passes ``nbgrader validate`` and shows the instructor the expected answers (the
  nbgrader configuration keeps it out of the release);
- ``<lesson>.questions.yaml``: the lesson's public bank (:mod:`medialit.questions.public`:
  no graded key), which ``nbgrader generate_assignment`` copies into the release beside the
  notebook, so the released lesson works in a student's install that knows nothing of it;

then ``nbgrader generate_assignment`` writes ``lessons/<lesson>/`` (the student release).
For the repository's own course (the checkout around the package) the build also writes what
the package ships from it (:func:`package_files`): the public banks
``medialit/data/questions/<lesson>.yaml`` and the template of new courses' nbgrader
configuration.

Limits: the answers file and the public bank are made from the course's own lesson folders,
and their spans keys from the course's articles (``seeds/``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from medialit.core import paths
from medialit.course.course import (
    BANK_FILE,
    COURSE_ENV,
    LESSON_FILE,
    LESSON_SOURCES,
    NBGRADER_CONFIG,
    PUBLIC_BANK_SUFFIX,
    Course,
    lesson_dir,
    lesson_ids,
)
from medialit.course.lesson_source import build_notebook, parse_source
from medialit.errors import MedialitError

__all__ = ["BANK_FILE", "LESSON_FILE", "LESSON_SOURCES", "ReleaseError", "answers_text", "generate_release",
           "lesson_dir", "lesson_ids", "nbgrader_env", "package_bank_path", "package_files", "public_bank_text",
           "solution_text", "stale_files", "write_package_files", "write_solutions"]


class ReleaseError(MedialitError, RuntimeError):
    """``nbgrader generate_assignment`` failed; the message holds its output."""


def solution_text(course_root: Path, lesson: str) -> str:
    """The solution notebook (JSON text) built from the lesson's ``lesson.md``.

    Raises :class:`~medialit.course.lesson_source.SourceError` for a malformed source.
    """
    path = lesson_dir(course_root, lesson) / LESSON_FILE
    return build_notebook(parse_source(path.read_text(encoding="utf-8"), str(path)))


def answers_text(lesson: str, course_root: str | os.PathLike[str] | None = None) -> str:
    """The instructor's answers file: the key of every graded question asked in ``lesson``.

    Read from the course's own bank for the lesson when ``course_root`` is given, else from
    the banks the bank lookup finds (``ValueError`` / ``LookupError`` when a bank does not
    load or an article has no reference).
    """
    from medialit.questions import reference_answers_text

    if course_root is None:
        return reference_answers_text(lesson)
    return reference_answers_text(lesson, Course(Path(course_root)).questions_for(lesson))


def public_bank_text(course_root: str | os.PathLike[str], lesson: str) -> str | None:
    """The public bank of ``lesson`` (YAML text, no graded key), or None when the lesson has no bank."""
    from medialit.questions import load_bank
    from medialit.questions.public import public_bank_text as make

    bank = Path(course_root) / LESSON_SOURCES / lesson / BANK_FILE
    if not bank.is_file():
        return None
    return make(load_bank(bank), source=(LESSON_SOURCES / lesson / BANK_FILE).as_posix())


def package_bank_path(lesson: str) -> Path:
    """Where the package carries the public bank of one of the repository's lessons."""
    return paths.DATA_DIR / "questions" / f"{lesson}.yaml"


def is_package_course(course_root: str | os.PathLike[str]) -> bool:
    """True for the repository checkout around the package: the course whose public banks the package ships."""
    return Path(course_root).resolve() == paths.SOURCE_ROOT.resolve()


def package_files(course_root: str | os.PathLike[str], lessons: list[str]) -> dict[Path, str]:
    """What the package ships from the repository's own course: path -> text (empty for any
    other course).

    The public bank of each of ``lessons`` (``medialit/data/questions/<lesson>.yaml``) and the
    nbgrader configuration new courses start with (``medialit/data/course/nbgrader_config.py``,
    a copy of the course's ``autograder/nbgrader_config.py``).
    """
    if not is_package_course(course_root):
        return {}
    from medialit.course.new import CONFIG_TEMPLATE

    out = {}
    for lesson in lessons:
        text = public_bank_text(course_root, lesson)
        if text is not None:
            out[package_bank_path(lesson)] = text
    out[CONFIG_TEMPLATE] = (Path(course_root) / NBGRADER_CONFIG).read_text(encoding="utf-8")
    return out


def write_package_files(course_root: str | os.PathLike[str], lessons: list[str]) -> list[Path]:
    """Write :func:`package_files`; returns the files written (none for a course other than the repository's).

    The one place that writes into the package folder: a developer's build of the checkout,
    never an instructor command on a course.
    """
    written = []
    for target, text in package_files(course_root, lessons).items():
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        written.append(target)
    return written


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
    env = nbgrader_env()
    env[COURSE_ENV] = str(Path(course_root).absolute())
    for lesson in ids:
        proc = subprocess.run(
            [str(Path(sys.executable).parent / "nbgrader"), "generate_assignment", "--force", lesson],
            cwd=Path(course_root) / "autograder", env=env, capture_output=True, text=True,
        )
        if proc.returncode != 0:
            raise ReleaseError(f"nbgrader generate_assignment {lesson} failed:\n{proc.stdout}\n{proc.stderr}")


def solution_files(course_root: str | os.PathLike[str], lesson: str) -> dict[str, str]:
    """What a build writes into ``solutions/<lesson>/``: file name -> text.

    The notebook, the answers file (keys) and, when the lesson has a bank, its public bank.
    """
    files = {f"{lesson}.ipynb": solution_text(Path(course_root), lesson),
             f"{lesson}.answers.json": answers_text(lesson, course_root)}
    public = public_bank_text(course_root, lesson)
    if public is not None:
        files[f"{lesson}{PUBLIC_BANK_SUFFIX}"] = public
    return files


def write_solutions(course_root: Path, lessons: list[str], source_root: Path | None = None) -> list[Path]:
    """Write each lesson's :func:`solution_files` into ``solutions/``; returns the files written.

    The files are made from the course at ``source_root`` (default: ``course_root``) and
    written into ``course_root``, which must be outside the installed package.
    """
    written = []
    source = Path(source_root or course_root)
    for lesson in lessons:
        folder = Course(Path(course_root)).solutions / lesson
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in solution_files(source, lesson).items():
            (folder / name).write_text(text, encoding="utf-8")
            written.append(folder / name)
    return written


def _release_files(folder: Path) -> list[Path]:
    """The files of a lesson's release folder, relative to it; a learner's answers files are not part of it."""
    if not folder.is_dir():
        return []
    return sorted(p.relative_to(folder) for p in folder.rglob("*")
                  if p.is_file() and ".answers.json" not in p.name and ".ipynb_checkpoints" not in p.parts)


def stale_files(course_root: Path, lessons: list[str]) -> list[str]:
    """Files of ``solutions/`` and ``lessons/`` (and, for the repository's course, the package's
    public banks) that a build of ``lessons`` would change, relative to ``course_root``;
    nothing in the course is written.

    The release is generated in a temporary copy of the course's ``autograder/`` (without
    gradebook and student files) and compared byte for byte.
    """
    root = Path(course_root)
    stale = []
    for lesson in lessons:
        folder = root / "solutions" / lesson
        expected = solution_files(root, lesson)
        present = {p.name for p in folder.iterdir() if p.is_file()} if folder.is_dir() else set()
        for name in sorted(set(expected) | (present & {f"{lesson}{PUBLIC_BANK_SUFFIX}"})):
            path = folder / name
            if not path.exists() or name not in expected or path.read_text(encoding="utf-8") != expected[name]:
                stale.append(str(path.relative_to(root)))
    for target, text in package_files(root, lessons).items():
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            stale.append(str(target.relative_to(paths.SOURCE_ROOT)))
    with tempfile.TemporaryDirectory() as tmp:
        course = Path(tmp)
        shutil.copytree(root / "autograder", course / "autograder",
                        ignore=shutil.ignore_patterns("gradebook.db", "submitted", "autograded", "feedback"))
        (course / "solutions").mkdir()
        write_solutions(course, lessons, source_root=root)
        generate_release(course, lessons)
        for lesson in lessons:
            new = [Path("lessons") / lesson / p for p in _release_files(course / "lessons" / lesson)]
            old = [Path("lessons") / lesson / p for p in _release_files(root / "lessons" / lesson)]
            for rel in sorted(set(new) | set(old)):
                a, b = course / rel, root / rel
                if not (a.exists() and b.exists() and a.read_bytes() == b.read_bytes()):
                    stale.append(str(rel))
    return stale
