"""Time ``nbgrader autograde`` of each lesson against a one-cell notebook (the floor).

In a copy of the course in a temporary folder, the script adds a ``floor`` assignment (one
notebook, one trivial graded cell), generates every assignment, submits each lesson's
solution with its reference answers for one student, and times ``nbgrader autograde
<assignment> --student bench`` for each, ``--repeat`` times (default 3).  Every run pays the
same nbgrader start-up and kernel start-up, so the floor is what grading costs before a
lesson does any work; the target is each lesson at most 1.5 times the floor.

nbgrader runs a notebook through nbclient, which skips cells tagged ``skip-execution``: the
lessons' demo cells (results shown to the student, such as the analyzer run over the whole
article, that nothing graded depends on).  The count of such cells is printed per lesson.

It also times each lesson run top to bottom in a fresh kernel with nbclient, every cell
included (the target is under 15 s), and prints the scores so a fast but broken lesson does
not pass unnoticed.

Usage, from the repository root (the course helpers in ``tests/support`` are imported as the
package ``tests``, found in the current folder)::

    .venv/bin/python -m scripts.bench_grading [--repeat N] [lessons...]

Limits: wall-clock times on a shared machine vary; the median of the repeats is reported with
the minimum and maximum.  On a busy machine nbgrader's own start-up slows down more than a
lesson's work, which flatters the ratio: read it together with the seconds over the floor
and the machine's load average, printed at the end.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from tests.support import nbgrader_course as nc

FLOOR = "floor"
STUDENT = "bench"


def add_floor(course: Path) -> None:
    """A one-notebook assignment whose only cell is a graded ``1.0``."""
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata = {"kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
                   "language_info": {"name": "python"}}
    cell = nbformat.v4.new_code_cell("1.0")
    cell["id"] = "floor-cell"
    cell.metadata["nbgrader"] = {"grade": True, "grade_id": "floor-cell", "locked": True, "points": 1,
                                 "schema_version": 3, "solution": False, "task": False}
    nb.cells.append(cell)
    (course / "solutions" / FLOOR).mkdir(parents=True)
    nbformat.write(nb, course / "solutions" / FLOOR / f"{FLOOR}.ipynb")
    config = course / "autograder" / "nbgrader_config.py"
    config.write_text(config.read_text(encoding="utf-8") + f'\nc.Autograde.exclude_overwriting["{FLOOR}"] = []\n',
                      encoding="utf-8")


def submit_solution(course: Path, assignment: str) -> None:
    folder = course / "autograder" / "submitted" / STUDENT / assignment
    folder.mkdir(parents=True)
    for f in (course / "solutions" / assignment).iterdir():
        shutil.copy(f, folder / f.name)
    (folder / "timestamp.txt").write_text("2026-11-28 12:00:00 UTC", encoding="utf-8")


def demo_cells(course: Path, lesson: str) -> int:
    """Cells of the lesson that nbclient skips (tagged ``skip-execution``)."""
    nb = nc.read_notebook(course / "solutions" / lesson / f"{lesson}.ipynb")
    return sum("skip-execution" in cell.get("metadata", {}).get("tags", []) for cell in nb["cells"])


def time_autograde(course: Path, assignment: str) -> float:
    start = time.perf_counter()
    nc.nbgrader(course, "autograde", assignment, "--student", STUDENT, "--force", timeout=600)
    return time.perf_counter() - start


def time_run(course: Path, lesson: str) -> float:
    """Seconds to run a solution top to bottom in a fresh kernel (nbclient), kernel start included.

    Every cell runs, the demo cells that grading skips included, as when a student works through it.
    """
    import nbformat
    from nbclient import NotebookClient

    with tempfile.TemporaryDirectory() as tmp:
        for f in (course / "solutions" / lesson).iterdir():
            shutil.copy(f, Path(tmp) / f.name)
        nb = nbformat.read(Path(tmp) / f"{lesson}.ipynb", as_version=4)
        start = time.perf_counter()
        NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": tmp}},
                       skip_cells_with_tag="").execute()
        return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("lessons", nargs="*", default=nc.LESSONS)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    unknown = sorted(set(args.lessons) - set(nc.LESSONS))
    if unknown:
        print(f"unknown lesson(s): {', '.join(unknown)}; known: {', '.join(nc.LESSONS)}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        course = nc.make_course(Path(tmp), args.lessons, with_release=False)
        add_floor(course)
        nc.nbgrader(course, "generate_assignment", "*")
        for assignment in [FLOOR, *args.lessons]:
            submit_solution(course, assignment)
        times: dict[str, list[float]] = {a: [] for a in [FLOOR, *args.lessons]}
        for _ in range(args.repeat):
            for assignment in times:  # interleaved, so machine load affects all alike
                times[assignment].append(time_autograde(course, assignment))
        floor = statistics.median(times[FLOOR])
        print(f"nbgrader autograde, one notebook, median of {args.repeat} runs (min-max):")
        print(f"  {'floor (one cell)':<18} {floor:6.2f} s  ({min(times[FLOOR]):.2f}-{max(times[FLOOR]):.2f})")
        worst = 0.0
        for lesson in args.lessons:
            med = statistics.median(times[lesson])
            ratio = med / floor
            worst = max(worst, ratio)
            got = nc.gradebook_scores(course, lesson).get(STUDENT, {})
            auto = sum(got.values())
            print(f"  {lesson:<18} {med:6.2f} s  ({min(times[lesson]):.2f}-{max(times[lesson]):.2f})  "
                  f"{ratio:4.2f}x floor  (+{med - floor:.2f} s)  score {auto:g}  "
                  f"{demo_cells(course, lesson)} demo cell(s) skipped")
        print(f"worst lesson: {worst:.2f}x the floor (target <= 1.5x)")
        print("one notebook top to bottom in a fresh kernel, kernel start included (nbclient, solution with its"
              " answers):")
        print(f"  {'floor (one cell)':<18} {time_run(course, FLOOR):6.2f} s")
        for lesson in args.lessons:
            try:
                took = time_run(course, lesson)
            except Exception as exc:  # noqa: BLE001 - report a broken lesson, keep timing the others
                first = str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__
                print(f"  {lesson:<18} failed: {first[:150]}")
                continue
            print(f"  {lesson:<18} {took:6.2f} s  (target < 15 s)")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"load average (1 min) at the end: {load:.2f} on {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    sys.exit(main())
