"""Build the lesson notebooks: sources -> ``solutions/`` -> ``lessons/``.

Each lesson is written as a plain-text source, ``autograder/lesson-sources/<lesson>.md``,
easier to read and review than notebook JSON; the format is described in
``medialit/course/lesson_source.py``.

The script writes ``solutions/<lesson>/<lesson>.ipynb`` (the nbgrader source, without
outputs) and ``solutions/<lesson>/<lesson>.answers.json`` (the reference answer to every
graded question of the lesson's bank, so that the solution passes ``nbgrader validate`` and
shows the instructor the expected answers), then runs ``nbgrader generate_assignment`` for it, which writes
``lessons/<lesson>/<lesson>.ipynb`` (the student release).  ``--check`` only reports which
files are out of date and exits 1 when any is.

Limits: the build needs the virtual environment's ``bin/`` (nbgrader runs ``alembic``), which the
script puts on PATH itself.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from medialit.course.lesson_source import SourceError, build_notebook, parse_source

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "autograder" / "lesson-sources"
LESSONS = ["00-orientation", "01-sources", "02-framing", "03-hedges", "04-capstone"]


def solution_text(lesson: str) -> str:
    path = SOURCES / f"{lesson}.md"
    return build_notebook(parse_source(path.read_text(encoding="utf-8"), str(path)))


def answers_text(lesson: str) -> str:
    """The instructor's answers file: the key of every graded question asked in ``lesson``."""
    from medialit.questions.bank import reference_answers_text

    return reference_answers_text(lesson)


def nbgrader_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    return env


def generate_release(course_root: Path, lessons: list[str]) -> None:
    """Run ``nbgrader generate_assignment --force`` for ``lessons`` in the course at ``course_root``."""
    # One nbgrader run for all lessons saves its start-up time (a few seconds per run).
    ids = ["*"] if sorted(lessons) == sorted(LESSONS) else lessons
    for lesson in ids:
        proc = subprocess.run(
            [str(Path(sys.executable).parent / "nbgrader"), "generate_assignment", "--force", lesson],
            cwd=course_root / "autograder", env=nbgrader_env(), capture_output=True, text=True,
        )
        if proc.returncode != 0:
            raise SystemExit(f"nbgrader generate_assignment {lesson} failed:\n{proc.stdout}\n{proc.stderr}")


def stale_files(lessons: list[str]) -> list[str]:
    """Files of ``solutions/`` and ``lessons/`` that a build would change."""
    stale = []
    for lesson in lessons:
        target = ROOT / "solutions" / lesson / f"{lesson}.ipynb"
        if not target.exists() or target.read_text(encoding="utf-8") != solution_text(lesson):
            stale.append(str(target.relative_to(ROOT)))
        answers = target.with_name(f"{lesson}.answers.json")
        if not answers.exists() or answers.read_text(encoding="utf-8") != answers_text(lesson):
            stale.append(str(answers.relative_to(ROOT)))
    with tempfile.TemporaryDirectory() as tmp:
        course = Path(tmp)
        shutil.copytree(ROOT / "autograder", course / "autograder",
                        ignore=shutil.ignore_patterns("gradebook.db", "submitted", "autograded", "feedback"))
        (course / "solutions").mkdir()
        for lesson in lessons:
            folder = course / "solutions" / lesson
            folder.mkdir()
            (folder / f"{lesson}.ipynb").write_text(solution_text(lesson), encoding="utf-8")
            (folder / f"{lesson}.answers.json").write_text(answers_text(lesson), encoding="utf-8")
        generate_release(course, lessons)
        for lesson in lessons:
            new = sorted(p.relative_to(course) for p in (course / "lessons" / lesson).rglob("*") if p.is_file())
            old = sorted(p.relative_to(ROOT) for p in (ROOT / "lessons" / lesson).rglob("*") if p.is_file()) \
                if (ROOT / "lessons" / lesson).is_dir() else []
            for rel in sorted(set(new) | set(old)):
                a, b = course / rel, ROOT / rel
                if not (a.exists() and b.exists() and a.read_bytes() == b.read_bytes()):
                    stale.append(str(rel))
    return stale


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("lessons", nargs="*", help=f"lessons to build (default: all of {', '.join(LESSONS)})")
    parser.add_argument("--check", action="store_true", help="report out-of-date files, change nothing")
    args = parser.parse_args(argv)
    unknown = [x for x in args.lessons if x not in LESSONS]
    if unknown:
        print(f"unknown lesson(s) {', '.join(unknown)}; known: {', '.join(LESSONS)}", file=sys.stderr)
        return 2
    lessons = args.lessons or LESSONS
    try:
        if args.check:
            stale = stale_files(lessons)
            for path in stale:
                print(f"out of date: {path}")
            print("all lesson notebooks are up to date" if not stale else
                  "run: .venv/bin/python scripts/build_lessons.py")
            return 1 if stale else 0
        for lesson in lessons:
            target = ROOT / "solutions" / lesson / f"{lesson}.ipynb"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(solution_text(lesson), encoding="utf-8")
            print(f"wrote {target.relative_to(ROOT)}")
            answers = target.with_name(f"{lesson}.answers.json")
            answers.write_text(answers_text(lesson), encoding="utf-8")
            print(f"wrote {answers.relative_to(ROOT)}")
        generate_release(ROOT, lessons)
        for lesson in lessons:
            print(f"released lessons/{lesson}/{lesson}.ipynb")
    except (SourceError, ValueError, LookupError) as exc:
        # a malformed source, a question bank that does not load, an article without a reference
        print(f"build_lessons: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
