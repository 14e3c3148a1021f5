"""Red team: a student's own code cannot change their score, under `nbgrader autograde` and `medialit grade`.

One honest student of lesson 1 (some answers right, some wrong, the code exercise solved)
and, for every cheat of :mod:`tests.support.cheats`, a student who submits the same
notebook and answers plus the cheat.  The course's solution folder holds the reference
answers file and a second stray one.  The real ``nbgrader autograde`` grades them all in
one run, then ``medialit grade`` grades the same submissions from disk.  Every cheat must
score exactly what the honest student scores, cell by cell, under both; nothing may crash;
no answers file of the solution folder may reach a graded folder; the honest submission
draws no tampering warning; ``medialit grade`` lists the tampered cells and flags the code.
A last student answers with a megabyte of text and adds cells that print the working
folder, ask an unknown question (whose message names the bank folders) and fail inside a
library (a traceback of file paths): the feedback shows the answer cut short with its
length, and no feedback page holds a folder of the instructor's.
"""

from __future__ import annotations

import csv
import json
import os
import random
import re
import shutil
import subprocess
import sys

import pytest

from tests.support import nbgrader_course as nc
from tests.support.cheats import CHEATS, with_cheat

pytestmark = pytest.mark.nbgrader

LESSON = "01-sources"
HONEST = "honest"
HUGE = "huge"
STRAY = "stray.answers.json"
MEGABYTE = "word " * 200_000


def honest_answers():
    """Right on some questions and wrong on others, the same every run."""
    from medialit.questions import questions_for_notebook

    out = {}
    for q in questions_for_notebook(LESSON):
        if q.mode == "graded" and q.kind.auto_scored:
            out[q.id] = q.kind.synthetic_answer(random.Random(q.id), 0.5)
    return out


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    course = nc.make_course(tmp_path_factory.mktemp("redteam"), [LESSON], with_release=False)
    key_file = course / "solutions" / LESSON / f"{LESSON}.answers.json"
    assert key_file.exists(), "the solution folder holds the reference answers file, as in the repository"
    shutil.copy(key_file, key_file.with_name(STRAY))
    # grading and the notebooks use this course copy's bank (the first provider), so the bank cheat
    # attacks a file of the copy and never the repository's
    saved = os.environ.get("MEDIALIT_QUESTIONS")
    os.environ["MEDIALIT_QUESTIONS"] = str(course / "autograder" / "lesson-sources" / LESSON)
    try:
        nc.nbgrader(course, "generate_assignment", LESSON)
        notebook = nc.student_notebook(LESSON, {"l1-speakers-code": nc.solution_code(LESSON, "l1-speakers-code")})
        answers = nc.answers_document(LESSON, honest_answers())
        nc.submit(course, HONEST, LESSON, notebook, answers)
        for cheat in CHEATS:
            nc.submit(course, cheat, LESSON, with_cheat(notebook, LESSON, cheat), answers)
        huge = json.loads(json.dumps(answers))
        for qid, kind in (("l1-wang", "single"), ("l1-compare", "text")):  # a graded and a practice question
            huge["answers"][qid] = {"kind": kind, "value": MEGABYTE, "updated": "2026-11-28T10:00:00+00:00"}
        prying = json.loads(json.dumps(notebook))
        prying["cells"] += [{"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
                             "source": src} for src in ("import os\nprint(os.getcwd())", 'ask("no-such-question")',
                                                        "import json\njson.loads('{')")]
        nc.submit(course, HUGE, LESSON, prying, huge)
        bank = course / "autograder" / "lesson-sources" / LESSON / "questions.yaml"
        bank_before = bank.read_bytes()
        proc = nc.nbgrader(course, "autograde", LESSON, check=False, timeout=1800)
        bank_after = bank.read_bytes()
        nc.nbgrader(course, "generate_feedback", LESSON, timeout=900)
        fast = subprocess.run([sys.executable, "-m", "medialit.cli", "grade", str(course / "autograder"), LESSON,
                               "--no-gradebook", "--csv", str(course / "fast.csv"), "--jobs", "2"],
                              capture_output=True, text=True, timeout=900)
    finally:
        if saved is None:
            os.environ.pop("MEDIALIT_QUESTIONS", None)
        else:
            os.environ["MEDIALIT_QUESTIONS"] = saved
    return course, proc, fast, bank_before == bank_after


