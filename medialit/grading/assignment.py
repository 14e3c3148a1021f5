"""``medialit grade`` from start to end: pick the submissions of one assignment, score them all
(:func:`medialit.grading.class_grading.grade_class`), write the gradebook and/or a CSV file,
and say what was graded and what is left to ``nbgrader autograde``.

Limits: the progress bar shows only when standard error is a terminal; timings are wall-clock.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from medialit.grading.class_grading import Course, CourseError, SubmissionResult


def pick_students(course: Course, wanted: list[str] | None = None) -> list[str]:
    """The students whose submissions to grade: all of them, or those in ``wanted``.

    Raises :class:`CourseError` for a wanted student without a submission, or when there is
    no submission at all.
    """
    students = course.students()
    if wanted:
        unknown = sorted(set(wanted) - set(students))
        if unknown:
            raise CourseError(f"no submission of {course.assignment} by {', '.join(unknown)} in "
                              f"{course.submitted_dir('<student>').parent.parent}")
        students = [s for s in students if s in wanted]
    if not students:
        where = Path(course.coursedir.format_path(course.coursedir.submitted_directory, "*", course.assignment))
        raise CourseError(f"no submissions of {course.assignment} in {where.parent.parent}; "
                          "collect them first (nbgrader collect, or copy them in)")
    return students


def summary_lines(assignment: str, results: list[SubmissionResult]) -> list[str]:
    """What was scored, what waits for manual grading, what is left to nbgrader autograde, and,
    per student, the cells nbgrader would warn about and the code that touches grading."""
    whole = [r for r in results if r.left_whole]
    cells: dict[str, int] = {}
    for r in results:
        if not r.left_whole:
            for _, c in r.cells():
                key = c.kind if c.kind in ("execution", "deleted") or c.auto_score is not None else "manual"
                cells[key] = cells.get(key, 0) + 1
    lines = [f"  question cells scored: {cells.get('question', 0)}; written answers scored 0 (left blank): "
             f"{cells.get('written', 0)}; waiting for manual grading: {cells.get('manual', 0)}"
             + (f"; grading cells deleted by students: {cells['deleted']}" if cells.get("deleted") else "")]
    execution = sorted({c.grade_id for r in results if not r.left_whole for _, c in r.cells() if c.kind == "execution"})
    if execution:
        lines.append(f"  left to `nbgrader autograde {assignment}` (they run the student's code): "
                     f"{', '.join(execution)}")
    if whole:
        lines.append(f"  {len(whole)} submission(s) left whole to `nbgrader autograde {assignment} --student ID`:")
        lines += [f"    {r.student}: {r.left_whole}" for r in whole]
    tampered = [r for r in results if r.tampered]
    if tampered:
        lines.append(f"  tampered cells (restored from the source before scoring) in {len(tampered)} submission(s):")
        lines += [f"    {r.student}: {'; '.join(r.tampered)}" for r in tampered]
    code = sum(1 for r in results if not r.left_whole for _, c in r.cells() if c.kind == "code")
    if code:
        lines.append(f"  code exercise cells scored by running the code here: {code}")
    exercises_left = [r for r in results if r.left_to_nbgrader]
    if exercises_left:
        lines.append(f"  {len(exercises_left)} submission(s) whose code exercises are left to `nbgrader autograde "
                     f"{assignment} --student ID` (not provably identical here):")
        lines += [f"    {r.student}: {'; '.join(r.left_to_nbgrader)}" for r in exercises_left]
    noted = [r for r in results if r.notes]
    if noted:
        lines.append(f"  {len(noted)} submission(s) whose code did something worth knowing "
                     "(scored as under autograde):")
        lines += [f"    {r.student}: {'; '.join(r.notes)}" for r in noted]
    flagged = [r for r in results if r.flags]
    if flagged:
        lines.append(f"  {len(flagged)} submission(s) with code that touches grading or answers when run "
                     "(it changes no score; worth a look):")
        lines += [f"    {r.student}: {'; '.join(r.flags)}" for r in flagged]
    return lines


def grade_assignment(course_dir: str | os.PathLike[str], assignment: str, *, students: list[str] | None = None,
                     jobs: int | None = None, csv: str | None = None, gradebook: bool = True,
                     run_code: bool | None = None) -> list[SubmissionResult]:
    """Score the submissions of ``assignment`` in ``jobs`` processes (default: one per CPU), write
    the scores into the gradebook (unless ``gradebook`` is False) and to ``csv`` (when given),
    and print a summary.  Code exercises are run and scored too
    (:mod:`medialit.grading.exercise_runs`) when the assignment has a code answer cell, unless
    ``run_code`` is False (then they are left to ``nbgrader autograde``).  Returns the results.
    Raises :class:`CourseError` when the course or the submissions are not ready.
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from medialit.grading.class_grading import grade_class, load_course, write_csv, write_gradebook

    course = load_course(course_dir, assignment)
    chosen = pick_students(course, students)
    if run_code is None:
        run_code = any(course.exercise_cells.values())
    started = time.perf_counter()
    with Progress(TextColumn("grading {task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  transient=True, disable=not sys.stderr.isatty()) as bar:
        task = bar.add_task(assignment, total=len(chosen))
        results = grade_class(course, chosen, jobs=jobs, progress=lambda _r: bar.advance(task),
                              run_code=run_code)
    scored_at = time.perf_counter()
    if gradebook:
        write_gradebook(course, results)
    if csv:
        write_csv(course, results, csv)
    done = time.perf_counter()
    graded = sum(1 for r in results if not r.left_whole)
    print(f"{assignment}: graded {graded} of {len(results)} submissions in "
          f"{scored_at - started:.1f} s (+ {done - scored_at:.1f} s writing"
          f"{' the gradebook' if gradebook else ''}{' and ' + csv if csv else ''})")
    for line in summary_lines(assignment, results):
        print(line)
    return results
