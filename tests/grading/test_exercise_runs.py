"""Code exercises graded by ``medialit grade`` (the default when a lesson has one): each submission's code runs in a
forked child of a warm worker, and every cell it scores equals what ``nbgrader autograde``
records; what it cannot prove identical is left to autograde with the reason.

One class of lesson 3 where student k answers the code exercise with
``CODE_ANSWERS[k % len(CODE_ANSWERS)]`` (right, wrong, raising, endless doing nothing (interrupted at
once) or counting (interrupted at the limit), 1 MB of output,
``exit()``, ``os._exit``, a segfault, deleting files, a fork bomb), graded with a 12 s time
limit per cell (set in the course copy, for both graders).
"""

from __future__ import annotations

import csv
import multiprocessing
import os
import sys
from pathlib import Path

import pytest

from medialit.grading.assignment import summary_lines
from medialit.grading.class_grading import grade_class, load_course, write_gradebook
from tests.support.instructor_course import LESSON, build_course, copy_course, exercise_solutions, gradebook_rows
from tests.support.nbgrader_course import ROOT, nbgrader, read_notebook
from tests.support.synthetic_class import CODE_ANSWERS, make_class

TIMEOUT = 12  # a cold kernel loads spaCy well within it, even on a busy machine
EXERCISE = "l3-matcher"


