"""End to end with the real nbgrader: release lesson 0, grade nine kinds of submission.

Runs in a copy of the course in a temporary folder.  The students: a perfect one, a partly
right one, one who handed in the blank lesson, one with a broken answers file, one who
deleted a grading cell, one who edited a locked grading cell to award themselves full
points, one whose code exercise loops forever, one whose last cell loops ignoring the
interrupt, and one whose code ends the kernel's process before the code exercise.  The
gradebook must hold exactly the score each deserves, and autograde must finish for all;
feedback must not show hidden tests; the export must list everyone.
"""

from __future__ import annotations

import csv
import json

import pytest

from tests.support import nbgrader_course as nc

pytestmark = pytest.mark.nbgrader

LESSON = "00-orientation"
#: A short cell timeout keeps the endless-loop student quick; the course sets a longer one.
TIMEOUT = "--Execute.timeout=6"


def right(qid):
    return nc.key_answer(qid)


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    course = nc.make_course(tmp_path_factory.mktemp("course"), [LESSON], with_release=False)
    nc.nbgrader(course, "generate_assignment", LESSON)
    solution = nc.solution_code(LESSON, "l0-texts-code")
    all_right = nc.answers_document(LESSON, {q: right(q) for q in ("l0-anatomy", "l0-byline")})

    # perfect: every answer and the code right
    nc.submit(course, "perfect", LESSON, nc.student_notebook(LESSON, {"l0-texts-code": solution}), all_right)

    # partial: half the anatomy items right, the byline wrong, code that keeps only the first match
    anatomy = right("l0-anatomy")
    half = {item: (cat if i % 2 == 0 else "furniture" if cat != "furniture" else "body")
            for i, (item, cat) in enumerate(anatomy.items())}
    first_only = ("def texts_with_label(parts, label):\n"
                  "    for part in parts:\n"
                  "        if part['label'] == label:\n"
                  "            return [part['text']]\n"
                  "    return []\n")
    nc.submit(course, "partial", LESSON, nc.student_notebook(LESSON, {"l0-texts-code": first_only}),
              nc.answers_document(LESSON, {"l0-anatomy": half, "l0-byline": "b"}))

    # empty: the blank lesson, no answers file
    nc.submit(course, "empty", LESSON, nc.student_notebook(LESSON), None)

    # malformed: a broken answers file, the code right
    nc.submit(course, "malformed", LESSON, nc.student_notebook(LESSON, {"l0-texts-code": solution}),
              '{"schema_version": 1, "notebook": "00-orientation", "answers": {"l0-byline": ')

    # deleted-cell: everything right, but the byline's grading cell deleted
    nb = nc.student_notebook(LESSON, {"l0-texts-code": solution})
    nb["cells"] = [c for c in nb["cells"] if c.get("metadata", {}).get("nbgrader", {}).get("grade_id") != "l0-byline"]
    nc.submit(course, "deleted-cell", LESSON, nb, all_right)

    # edited-lock: all anatomy answers wrong, the grading cell edited to print full points
    nb = nc.student_notebook(LESSON, {"l0-texts-code": solution})
    nc.cell_by_id(nb, "l0-anatomy")["source"] = "4.0"
    wrong = {item: "furniture" if cat != "furniture" else "body" for item, cat in anatomy.items()}
    nc.submit(course, "edited-lock", LESSON, nb,
              nc.answers_document(LESSON, {"l0-anatomy": wrong, "l0-byline": right("l0-byline")}))

    # endless-loop: answers right, the code exercise never returns
    loop = "def texts_with_label(parts, label):\n    while True:\n        pass\n"
    nc.submit(course, "endless-loop", LESSON, nc.student_notebook(LESSON, {"l0-texts-code": loop}), all_right)

    # deaf-loop: all right, then a last cell that ignores the interrupt at the time limit
    nb = nc.student_notebook(LESSON, {"l0-texts-code": solution})
    nb["cells"].append({"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
                        "source": "import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True:\n    pass"})
    nc.submit(course, "deaf-loop", LESSON, nb, all_right)

    # killed: all right, but a cell before the code exercise ends the kernel's process
    nb = nc.student_notebook(LESSON, {"l0-texts-code": solution})
    at = next(i for i, c in enumerate(nb["cells"]) if c.get("metadata", {}).get("nbgrader", {}).get("grade_id")
              == "l0-texts-code")
    nb["cells"].insert(at, {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
                            "source": "import os\nos._exit(0)"})
    nc.submit(course, "killed", LESSON, nb, all_right)

    proc = nc.nbgrader(course, "autograde", LESSON, TIMEOUT, timeout=900)
    return course, proc


