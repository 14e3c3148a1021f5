"""`medialit grade`: the scores nbgrader autograde gives, without running kernels.

A synthetic class of 120 varied submissions of lesson 3 is graded fast; a sample chosen to
cover every kind of variation (right, wrong, partial, unanswered, no or corrupt or renamed
answers file, answer of the wrong type, written answers, code exercises, tampered and
deleted grading cells, extra cells, late) is also graded by the real ``nbgrader autograde``,
and every score, flag and comment must be identical.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys

import pytest

from medialit.grading.class_grading import RISKY, grade_class, load_course, question_cell, question_id, setup_imports
from tests.support.instructor_course import LESSON, build_course, copy_course, gradebook_rows, synthetic_class
from tests.support.nbgrader_course import nbgrader
from tests.support.synthetic_class import TRAITS


def medialit(*args):
    return subprocess.run([sys.executable, "-m", "medialit.cli", *args], capture_output=True, text=True,
                          encoding="utf-8", timeout=900)


@pytest.fixture(scope="module")
def klass():
    return synthetic_class()


@pytest.fixture(scope="module")
def base_course(tmp_path_factory, klass):
    course = build_course(tmp_path_factory.mktemp("course") / "c", LESSON, klass)
    # a due date, so that the late submissions are late, and a penalty that depends on the score
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'autograder' / 'gradebook.db'}", course_id="medialit") as gb:
        gb.update_or_create_assignment(LESSON, duedate="2026-12-01 00:00:00 UTC")
    with open(course / "autograder" / "nbgrader_config.py", "a", encoding="utf-8") as fh:
        fh.write('\nc.LateSubmissionPlugin.penalty_method = "zero"\n')
    return course


def covering_sample(subs):
    sample, covered = [], set()
    for s in subs:
        if s.traits - covered:
            sample.append(s)
            covered |= s.traits
    return sample, covered


def test_question_cells_are_recognised_strictly():
    ok = ('# Graded when...\n### BEGIN HIDDEN TESTS\nfrom medialit.grading import grade\ngrade("l3-liu")\n'
          '### END HIDDEN TESTS')
    assert question_id(ok) == "l3-liu"
    checked = '# Graded...\nanswered("l3-liu")\n' + ok
    assert question_cell(checked) == ("l3-liu", {"answered"})  # needs the set-up cell's import
    assert question_cell(checked.replace('answered("l3-liu")', 'answered("l3-other")')) is None
    assert setup_imports("from medialit.checks import answered\nfrom medialit.widgets import ask\n") == {"answered"}
    assert question_id(ok.replace('grade("l3-liu")', 'grade("l3-liu") + 1')) is None
    assert question_id(ok.replace("from medialit.grading import grade", "from medialit.grading import grade, score")) \
        is None
    assert question_id(ok + "\nprint('x')") is None
    assert question_id("assert speakers(nlp('x')) == []") is None
    assert RISKY.search("import os") and RISKY.search("answers.record('q', 1)") and RISKY.search("%cd ..")
    assert not RISKY.search("def f(parts, label):\n    return [p['text'] for p in parts if p['label'] == label]")


@pytest.mark.nbgrader
def test_fast_grading_equals_nbgrader_autograde(base_course, klass, tmp_path):
    sample, covered = covering_sample(klass)
    assert covered == set(TRAITS), f"the class lacks {set(TRAITS) - covered}"
    fast = copy_course(base_course, tmp_path / "fast")
    slow = copy_course(base_course, tmp_path / "slow", students={s.student for s in sample})

    out = medialit("grade", str(fast / "autograder"), LESSON, "--jobs", "2", "--csv", str(tmp_path / "scores.csv"))
    assert out.returncode == 0, out.stderr
    assert f"graded {len(klass) - sum('own_risky_cell' in s.traits for s in klass)} of {len(klass)}" in out.stdout
    nbgrader(slow, "autograde", LESSON, timeout=3000)

    names = [s.student for s in sample]
    a, b = gradebook_rows(fast, LESSON, names), gradebook_rows(slow, LESSON, names)
    course = load_course(fast / "autograder", LESSON)
    execution_cells = {c.grade_id for r in grade_class(course, names, jobs=1) for _, c in r.cells()
                       if c.kind == "execution"}
    assert execution_cells == {"l3-matcher"}  # the code exercise's tests
    compared = 0
    for sub in sample:
        fa, fb = a[sub.student], b[sub.student]
        if "own_risky_cell" in sub.traits:
            assert fa is None, "a submission with risky code of its own is left whole to autograde"
            assert fb is not None
            continue
        assert fa["timestamp"] == fb["timestamp"]
        for gid, score in fb["grades"].items():
            if gid in execution_cells and fa["grades"][gid] != fb["grades"][gid]:
                assert fa["grades"][gid] == (None, True), "code exercises are left to autograde, flagged"
                continue
            assert fa["grades"][gid] == score, f"{sub.student} {gid} ({sorted(sub.traits)})"
            compared += 1
        assert fa["comments"] == fb["comments"], sub.student
        if "late" in sub.traits:
            exercise_points = sum(fb["grades"][g][0] or 0 for g in execution_cells)
            assert fa["late"] == pytest.approx(fb["late"] - exercise_points), sub.student
        else:
            assert fa["late"] == fb["late"] is None
    assert compared >= 5 * len(sample)

    rows = list(csv.DictReader(open(tmp_path / "scores.csv", encoding="utf-8")))
    by = {(r["student"], r["grade_id"]): r for r in rows}
    for sub in sample:
        if "own_risky_cell" in sub.traits:
            continue
        for gid, (score, _) in a[sub.student]["grades"].items():
            row = by[(sub.student, gid)]
            assert row["points"] == ("" if score is None else f"{score:g}")


def test_parallel_and_serial_grading_agree_and_match_direct_scoring(base_course, klass, tmp_path):
    """Over the whole class: 1 and 2 worker processes give the same results, and every question
    cell's points equal medialit.grading.score.score on the student's stored answer."""
    from medialit.answers.store import AnswerStore
    from medialit.grading.score import score
    from medialit.questions import find_question

    course = load_course(base_course / "autograder", LESSON)
    one = grade_class(course, jobs=1)
    two = grade_class(course, jobs=2)

    def flat(rs):
        return [(r.student, r.left_whole, [(n, c.grade_id, c.kind, c.auto_score) for n, c in r.cells()]) for r in rs]

    assert flat(one) == flat(two)
    assert len(one) == len(klass)
    checked = 0
    for sub, res in zip(klass, one, strict=True):
        if "deleted_setup_cell" in sub.traits and not res.left_whole:
            # the check answered() is never imported: each grading cell fails with a NameError, as under autograde
            assert all(c.auto_score == 0 for _, c in res.cells() if c.kind == "question")
            continue
        if res.left_whole or sub.answers is None or isinstance(sub.answers, str) or \
                sub.answers_name != f"{LESSON}.answers.json":
            continue
        path = base_course / "autograder" / "submitted" / sub.student / LESSON / sub.answers_name
        store = AnswerStore(path, read_only=True)
        for _, cell in res.cells():
            if cell.kind != "question":
                continue
            q = find_question(cell.grade_id)
            entry = store.entry(cell.grade_id)
            if entry is not None and entry["kind"] != q.type:
                expected = 0.0
            else:
                expected = score(q, entry["value"] if entry else None).points
            assert cell.auto_score == pytest.approx(expected), (sub.student, cell.grade_id)
            checked += 1
    assert checked > 300
    # the student files are only read
    sub = klass[0]
    folder = base_course / "autograder" / "submitted" / sub.student / LESSON
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        {f"{LESSON}.ipynb", "timestamp.txt"} | ({sub.answers_name} if sub.answers is not None else set()))


def test_grade_command_errors(base_course, tmp_path):
    out = medialit("grade", str(tmp_path), LESSON)
    assert out.returncode == 2 and "has no nbgrader_config.py" in out.stderr
    out = medialit("grade", str(base_course / "autograder"), "99-nothing")
    assert out.returncode == 2 and "no assignment '99-nothing'" in out.stderr and "Traceback" not in out.stderr
    out = medialit("grade", str(base_course / "autograder"), LESSON, "--student", "nobody")
    assert out.returncode == 2 and "no submission of 03-hedges by nobody" in out.stderr
    out = medialit("grade", str(base_course / "autograder"), LESSON, "--no-gradebook")
    assert out.returncode == 2 and "--csv" in out.stderr


def test_csv_only_leaves_the_gradebook_alone(base_course, klass, tmp_path):
    course = copy_course(base_course, tmp_path / "c")
    before = (course / "autograder" / "gradebook.db").read_bytes()
    out = medialit("grade", str(course / "autograder"), LESSON, "--no-gradebook", "--csv", str(tmp_path / "s.csv"),
                   "--student", klass[0].student, "--student", klass[1].student)
    assert out.returncode == 0, out.stderr
    assert (course / "autograder" / "gradebook.db").read_bytes() == before
    rows = list(csv.DictReader(open(tmp_path / "s.csv", encoding="utf-8")))
    assert {r["student"] for r in rows} == {klass[0].student, klass[1].student}
    assert json.loads(json.dumps(rows))  # plain strings only