def autograde_scores(course):
    return nc.gradebook_scores(course, LESSON)


def fast_scores(course):
    rows = list(csv.DictReader(open(course / "fast.csv", encoding="utf-8")))
    out: dict[str, dict[str, tuple[str, str]]] = {}
    for r in rows:
        out.setdefault(r["student"], {})[r["grade_id"]] = (r["kind"], r["points"])
    return out


def test_autograde_grades_every_cheat_without_crashing(graded):
    course, proc, _, _ = graded
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-6000:]
    assert "partial credit cannot be greater" not in proc.stderr
    for student in [HONEST, *CHEATS, HUGE]:
        assert (course / "autograder" / "autograded" / student / LESSON / f"{LESSON}.ipynb").exists(), student


def test_every_cheat_scores_what_the_honest_student_scores_under_autograde(graded):
    course, _, _, _ = graded
    scores = autograde_scores(course)
    honest = scores[HONEST]
    assert 0 < sum(honest.values()) < 20, "the honest student must have something to gain"
    for cheat in CHEATS:
        assert scores[cheat] == honest, cheat
    print("\n" + red_team_table(scores, fast_scores(course)))


def test_medialit_grade_gives_the_same_points_for_every_cheat(graded):
    course, _, fast, _ = graded
    assert fast.returncode == 0, fast.stderr
    slow, quick = autograde_scores(course), fast_scores(course)
    for student in [HONEST, *CHEATS]:
        for gid, (kind, points) in quick[student].items():
            if kind == "execution":  # code the fast path cannot prove identical: left to autograde
                continue
            assert float(points) == slow[student][gid], (student, gid)
        scored = {g: p for g, (k, p) in quick[student].items() if k != "execution"}
        assert scored == {g: p for g, (k, p) in quick[HONEST].items() if g in scored}, student
    assert quick[HONEST]["l1-speakers"][0] == "code"  # the honest student's code exercise is run here


def test_files_the_run_touched_are_put_back(graded):
    course, _, _, bank_unchanged = graded
    assert bank_unchanged, "the bank rewritten by a cheat must be put back"
    aside = list((course / "autograder" / "lesson-sources" / LESSON).glob("questions.yaml.changed-while-grading-*"))
    assert len(aside) == 1, "what the cheat wrote is set aside for the teacher to see"
    submitted = course / "autograder" / "submitted"
    honest = (submitted / HONEST / LESSON / f"{LESSON}.answers.json").read_bytes()
    for student in CHEATS:
        folder = submitted / student / LESSON
        assert (folder / f"{LESSON}.answers.json").read_bytes() == honest, student
        assert (folder / "timestamp.txt").read_text(encoding="utf-8") == "2026-11-28 12:00:00 UTC", student
    graded_dir = course / "autograder" / "autograded"
    for folder in graded_dir.iterdir():
        if folder.name == HUGE:
            continue
        names = sorted(p.name for p in (folder / LESSON).iterdir())
        assert STRAY not in names, folder.name
        kept = (folder / LESSON / f"{LESSON}.answers.json").read_bytes()
        assert kept == honest, folder.name  # the student's own file, not the solution's, as submitted


def warnings_by_student(log: str) -> dict[str, list[str]]:
    """nbgrader's tampering warnings of the autograde log, by the student whose notebook was sanitized."""
    out: dict[str, list[str]] = {}
    student = None
    for line in log.splitlines():
        m = re.search(r"Sanitizing .*/submitted/([^/]+)/", line)
        if m:
            student = m.group(1)
        if student and ("has changed" in line or "exists multiple times" in line):
            out.setdefault(student, []).append(line)
    return out


