"""`medialit report` and Krippendorff's alpha.

Alpha is checked against the worked examples of Krippendorff (2011), "Computing
Krippendorff's Alpha-Reliability".  The report is checked on a small class whose answers
are written by hand, so every hit rate, wrong mark and score is known in advance, and on
a synthetic class through the command line and the instructor notebook.
"""

from __future__ import annotations

import html
import json
import os
import stat
import subprocess
import sys

import pytest

from medialit.report.agreement import alpha, coincidences, pairwise_with
from tests.support.instructor_course import LESSON, build_course, fail_autograde, synthetic_class
from tests.support.nbgrader_course import ROOT, read_notebook
from tests.support.paths import ARTIFACTS, REPO
from tests.support.synthetic_class import Submission, answers_document, key_answer

N = None
#: Krippendorff (2011), section C: 4 observers, 12 units, values 1-5, missing data.
K2011_C = [[1, 2, 3, 3, 2, 1, 4, 1, 2, N, N, N],
           [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, N, 3],
           [N, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, N],
           [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, N]]
#: Krippendorff (2011), section A: binary data, two observers, ten units.
K2011_A = [[0, 1, 0, 0, 0, 0, 0, 0, 1, 0],
           [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]]


def test_alpha_reproduces_the_published_worked_examples():
    assert round(alpha(K2011_C, "nominal"), 3) == 0.743
    assert round(alpha(K2011_C, "interval"), 3) == 0.849
    assert round(alpha(K2011_A, "nominal"), 3) == 0.095


def test_alpha_edge_cases():
    assert alpha([[1, 2, 3], [1, 2, 3]]) == 1.0
    assert alpha([[1, 1, 1], [1, 1, 1]]) is None  # no variation: undefined
    assert alpha([[1, N], [N, 2]]) is None  # nothing pairable
    # a unit coded by one coder only adds nothing
    assert alpha([[1, 2, 3, 7], [1, 2, 3, N]]) == alpha([[1, 2, 3], [1, 2, 3]])
    # the coincidence matrix of section C has 40 pairable values (unit 12 has one value)
    assert round(sum(coincidences(K2011_C).values()), 6) == 40
    assert pairwise_with([1, 2, 3, 4], [[1, 2, 3, 4], [4, 3, 2, 1]]) == [1.0, pytest.approx(alpha([[1, 2, 3, 4],
                                                                                                  [4, 3, 2, 1]]))]
    # systematic disagreement is below zero
    assert alpha([[1, 2, 1, 2], [2, 1, 2, 1]]) < 0


