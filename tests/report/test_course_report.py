"""``medialit report`` over several lessons: each lesson's report and the overview across them.

A small class takes lessons 3 and 4 (graded by ``medialit grade``); the skill figures of the
overview are checked against the gradebook's scores summed here by the questions' ``skill``.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys

import pytest

from tests.support.nbgrader_course import ROOT, gradebook_scores, make_course, nbgrader, read_notebook
from tests.support.paths import ARTIFACTS
from tests.support.synthetic_class import Submission, answers_document, key_answer, write_submission

LESSONS = ["03-hedges", "04-capstone"]


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "medialit.cli", *args], capture_output=True, text=True, timeout=600)


def submissions(lesson: str, students: dict[str, float], seed: int) -> list[Submission]:
    """Each student answers every graded question right with probability ``quality``."""
    from medialit.questions import questions_for_notebook

    release = read_notebook(ROOT / "lessons" / lesson / f"{lesson}.ipynb")
    qs = [q for q in questions_for_notebook(lesson) if q.mode == "graded" and q.kind.auto_scored]
    rng = random.Random(seed)
    out = []
    for student, quality in students.items():
        answers = {q.id: key_answer(q) if quality == 1 else q.kind.synthetic_answer(rng, quality) for q in qs}
        out.append(Submission(student, release, answers_document(lesson, qs, answers), f"{lesson}.answers.json",
                              "2026-11-28 12:00:00 UTC", set()))
    return out


@pytest.fixture(scope="module")
def two_lessons(tmp_path_factory):
    course = make_course(tmp_path_factory.mktemp("course") / "c", LESSONS)
    classes = {LESSONS[0]: {"ana": 1.0, "ben": 0.6, "cai": 0.1}, LESSONS[1]: {"ana": 1.0, "ben": 0.6, "cai": 0.1,
                                                                          "dee": 0.8}}
    for seed, (lesson, students) in enumerate(classes.items()):
        nbgrader(course, "generate_assignment", lesson, "--force")
        for sub in submissions(lesson, students, seed):
            write_submission(course / "autograder" / "submitted", lesson, sub)
    for lesson in LESSONS:
        out = cli("grade", str(course / "autograder"), lesson)
        assert out.returncode == 0, out.stderr
    return course


def skill_shares_from_the_gradebook(course, lesson):
    """Skill -> share of the points earned by the class, summed here from the gradebook."""
    from medialit.questions import find_question

    release = read_notebook(ROOT / "lessons" / lesson / f"{lesson}.ipynb")
    points = {c["metadata"]["nbgrader"]["grade_id"]: c["metadata"]["nbgrader"]["points"] for c in release["cells"]
              if c.get("metadata", {}).get("nbgrader", {}).get("grade")}
    earned: dict[str, list[float]] = {}
    for row in gradebook_scores(course, lesson).values():
        for gid, score in row.items():
            try:
                skill = find_question(gid).skill
            except LookupError:
                continue
            pair = earned.setdefault(skill, [0.0, 0.0])
            pair[0] += score
            pair[1] += points[gid]
    return {skill: round(e / p, 3) for skill, (e, p) in earned.items()}


def test_report_over_all_lessons_writes_each_lesson_and_an_overview(two_lessons, tmp_path):
    course = two_lessons
    out = cli("report", str(course / "autograder"), "--all", "--out", str(tmp_path / "rep"))
    assert out.returncode == 0, out.stderr
    rep = tmp_path / "rep"
    for lesson in LESSONS:
        assert (rep / lesson / "index.html").is_file() and (rep / lesson / "report.json").is_file()
        assert f"wrote {rep / lesson / 'index.html'}" in out.stdout
    overview = json.loads((rep / "report.json").read_text(encoding="utf-8"))
    assert overview["assignments"] == LESSONS
    skills = {r["skill"]: r for r in overview["skills"]}
    assert set(skills) == {"sources", "framing", "hedges"}
    for lesson in LESSONS:
        for skill, share in skill_shares_from_the_gradebook(course, lesson).items():
            assert skills[skill][lesson] == pytest.approx(share, abs=2e-3), (lesson, skill)
    assert skills["sources"]["03-hedges"] is None  # lesson 3 has no sources question
    # the three questions to reteach over both lessons, lowest share first, each with the bank's feedback
    reteach = overview["reteach"]
    assert len(reteach) == 3 and [r["difficulty"] for r in reteach] == sorted(r["difficulty"] for r in reteach)
    assert all(r["assignment"] in LESSONS for r in reteach)
    # dee took only the capstone: listed for the lesson she has no submission of
    help_rows = {r["student"]: r for r in overview["needs_help"]["students"]}
    assert "03-hedges: no submission" in help_rows["dee"]["reasons"]
    assert "ana" not in help_rows and "cai" in help_rows
    assert help_rows["cai"]["weakest_skill"]["skill"] in skills
    assert "skills.png" in overview["images"] and (rep / "skills.png").read_bytes()[:4] == b"\x89PNG"
    page = (rep / "index.html").read_text(encoding="utf-8")
    for text in ("Questions to reteach", "Students who need help", "03-hedges/index.html", "04-capstone/index.html",
                 overview["needs_help"]["rule"]):
        assert text in page
    # the capstone practises three skills: its own report has the skills plot
    lesson = json.loads((rep / "04-capstone" / "report.json").read_text(encoding="utf-8"))
    assert "skills.png" in lesson["images"]


def test_naming_the_lessons_gives_the_same_overview(two_lessons, tmp_path):
    out = cli("report", str(two_lessons / "autograder"), *LESSONS, "--out", str(tmp_path / "rep"),
              "--help-below", "90%")
    assert out.returncode == 0, out.stderr
    overview = json.loads((tmp_path / "rep" / "report.json").read_text(encoding="utf-8"))
    assert overview["assignments"] == LESSONS and "90%" in overview["needs_help"]["rule"]


def test_report_says_what_to_give(two_lessons):
    out = cli("report", str(two_lessons / "autograder"))
    assert out.returncode == 2 and "--all" in out.stderr and "Traceback" not in out.stderr
    out = cli("report", str(two_lessons / "autograder"), "03-hedges", "--all")
    assert out.returncode == 2 and "not both" in out.stderr
    out = cli("report", str(two_lessons / "autograder"), "03-hedges", "--help-below", "1.5")
    assert out.returncode == 2 and "between 0 and 1" in out.stderr


@pytest.mark.browser
def test_overview_and_lesson_pages_pass_axe_in_chromium(two_lessons, tmp_path):
    from medialit.report.course_report import build_course_report
    from tests.support.axe import assert_accessible
    from tests.support.browser import chromium_page

    index = build_course_report(two_lessons / "autograder", LESSONS, tmp_path / "rep")
    with chromium_page() as page:
        for path, shot in ((index, "report-course-overview.png"),
                           (tmp_path / "rep" / "04-capstone" / "index.html", "report-capstone.png")):
            page.goto(path.as_uri())
            page.wait_for_load_state("load")
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / shot), full_page=True)
            broken = page.eval_on_selector_all("img", "els => els.filter(e => !e.naturalWidth).map(e => e.src)")
            assert not broken, broken
            assert_accessible(page)