def test_only_real_tampering_draws_a_warning(graded):
    course, proc, fast, _ = graded
    warned = warnings_by_student(proc.stdout + proc.stderr)
    assert set(warned) == {"raise_points"}, warned
    assert any("points" in w and "20" in w for w in warned["raise_points"])
    # nbgrader's own restoration still holds: the edited cells are graded as released, at their points
    release = nc.read_notebook(course / "lessons" / LESSON / f"{LESSON}.ipynb")
    edited = nc.read_notebook(course / "autograder" / "autograded" / "raise_points" / LESSON / f"{LESSON}.ipynb")
    for cell in release["cells"]:
        meta = cell["metadata"].get("nbgrader", {})
        if meta.get("grade") and cell["cell_type"] == "code" and not meta.get("solution"):
            graded_cell = nc.cell_by_id(edited, meta["grade_id"])
            assert "".join(graded_cell["source"]).startswith("".join(cell["source"]).split("### BEGIN")[0].rstrip())
            assert graded_cell["metadata"]["nbgrader"]["points"] == meta["points"]
    # medialit grade lists the same cells, and flags the code that touches grading
    out = fast.stdout
    tampered = [line for line in out.splitlines() if line.strip().startswith("raise_points:")]
    assert tampered and "l1-named: points changed from 2 to 20" in tampered[0]
    assert f"{HONEST}:" not in out
    for cheat in ("patched_grade", "fake_module", "record_key", "rewrite_answers_file", "too_much", "no_traceback"):
        assert re.search(rf"^\s+{cheat}: {LESSON}: ", out, re.M), cheat


def red_team_table(slow, quick) -> str:
    honest = sum(slow[HONEST].values())
    lines = [f"{'cheat':<22} {'honest':>7} {'autograde':>10} {'medialit grade':>15}"]
    for cheat in CHEATS:
        q = sum(float(p) if k != "execution" else slow[cheat][g] for g, (k, p) in quick[cheat].items())
        lines.append(f"{cheat:<22} {honest:>7g} {sum(slow[cheat].values()):>10g} {q:>15g}")
    return "\n".join(lines)


def test_a_megabyte_answer_is_cut_short_and_no_instructor_folder_is_shown(graded):
    course, _, fast, _ = graded
    pages = sorted((course / "autograder" / "feedback").rglob("*.html"))
    assert len(pages) == len(CHEATS) + 2
    folders = {str(course), os.path.realpath(course), str(nc.ROOT), os.path.realpath(nc.ROOT), sys.prefix}
    for page in pages:
        html = page.read_text(encoding="utf-8")
        for folder in folders:
            assert folder not in html, (page.parent.parent.name, folder)
    assert "&lt;course&gt;/autograder/autograded/huge/01-sources" in (
        course / "autograder" / "feedback" / HUGE / LESSON / f"{LESSON}.html").read_text(encoding="utf-8")
    huge = (course / "autograder" / "feedback" / HUGE / LESSON / f"{LESSON}.html").read_text(encoding="utf-8")
    honest = (course / "autograder" / "feedback" / HONEST / LESSON / f"{LESSON}.html").read_text(encoding="utf-8")
    assert len(huge) < len(honest) + 20_000, "the answer is not echoed in full"
    # the graded question's explanation, and the read-only summaries of both answers
    assert "l1-wang: 0 / 1 points\n  The recorded answer is 1,000,002 characters long" in huge
    assert len(re.findall(r"cut short: 1,000,0\d\d characters in all", huge)) >= 2
    assert autograde_scores(course)[HUGE]["l1-wang"] == 0.0


def test_both_graders_give_the_same_explanation(graded, monkeypatch):
    from medialit.grading.class_grading import grade_class, load_course

    course, *_ = graded
    monkeypatch.setenv("MEDIALIT_QUESTIONS", str(course / "autograder" / "lesson-sources" / LESSON))
    results = grade_class(load_course(course / "autograder", LESSON), [HONEST, "record_key", "too_much"], jobs=1)
    for res in results:
        nb = nc.read_notebook(course / "autograder" / "autograded" / res.student / LESSON / f"{LESSON}.ipynb")
        for _, cell in res.cells():
            if cell.kind != "question":
                continue
            shown = "".join("".join(o["text"]) for o in nc.cell_by_id(nb, cell.grade_id)["outputs"]
                            if o["output_type"] == "stream")
            assert shown == cell.text, (res.student, cell.grade_id)
