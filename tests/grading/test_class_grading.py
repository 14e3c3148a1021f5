"""`medialit grade`: the scores nbgrader autograde gives, without running kernels.

A synthetic class of 120 varied submissions of lesson 3 is graded fast; a sample chosen to
cover every kind of variation (right, wrong, partial, unanswered, no or corrupt or renamed
answers file, answer of the wrong type, written answers, code exercises, tampered and
deleted grading cells, extra cells, code of the student's own, late) is also graded by the
real ``nbgrader autograde``, and every score, flag and comment must be identical.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys

import pytest

from medialit.grading.class_grading import grade_class, load_course, touches_grading
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


def test_code_that_touches_grading_is_flagged_and_an_exercise_is_not():
    for code in ("from medialit import answers\nanswers.record('l3-liu', 'a')",
                 "import medialit.grading\nmedialit.grading.grade = lambda *a: 9.0",
                 "import sys\nsys.modules['medialit.checks'] = None",
                 "get_ipython().showtraceback = None",
                 "open('03-hedges.answers.json', 'w').write('{}')",
                 "import os\nos._exit(0)",
                 "%cd ..",
                 "answered = lambda qid: None"):
        assert touches_grading(code), code
    for code in ("def f(parts, label):\n    return [p['text'] for p in parts if p['label'] == label]",
                 "total = 2 + 2\ntotal",
                 "import os\nos.chdir('..')",
                 "def matches(doc):\n    return [t.text for t in doc if t.lemma_ in HEDGES]"):
        assert touches_grading(code) is None, code


@pytest.mark.nbgrader
def test_fast_grading_equals_nbgrader_autograde(base_course, klass, tmp_path):
    sample, covered = covering_sample(klass)
    assert covered == set(TRAITS), f"the class lacks {set(TRAITS) - covered}"
    fast = copy_course(base_course, tmp_path / "fast")
    slow = copy_course(base_course, tmp_path / "slow", students={s.student for s in sample})

    out = medialit("grade", str(fast / "autograder"), LESSON, "--jobs", "2", "--csv", str(tmp_path / "scores.csv"))
    assert out.returncode == 0, out.stderr
    assert f"graded {len(klass)} of {len(klass)}" in out.stdout  # code of a student's own changes no score
    nbgrader(slow, "autograde", LESSON, timeout=3000)

    names = [s.student for s in sample]
    a, b = gradebook_rows(fast, LESSON, names), gradebook_rows(slow, LESSON, names)
    course = load_course(fast / "autograder", LESSON)
    results = grade_class(course, names, jobs=2, run_code=True)  # what the command did, by default
    code_cells = {c.grade_id for r in results for _, c in r.cells() if c.kind in ("code", "execution")}
    assert code_cells == {"l3-matcher"}  # the code exercise's tests
    left = {(r.student, c.grade_id) for r in results for _, c in r.cells() if c.kind == "execution"}
    compared = code_compared = 0
    for sub in sample:
        fa, fb = a[sub.student], b[sub.student]
        assert fa["timestamp"] == fb["timestamp"]
        for gid, score in fb["grades"].items():
            if (sub.student, gid) in left:
                assert fa["grades"][gid] == (None, True), "code exercises left to autograde are flagged"
                continue
            assert fa["grades"][gid] == score, f"{sub.student} {gid} ({sorted(sub.traits)})"
            compared += 1
            code_compared += gid in code_cells
        assert fa["comments"] == fb["comments"], sub.student
        if "late" in sub.traits:
            exercise_points = sum(fb["grades"][g][0] or 0 for s, g in left if s == sub.student)
            assert fa["late"] == pytest.approx(fb["late"] - exercise_points), sub.student
        else:
            assert fa["late"] == fb["late"] is None
    assert compared >= 5 * len(sample)
    assert code_compared >= len(sample) - len(left)  # every code exercise run here equals autograde's

    rows = list(csv.DictReader(open(tmp_path / "scores.csv", encoding="utf-8")))
    by = {(r["student"], r["grade_id"]): r for r in rows}
    for sub in sample:
        for gid, (score, _) in a[sub.student]["grades"].items():
            row = by[(sub.student, gid)]
            assert row["points"] == ("" if score is None else f"{score:g}")


def test_parallel_and_serial_grading_agree_and_match_direct_scoring(base_course, klass, tmp_path):
    """Over the whole class: 1 and 2 worker processes give the same results, and every question
    cell's points equal medialit.grading.score.score on the student's stored answer, whatever
    the notebook's code (a deleted set-up cell included)."""
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
    assert not any(r.left_whole for r in one)
    for sub, res in zip(klass, one, strict=True):
        # what nbgrader would warn about, and only that
        changed = {"tampered_grade_cell", "deleted_grade_cell", "deleted_setup_cell"} & sub.traits
        assert bool(res.tampered) == bool(changed), (sub.student, sorted(sub.traits), res.tampered)
        if "tampered_grade_cell" in sub.traits:
            assert any("its source was changed" in t for t in res.tampered), res.tampered
        if "deleted_grade_cell" in sub.traits or "deleted_setup_cell" in sub.traits:
            assert any(t.endswith(": deleted") for t in res.tampered), res.tampered
        if sub.answers is None or isinstance(sub.answers, str) or \
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