@pytest.fixture(scope="module")
def course_and_class(tmp_path_factory, monkeypatch_module):
    monkeypatch_module.setenv("MEDIALIT_COURSE", str(ROOT))
    monkeypatch_module.setenv("PATH", f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    release = read_notebook(ROOT / "lessons" / LESSON / f"{LESSON}.ipynb")
    subs = make_class(LESSON, release, 2 * len(CODE_ANSWERS), seed=7, exercise_solutions=exercise_solutions(LESSON),
                      code_answers=CODE_ANSWERS)
    base = build_course(tmp_path_factory.mktemp("code") / "base", submissions=subs)
    with (base / "autograder" / "nbgrader_config.py").open("a") as f:
        f.write(f"\nc.Execute.timeout = {TIMEOUT}\n")
    return base, subs


@pytest.fixture(scope="module")
def monkeypatch_module():
    mp = pytest.MonkeyPatch()
    yield mp
    mp.undo()


@pytest.fixture(scope="module")
def graded(course_and_class, tmp_path_factory):
    base, subs = course_and_class
    fast = copy_course(base, tmp_path_factory.mktemp("fast") / "course")
    course = load_course(fast / "autograder", LESSON)
    results = grade_class(course, jobs=2, run_code=True)
    write_gradebook(course, results)
    by_kind = {}
    for s, r in zip(subs, results, strict=True):
        if "deleted_grade_cell" in s.traits:  # nothing of the exercise left to compare
            continue
        kind = next(t for t in s.traits if t.startswith("code_"))[5:]
        by_kind.setdefault(kind, []).append(r)
    return fast, results, by_kind


def _exercise(result):
    return next(c for _, c in result.cells() if c.grade_id == EXERCISE)


def test_every_kind_of_code_answer_is_scored_or_left_with_a_reason(graded):
    _, results, by_kind = graded
    assert not [r.student for r in results if r.left_whole]
    for r in by_kind["right"]:
        assert (_exercise(r).kind, _exercise(r).auto_score) == ("code", 3.0)
    for kind in ("wrong", "raising", "endless", "endless_busy", "os_exit", "segfault", "fork_bomb"):
        for r in by_kind[kind]:
            if kind == "fork_bomb" and r.left_to_nbgrader:  # forking up to the limit is slow on a busy machine
                assert f"s of its {TIMEOUT} s limit" in r.left_to_nbgrader[0] and _exercise(r).kind == "execution"
                continue
            assert (_exercise(r).kind, _exercise(r).auto_score) == ("code", 0.0), (kind, r.notes)
    for r in by_kind["prints_1mb"] + by_kind["deletes_files"]:
        assert (_exercise(r).kind, _exercise(r).auto_score) == ("code", 3.0)
    for r in by_kind["calls_exit"]:
        assert _exercise(r).kind == "execution"
        assert "exit()" in r.left_to_nbgrader[0]


def test_bad_input_gets_a_clear_summary_line(graded):
    _, results, by_kind = graded
    lines = "\n".join(summary_lines(LESSON, results))
    for r in by_kind["endless"] + by_kind["endless_busy"]:
        assert f"{LESSON}: {EXERCISE} was interrupted at the {TIMEOUT} s time limit" in r.notes
        assert f"{r.student}: " in lines
    for r in by_kind["os_exit"]:
        assert any(n.startswith(f"{LESSON}: the code's process ended (exit code 3) while ") and
                   n.endswith("that cell and every later one score 0, as under autograde") for n in r.notes)
    for r in by_kind["segfault"]:
        assert "(signal SIGSEGV)" in "; ".join(r.notes)
    for r in by_kind["deletes_files"]:
        assert "deleted" in "; ".join(r.notes) and "the submission is untouched" in "; ".join(r.notes)
    for r in by_kind["fork_bomb"]:
        assert "RLIMIT_NPROC" in "; ".join(r.notes)
    assert "left to `nbgrader autograde" in lines and "uses exit()" in lines


def test_the_submitted_files_survive_code_that_deletes_files(graded, course_and_class):
    fast, _, by_kind = graded
    for r in by_kind["deletes_files"]:
        assert (fast / "autograder" / "submitted" / r.student / LESSON / "timestamp.txt").exists()


def test_missing_and_renamed_exercise_cells_are_named(course_and_class, tmp_path):
    base, subs = course_and_class
    chosen = [next(s for s in subs if f"code_{kind}" in s.traits and "deleted_grade_cell" not in s.traits)
              for kind in ("right", "wrong", "raising")]
    course_dir = copy_course(base, tmp_path / "course", students={s.student for s in chosen})
    import json

    for sub, how in zip(chosen, ("unmark", "rename", "delete"), strict=True):
        path = course_dir / "autograder" / "submitted" / sub.student / LESSON / f"{LESSON}.ipynb"
        nb = json.loads(path.read_text())
        cell = next(c for c in nb["cells"] if c.get("metadata", {}).get("nbgrader", {}).get("grade_id")
                    == f"{EXERCISE}-code")
        if how == "delete":
            nb["cells"].remove(cell)
        elif how == "rename":
            cell["metadata"]["nbgrader"]["grade_id"] = "my-matcher"
        else:  # renamed and no longer an answer cell: an ordinary cell of the student's
            cell["metadata"]["nbgrader"].update(grade_id="my-matcher", solution=False)
        path.write_text(json.dumps(nb))
    results = {r.student: r for r in grade_class(load_course(course_dir / "autograder", LESSON), jobs=1,
                                                 run_code=True)}
    lines = "\n".join(summary_lines(LESSON, list(results.values())))
    unmarked, renamed, deleted = (results[s.student] for s in chosen)
    assert f"{unmarked.student}: {LESSON}: exercise cell {EXERCISE}-code was renamed (my-matcher): it runs as " \
        "the student's own code" in lines
    assert (_exercise(unmarked).kind, _exercise(unmarked).auto_score) == ("code", 3.0)  # the tests find it
    # nbgrader rejects a notebook whose answer cell has an id unknown to the source: the
    # whole submission goes to it, named with the renamed cell and how to fix it
    assert renamed.left_whole and not renamed.notebooks[-1].cells
    assert f"{renamed.student}: {LESSON}.ipynb: exercise cell {EXERCISE}-code was renamed to my-matcher. " \
        "nbgrader autograde rejects this notebook too" in lines
    assert "set the id back (cell metadata nbgrader.grade_id)" in lines
    assert f"{deleted.student}: {LESSON}: no exercise cell {EXERCISE}-code (deleted)" in lines
    assert _exercise(deleted).auto_score == 0.0  # the tests cannot find the function


def test_a_worker_that_dies_mid_class_is_replaced_and_its_submissions_retried(course_and_class, tmp_path):
    base, subs = course_and_class
    course = load_course(copy_course(base, tmp_path / "course") / "autograder", LESSON)
    killed = []

    def kill_a_worker(_result):
        if not killed:
            workers = multiprocessing.active_children()
            if workers:
                os.kill(workers[0].pid, 9)
                killed.append(workers[0].pid)

    results = grade_class(course, jobs=2, run_code=True, progress=kill_a_worker)
    assert killed
    assert [r.student for r in results] == [s.student for s in subs]
    assert not [r.student for r in results if r.left_whole]


@pytest.mark.nbgrader
def test_every_cell_equals_nbgrader_autograde(graded, course_and_class, tmp_path):
    base, subs = course_and_class
    fast, results, by_kind = graded
    sample = [rs[0].student for kind, rs in by_kind.items() if kind != "fork_bomb"]  # a fork bomb would not end
    slow = copy_course(base, tmp_path / "slow", students=set(sample))
    nbgrader(slow, "autograde", LESSON, timeout=900)
    a, b = gradebook_rows(fast, LESSON, sample), gradebook_rows(slow, LESSON, sample)
    by_student = {r.student: r for r in results}
    compared = 0
    for student in sample:
        left = {c.grade_id for _, c in by_student[student].cells() if c.kind == "execution"}
        for gid, score in b[student]["grades"].items():
            if gid in left:
                continue
            assert a[student]["grades"][gid] == score, (student, gid)
            compared += 1
    exercise_compared = sum(1 for r in (by_student[s] for s in sample) if _exercise(r).kind == "code")
    assert exercise_compared == len(sample) - 1  # all but exit(), which is left to autograde
    assert compared >= 6 * len(sample)



def test_the_grade_command_runs_code_by_default_and_not_with_no_code(course_and_class, tmp_path):
    import subprocess

    base, subs = course_and_class
    chosen = [next(s for s in subs if f"code_{kind}" in s.traits and "deleted_grade_cell" not in s.traits)
              for kind in ("right", "wrong")]
    course_dir = copy_course(base, tmp_path / "course", students={s.student for s in chosen})

    def grade(*extra):
        out = subprocess.run([sys.executable, "-m", "medialit.cli", "grade", str(course_dir / "autograder"), LESSON,
                              "--no-gradebook", "--csv", str(tmp_path / "s.csv"), *extra],
                             capture_output=True, text=True, timeout=900)
        assert out.returncode == 0, out.stderr
        rows = {r["student"]: r for r in csv.DictReader(open(tmp_path / "s.csv", encoding="utf-8"))
                if r["grade_id"] == EXERCISE}
        return out.stdout, [(rows[s.student]["points"], rows[s.student]["status"]) for s in chosen]

    stdout, exercise = grade()
    assert "code exercise cells scored by running the code here: 2" in stdout
    assert exercise == [("3", "scored by running the code here"), ("0", "scored by running the code here")]
    stdout, exercise = grade("--no-code")
    assert f"left to `nbgrader autograde {LESSON}` (they run the student's code): {EXERCISE}" in stdout
    assert [status for _, status in exercise] == ["left to nbgrader autograde (runs code)"] * 2


def test_only_loops_that_end_by_an_interrupt_alone_and_change_nothing_are_cut_short():
    import ast

    from medialit.grading.exercise_runs import ENDLESS_CALL, EndlessLoops

    def cut(src):
        return ENDLESS_CALL in ast.unparse(EndlessLoops().visit(ast.parse(src)))

    assert cut("while True:\n    pass") and cut("def f():\n    while 1:\n        continue\n        'x'")
    for src in ("while True:\n    n += 1", "while x:\n    pass", "while True:\n    pass\nelse:\n    y = 1",
                "while True:\n    f()", "while True:\n    break", "while False:\n    pass"):
        assert not cut(src), src