# -- a hand-written class -------------------------------------------------------------------
@pytest.fixture(scope="module")
def small_course(tmp_path_factory):
    """Four students of lesson 3 with known answers to the spans question l3-liu, and a fifth
    (eve) whose notebook crashed nbgrader autograde."""
    from medialit.questions import find_question, questions_for_notebook

    release = read_notebook(ROOT / "lessons" / LESSON / f"{LESSON}.ipynb")
    qs = [q for q in questions_for_notebook(LESSON) if q.mode == "graded"]
    liu = find_question("l3-liu")
    refs = liu.key_spans()
    text = liu.article.text
    assert len(refs) >= 3
    wrong = text.index("certain conflict point")
    wrong_span = {"start": wrong, "end": wrong + len("certain conflict point"), "label": liu.label_ids[0]}
    key = {q.id: key_answer(q) for q in qs if q.type != "text"}
    spans_b = [{"start": refs[0][0].start, "end": refs[0][0].end, "label": refs[0][1]}, wrong_span]
    people = {
        "ana": dict(key),                                  # everything right
        "ben": {**key, "l3-liu": spans_b},                 # one reference passage + one wrong mark
        "cai": {**key, "l3-liu": [wrong_span]},            # only the wrong mark
        "dee": {k: v for k, v in key.items() if k != "l3-liu"},  # l3-liu unanswered
    }
    subs = [Submission(s, release, answers_document(LESSON, qs, a), f"{LESSON}.answers.json",
                       "2026-11-28 12:00:00 UTC", set()) for s, a in people.items()]
    course = build_course(tmp_path_factory.mktemp("small") / "c", LESSON, subs)
    out = subprocess.run([sys.executable, "-m", "medialit.cli", "grade", str(course / "autograder"), LESSON],
                         capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr
    fail_autograde(course, "eve")
    return course, refs


def test_span_analysis_counts_hits_and_wrong_marks(small_course):
    from medialit.report.class_report import gather, span_analysis

    course, refs = small_course
    data = gather(course / "autograder", LESSON)
    assert data.students == ["ana", "ben", "cai", "dee"]
    sa = span_analysis(data, "l3-liu")
    assert sa["answered"] == 3  # dee did not answer
    by_start = {r["start"]: r for r in sa["reference"]}
    assert by_start[refs[0][0].start]["hit_rate"] == pytest.approx(2 / 3, abs=1e-3)  # ana and ben
    for span, _, _ in refs[1:]:
        assert by_start[span.start]["hit_rate"] == pytest.approx(1 / 3, abs=1e-3)  # ana only
    assert sa["most_missed"][0]["hit_rate"] == pytest.approx(1 / 3, abs=1e-3)
    top = sa["most_wrongly_marked"][0]
    assert top["text"] == "certain conflict point" and top["students"] == 2
    assert top["share"] == pytest.approx(2 / 3, abs=1e-3)
    lo = sa["region"][0]
    assert sa["coverage"][refs[0][0].start - lo] == 2
    assert sa["coverage"][top["start"] - lo] == 2


def test_question_table_matches_the_gradebook(small_course):
    from medialit.report.class_report import gather, question_table, totals

    course, _ = small_course
    data = gather(course / "autograder", LESSON)
    rows = {r["grade_id"]: r for r in question_table(data)}
    liu = rows["l3-liu"]
    scores = [data.scores[s]["l3-liu"] for s in data.students]
    assert liu["mean"] == pytest.approx(sum(scores) / 4, abs=1e-3)
    assert liu["difficulty"] == pytest.approx(sum(scores) / 4 / liu["max_points"], abs=1e-3)
    assert liu["full"] == 0.25 and liu["zero"] == 0.5  # ana full; cai and dee zero
    assert rows["l3-holders"]["difficulty"] == 1.0 and rows["l3-holders"]["discrimination"] is None  # no variation
    assert totals(data)["ana"] > totals(data)["ben"] > totals(data)["cai"]


def test_a_student_whose_autograde_failed_is_not_counted_as_graded(small_course, tmp_path):
    from medialit.report.class_report import build_report, gather, question_table, totals

    course, _ = small_course
    data = gather(course / "autograder", LESSON)
    assert data.students == ["ana", "ben", "cai", "dee"]
    assert "eve" not in totals(data)
    assert "autograde" in data.not_graded["eve"]
    assert {r["grade_id"]: r["graded"] for r in question_table(data)}["l3-liu"] == 4
    build_report(course / "autograder", LESSON, tmp_path / "rep")
    report = json.loads((tmp_path / "rep" / "report.json").read_text(encoding="utf-8"))
    assert report["students"] == 4 and "eve" not in report["totals"]
    assert [s["student"] for s in report["not_graded"]] == ["eve"]


def test_report_files_follow_the_umask(small_course, tmp_path):
    from medialit.report.class_report import build_report

    course, _ = small_course
    for umask, expected in ((0o022, 0o644), (0o027, 0o640)):
        old = os.umask(umask)
        try:
            build_report(course / "autograder", LESSON, tmp_path / oct(umask))
        finally:
            os.umask(old)
        for f in sorted((tmp_path / oct(umask)).iterdir()):
            mode = stat.S_IMODE(f.stat().st_mode)
            assert mode == expected, f"{f.name}: {mode:o} under umask {umask:o}"


def test_report_opens_with_what_to_act_on(small_course, tmp_path):
    from medialit.questions import find_question
    from medialit.report.class_report import AUTOGRADE_FAILED, build_report

    course, refs = small_course
    liu = find_question("l3-liu")
    page = build_report(course / "autograder", LESSON, tmp_path / "rep").read_text(encoding="utf-8")
    report = json.loads((tmp_path / "rep" / "report.json").read_text(encoding="utf-8"))
    # every other question was answered with the key by everyone: only l3-liu is left to reteach
    (row,) = report["reteach"]
    assert row["grade_id"] == "l3-liu" and row["answered"] == 3
    # ben and cai both missed the second passage (and three more ties of two, listed after it in bank order)
    assert row["wrong_answer"].startswith("missed") and f"“{refs[1][0].text}”" in row["wrong_answer"]
    assert row["wrong_students"] == 2 and row["feedback"] == (refs[1][2] or liu.explanation)
    assert [r["student"] for r in report["needs_help"]["students"]] == ["eve"]
    assert report["needs_help"]["students"][0]["reasons"] == [AUTOGRADE_FAILED]
    assert report["skills"] == [{"skill": "hedges", "questions": 5, LESSON: report["skills"][0][LESSON],
                                 "all": report["skills"][0][LESSON]}]
    positions = [page.index(f'id="{anchor}"') for anchor in ("reteach", "help", "skills", "cells", "question-l3-liu",
                                                             "agreement")]
    assert positions == sorted(positions), "the sections a teacher acts on come first"
    assert html.escape(row["feedback"]) in page and html.escape(AUTOGRADE_FAILED) in page
    assert html.escape(report["needs_help"]["rule"]) in page
    # the passage everyone who answered found is in the reference table, not among the missed
    assert all(r["hit_rate"] < 1 for r in report["spans"]["l3-liu"]["most_missed"])


@pytest.mark.browser
def test_report_page_passes_axe_in_chromium(small_course, tmp_path):
    from medialit.report.class_report import build_report
    from tests.support.axe import assert_accessible
    from tests.support.browser import chromium_page

    course, _ = small_course
    page_path = build_report(course / "autograder", LESSON, tmp_path / "rep")
    with chromium_page() as page:
        page.goto(page_path.as_uri())
        page.wait_for_load_state("load")
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "report-small-class.png"), full_page=True)
        images = page.eval_on_selector_all("img", "els => els.map(e => [e.getAttribute('src'), e.naturalWidth])")
        assert images and all(width > 0 for _, width in images), images  # every plot loads
        assert_accessible(page)


