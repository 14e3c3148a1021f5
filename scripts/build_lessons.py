"""Build the lesson notebooks: sources -> ``solutions/`` -> ``lessons/``.

Each lesson's material sits in ``autograder/lesson-sources/<lesson>/``: ``lesson.md`` (its
source) and ``questions.yaml`` (its question bank).  The script writes the solution notebook,
its answers file and the lesson's public bank into ``solutions/<lesson>/``, what the package
ships from the course (the public banks ``medialit/data/questions/<lesson>.yaml`` and the
template of a new course's ``nbgrader_config.py``), and runs ``nbgrader
generate_assignment`` for ``lessons/<lesson>/``; ``--check`` only reports which files are out
of date and exits 1 when any is.  The work is done by :mod:`medialit.course.lessons`.

Limits: run it with the virtual environment's Python (``make setup`` installs medialit from
this checkout), so that the package's public banks are written into this checkout.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from medialit.core.paths import PACKAGE_DIR
from medialit.course.lesson_source import SourceError
from medialit.course.lessons import (
    ReleaseError,
    generate_release,
    is_package_course,
    lesson_ids,
    stale_files,
    write_package_files,
    write_solutions,
)

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    lessons_known = lesson_ids(ROOT)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("lessons", nargs="*", help=f"lessons to build (default: all of {', '.join(lessons_known)})")
    parser.add_argument("--check", action="store_true", help="report out-of-date files, change nothing")
    args = parser.parse_args(argv)
    if not is_package_course(ROOT):
        print(f"build_lessons: the medialit package this Python imports ({PACKAGE_DIR}) is not the one of {ROOT}; "
              "run .venv/bin/python after `make setup` here", file=sys.stderr)
        return 2
    unknown = [x for x in args.lessons if x not in lessons_known]
    if unknown:
        print(f"unknown lesson(s) {', '.join(unknown)}; known: {', '.join(lessons_known)}", file=sys.stderr)
        return 2
    lessons = args.lessons or lessons_known
    try:
        if args.check:
            stale = stale_files(ROOT, lessons)
            for path in stale:
                print(f"out of date: {path}")
            print("all lesson notebooks are up to date" if not stale else
                  "run: .venv/bin/python scripts/build_lessons.py")
            return 1 if stale else 0
        for path in write_solutions(ROOT, lessons) + write_package_files(ROOT, lessons):
            print(f"wrote {path.relative_to(ROOT)}")
        generate_release(ROOT, lessons)
        for lesson in lessons:
            print(f"released lessons/{lesson}/{lesson}.ipynb")
    except (SourceError, ValueError, LookupError) as exc:
        # a malformed source, a question bank that does not load, an article without a reference
        print(f"build_lessons: {exc}", file=sys.stderr)
        return 2
    except ReleaseError as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
