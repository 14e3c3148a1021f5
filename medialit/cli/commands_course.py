"""Course subcommands for instructors: ``grade`` (a whole class, fast), ``report`` and ``build``."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from medialit.cli import CommandError


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    g = sub.add_parser("grade", help="score every submission of an assignment without kernels (fast autograde)",
                       description="Score the answers files of every submission of ASSIGNMENT directly, in "
                                   "parallel, and write the scores nbgrader autograde would give into the "
                                   "gradebook (and/or a CSV file). Code exercises are left to nbgrader autograde.")
    g.add_argument("course_dir", help="the folder you run nbgrader from (holds nbgrader_config.py), e.g. autograder")
    g.add_argument("assignment")
    g.add_argument("--csv", help="also write one row per student and graded cell to this CSV file")
    g.add_argument("--no-gradebook", action="store_true", help="do not write the gradebook (use with --csv)")
    g.add_argument("--jobs", "-j", type=int, help="worker processes (default: one per CPU)")
    g.add_argument("--student", action="append", help="grade only this student (repeatable)")
    g.set_defaults(func=cmd_grade)

    r = sub.add_parser("report", help="what the class got right and missed: difficulty, spans, heatmap, agreement",
                       description="Analyse the graded submissions of ASSIGNMENT: per-question scores and "
                                   "difficulty, the passages most often missed or wrongly marked, a heatmap of "
                                   "student highlights against the reference, and Krippendorff's alpha; writes "
                                   "PNG plots and an HTML report.")
    r.add_argument("course_dir")
    r.add_argument("assignment")
    r.add_argument("--out", help="folder for the report (default: COURSE_DIR/reports/ASSIGNMENT)")
    r.set_defaults(func=cmd_report)

    b = sub.add_parser("build", help="generate a lesson set (sources, framing, hedges) for a reviewed article",
                       description="Make question banks, nbgrader source notebooks and the student release for "
                                   "ARTICLE_ID from the lesson templates and its reviewed reference annotation, "
                                   "then check them with nbgrader validate, validate --invert and a key scan.")
    b.add_argument("article_id")
    b.add_argument("--course", help="course root holding solutions/, lessons/ and autograder/ (default: this project)")
    b.add_argument("--prefix", help="assignment names are PREFIX-sources, PREFIX-framing, PREFIX-hedges "
                                    "(default: the article id)")
    b.add_argument("--lessons", default="sources,framing,hedges", help="which templates (comma-separated)")
    b.add_argument("--force", action="store_true", help="rebuild assignments that exist already")
    b.add_argument("--no-check", action="store_true", help="skip nbgrader validate and validate --invert")
    b.set_defaults(func=cmd_build)


def cmd_grade(args: argparse.Namespace) -> int:
    from medialit.grading.class_grading import CourseError, grade_class, load_course, write_csv, write_gradebook

    if args.no_gradebook and not args.csv:
        raise CommandError("--no-gradebook needs --csv FILE, or nothing would be written")
    if args.jobs is not None and args.jobs < 1:
        raise CommandError("--jobs must be 1 or more")
    try:
        course = load_course(args.course_dir, args.assignment)
    except CourseError as exc:
        raise CommandError(str(exc)) from None
    students = course.students()
    if args.student:
        unknown = sorted(set(args.student) - set(students))
        if unknown:
            raise CommandError(f"no submission of {args.assignment} by {', '.join(unknown)} in "
                               f"{course.submitted_dir('<student>').parent.parent}")
        students = [s for s in students if s in args.student]
    if not students:
        where = Path(course.coursedir.format_path(course.coursedir.submitted_directory, "*", args.assignment))
        raise CommandError(f"no submissions of {args.assignment} in {where.parent.parent}; "
                           "collect them first (nbgrader collect, or copy them in)")
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    started = time.perf_counter()
    with Progress(TextColumn("grading {task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  transient=True, disable=not sys.stderr.isatty()) as bar:
        task = bar.add_task(args.assignment, total=len(students))
        results = grade_class(course, students, jobs=args.jobs, progress=lambda _r: bar.advance(task))
    scored_at = time.perf_counter()
    if not args.no_gradebook:
        write_gradebook(course, results)
    if args.csv:
        write_csv(course, results, args.csv)
    done = time.perf_counter()
    whole = [r for r in results if r.left_whole]
    cells: dict[str, int] = {}
    for r in results:
        if not r.left_whole:
            for _, c in r.cells():
                key = c.kind if c.kind in ("execution", "deleted") or c.auto_score is not None else "manual"
                cells[key] = cells.get(key, 0) + 1
    print(f"{args.assignment}: graded {len(results) - len(whole)} of {len(results)} submissions in "
          f"{scored_at - started:.1f} s (+ {done - scored_at:.1f} s writing"
          f"{' the gradebook' if not args.no_gradebook else ''}{' and ' + args.csv if args.csv else ''})")
    print(f"  question cells scored: {cells.get('question', 0)}; written answers scored 0 (left blank): "
          f"{cells.get('written', 0)}; waiting for manual grading: {cells.get('manual', 0)}"
          + (f"; grading cells deleted by students: {cells['deleted']}" if cells.get("deleted") else ""))
    execution = sorted({c.grade_id for r in results if not r.left_whole for _, c in r.cells() if c.kind == "execution"})
    if execution:
        print(f"  left to `nbgrader autograde {args.assignment}` (they run the student's code): "
              f"{', '.join(execution)}")
    if whole:
        print(f"  {len(whole)} submission(s) left whole to `nbgrader autograde {args.assignment} --student ID`:")
        for r in whole:
            print(f"    {r.student}: {r.left_whole}")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from medialit.course.build import TEMPLATES, BuildError, build

    templates = tuple(t.strip() for t in args.lessons.split(",") if t.strip())
    unknown = [t for t in templates if t not in TEMPLATES]
    if unknown or not templates:
        raise CommandError(f"unknown lesson template(s) {', '.join(unknown) or '(none given)'}; "
                           f"use some of {', '.join(TEMPLATES)}")
    try:
        built = build(args.article_id, course_root=Path(args.course) if args.course else None, prefix=args.prefix,
                      templates=templates, force=args.force, check=not args.no_check)
    except BuildError as exc:
        raise CommandError(str(exc)) from None
    failed = False
    for lesson in built:
        print(f"{lesson.assignment}:")
        print(f"  source    {lesson.source}")
        print(f"  bank      {lesson.bank}")
        print(f"  solution  {lesson.solution}")
        print(f"  release   {lesson.release}")
        for name, ok in lesson.checks.items():
            print(f"  {'ok  ' if ok else 'FAIL'}      {name}")
            failed |= not ok
        for item in lesson.left_out:
            print(f"  left out  {item}")
        for problem in lesson.problems:
            print(f"  problem   {problem}")
    return 1 if failed else 0


def cmd_report(args: argparse.Namespace) -> int:
    from medialit.grading.class_grading import CourseError
    from medialit.report.class_report import build_report

    out = Path(args.out) if args.out else Path(args.course_dir) / "reports" / args.assignment
    try:
        path = build_report(args.course_dir, args.assignment, out)
    except CourseError as exc:
        raise CommandError(str(exc)) from None
    print(f"wrote {path}")
    return 0