def test_agreement_on_the_small_class(small_course):
    from medialit.report.class_report import agreement, gather

    course, _ = small_course
    agree = agreement(gather(course / "autograder", LESSON))
    liu = agree["l3-liu"]
    assert liu["coders"] == 3 and liu["units"] > 20
    assert liu["alpha_with_reference_median"] is not None
    # ana agrees with the reference perfectly, so the best student-vs-reference alpha is 1
    assert liu["alpha_with_reference_mean"] < 1.0
    # everyone gave the key to the classify question: perfect agreement, with each other and the reference
    holders = agree["l3-holders"]
    assert holders["alpha_among_students"] == 1.0 and holders["alpha_with_reference_mean"] == 1.0
    assert holders["coders"] == 4


def test_report_command_writes_html_json_and_plots(tmp_path):
    course = build_course(tmp_path / "c", LESSON, synthetic_class(n=40, seed=5))
    autograder = course / "autograder"
    out = subprocess.run([sys.executable, "-m", "medialit.cli", "report", str(autograder), LESSON],
                         capture_output=True, text=True, timeout=600)
    assert out.returncode == 2 and "medialit grade" in out.stderr and "Traceback" not in out.stderr
    subprocess.run([sys.executable, "-m", "medialit.cli", "grade", str(autograder), LESSON], check=True,
                   capture_output=True, timeout=600)
    out = subprocess.run([sys.executable, "-m", "medialit.cli", "report", str(autograder), LESSON, "--out",
                          str(tmp_path / "rep")], capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr
    rep = tmp_path / "rep"
    report = json.loads((rep / "report.json").read_text(encoding="utf-8"))
    assert report["students"] >= 35
    for png in ("difficulty.png", "totals.png", "heatmap-l3-liu.png", "agreement.png"):
        assert png in report["images"]
        assert (rep / png).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    page = (rep / "index.html").read_text(encoding="utf-8")
    assert "Krippendorff" in page and 'class="heat"' in page and "l3-liu" in page
    assert set(report["agreement"]) >= {"l3-liu", "l3-holders", "l3-claims", "choices"}

    # the instructor notebook runs on the same course
    nbformat = pytest.importorskip("nbformat")
    from nbclient import NotebookClient

    nb = nbformat.read(REPO / "docs" / "class-report.ipynb", as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code" and cell.source.startswith("COURSE_DIR ="):
            assert all(o == [] for o in [cell.outputs]) and cell.execution_count is None
            cell.source = f'COURSE_DIR = "{autograder}"\nASSIGNMENT = "{LESSON}"'
    NotebookClient(nb, timeout=300, kernel_name="python3").execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.get("output_type") == "error"]
    assert not errors, errors
    assert (autograder / "reports" / LESSON / "index.html").exists()


def test_report_notebook_is_committed_without_outputs():
    nb = json.loads((REPO / "docs" / "class-report.ipynb").read_text(encoding="utf-8"))
    assert all(c["outputs"] == [] and c["execution_count"] is None for c in nb["cells"] if c["cell_type"] == "code")