EXPECTED = {
    #                anatomy  byline  code  reflection (manual, not yet graded)
    "perfect":      {"l0-anatomy": 4.0, "l0-byline": 2.0, "l0-texts": 2.0, "l0-reflection": 0.0},
    "partial":      {"l0-anatomy": 2.0, "l0-byline": 0.0, "l0-texts": 1.0, "l0-reflection": 0.0},
    "empty":        {"l0-anatomy": 0.0, "l0-byline": 0.0, "l0-texts": 0.0, "l0-reflection": 0.0},
    "malformed":    {"l0-anatomy": 0.0, "l0-byline": 0.0, "l0-texts": 2.0, "l0-reflection": 0.0},
    "deleted-cell": {"l0-anatomy": 4.0, "l0-byline": 0.0, "l0-texts": 2.0, "l0-reflection": 0.0},
    "edited-lock":  {"l0-anatomy": 0.0, "l0-byline": 2.0, "l0-texts": 2.0, "l0-reflection": 0.0},
    "endless-loop": {"l0-anatomy": 4.0, "l0-byline": 2.0, "l0-texts": 0.0, "l0-reflection": 0.0},
    "deaf-loop":    {"l0-anatomy": 4.0, "l0-byline": 2.0, "l0-texts": 2.0, "l0-reflection": 0.0},
    "killed":       {"l0-anatomy": 4.0, "l0-byline": 2.0, "l0-texts": 0.0, "l0-reflection": 0.0},
}


def test_gradebook_holds_the_expected_scores(graded):
    course, proc = graded
    assert nc.gradebook_scores(course, LESSON) == EXPECTED
    assert "There was an error processing assignment" not in proc.stderr


def test_grading_explanations_are_on_stdout(graded):
    course, _ = graded
    nb = nc.read_notebook(course / "autograder" / "autograded" / "partial" / LESSON / f"{LESSON}.ipynb")
    out = "".join("".join(o.get("text", "")) for o in nc.cell_by_id(nb, "l0-anatomy")["outputs"]
                  if o["output_type"] == "stream")
    assert "l0-anatomy: 2 / 4 points" in out and "5 of 10 items classified right" in out
    code_out = "".join("".join(o.get("text", "")) for o in nc.cell_by_id(nb, "l0-texts")["outputs"]
                       if o["output_type"] == "stream")
    assert "2 of 4 checks passed" in code_out


def test_malformed_answers_file_is_kept_and_explained(graded):
    course, _ = graded
    folder = course / "autograder" / "autograded" / "malformed" / LESSON
    submitted = course / "autograder" / "submitted" / "malformed" / LESSON / f"{LESSON}.answers.json"
    assert (folder / f"{LESSON}.answers.json").read_text(encoding="utf-8") == submitted.read_text(encoding="utf-8")
    nb = nc.read_notebook(folder / f"{LESSON}.ipynb")
    out = "".join("".join(o.get("text", "")) for o in nc.cell_by_id(nb, "l0-byline")["outputs"]
                  if o["output_type"] == "stream")
    assert "l0-byline: 0 / 2 points" in out


def test_feedback_does_not_reveal_hidden_tests(graded):
    course, _ = graded
    nc.nbgrader(course, "generate_feedback", LESSON)
    pages = sorted((course / "autograder" / "feedback").rglob("*.html"))
    assert len(pages) == len(EXPECTED)
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "Ferry service to Lund Island" not in html  # a hidden test case of the code exercise
        assert "HIDDEN TESTS" not in html and "medialit.grading" not in html
        assert "your function must run" in html  # the visible part stays
    perfect = (course / "autograder" / "feedback" / "perfect" / LESSON / f"{LESSON}.html").read_text(encoding="utf-8")
    assert "l0-anatomy: 4 / 4 points" in perfect


def test_export_lists_every_student(graded, tmp_path):
    course, _ = graded
    target = tmp_path / "grades.csv"
    nc.nbgrader(course, "export", "--to", str(target))
    rows = {r["student_id"]: r for r in csv.DictReader(target.open(encoding="utf-8")) if r["assignment"] == LESSON}
    assert set(rows) == set(EXPECTED)
    for student, cells in EXPECTED.items():
        assert float(rows[student]["raw_score"]) == pytest.approx(sum(cells.values())), student
        assert float(rows[student]["max_score"]) == 11.0


def test_answers_files_survive_grading(graded):
    """The source's answers file never replaces a student's, and none is invented for the empty one."""
    course, _ = graded
    autograded = course / "autograder" / "autograded"
    perfect = json.loads((autograded / "perfect" / LESSON / f"{LESSON}.answers.json").read_text(encoding="utf-8"))
    assert perfect["answers"]["l0-byline"]["updated"] == "2026-11-28T10:00:00+00:00"
    assert not (autograded / "empty" / LESSON / f"{LESSON}.answers.json").exists()
