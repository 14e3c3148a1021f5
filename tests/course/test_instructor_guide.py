"""The instructor guide (``autograder/README.md``), followed step by step on a fresh clone.

The guide's ``bash`` blocks are its walk-through; its ``sh`` blocks (an example for another
course, ``jupyter lab``, what to run after changing a lesson) are not.  The fast tests check
the walk-through's order and its agreement with ``docs/instructor-tools.md``.  The end-to-end
test (marker ``nbgrader``) clones this repository's committed state into a temporary folder,
puts three synthetic students' work where the guide says it arrives (``~/Downloads/<student>/``
of a temporary home), and runs every ``bash`` block as written, in order, in one ``bash -e``
shell started in the clone's root, with this interpreter's ``bin/`` on PATH.  One line is not
run as written: ``make setup`` (it would install into this interpreter's environment); the
clone's ``.venv`` is made a link to this interpreter's environment instead, so the guide's
``.venv/bin`` is the one the tests run with.

It then checks what an instructor relies on: the scores in the gradebook, the rubric in the
graded copy of the written answer (what the formgrader shows) but in neither the released
notebook nor the feedback, the exported grades, the report, and a ``git status`` with nothing
new (every file the steps write is ignored or outside the clone).

Limits: the clone holds the last commit, not uncommitted changes of the working tree.
"""

from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support import nbgrader_course as nc
from tests.support.paths import REPO

GUIDE = REPO / "autograder" / "README.md"
TOOLS = REPO / "docs" / "instructor-tools.md"
LESSON = "01-sources"
STUDENTS = ("ada", "bram", "chen")
EXERCISE = "l1-speakers-code"
WRITTEN = "l1-reflection"
#: Text of the rubric of ``l1-reflection`` (in its lesson source) that no student may see.
RUBRIC_MARKS = ("Rubric (3 points)", "*Anchor:*", "all directly quoted people are Chinese")
ADA_ANSWER = ("Every voice quoted in its own words is Chinese; the US side comes only through "
              "the joint statement and the reporter's paraphrase.")

_BLOCK = re.compile(r"^```(\w*)\n(.*?)^```", re.S | re.M)


def blocks(text: str, lang: str = "bash") -> list[str]:
    """The fenced code blocks of ``text`` whose info string is ``lang``."""
    return [body for info, body in _BLOCK.findall(text) if info == lang]


def command_lines(script: str) -> list[str]:
    """The commands of a shell script: its lines without comments and blank lines."""
    out = []
    for line in script.splitlines():
        line = re.sub(r"\s+#\s.*$", "", line).strip()
        if line and not line.startswith("#"):
            out.append(line)
    return out


def walkthrough() -> list[str]:
    return command_lines("\n".join(blocks(GUIDE.read_text(encoding="utf-8"))))


def _first(lines: list[str], prefix: str) -> int:
    for i, line in enumerate(lines):
        if line.startswith(prefix):
            return i
    raise AssertionError(f"the guide's walk-through has no command starting with {prefix!r}:\n" + "\n".join(lines))


def test_walkthrough_registers_the_lessons_before_the_first_autograde():
    lines = walkthrough()
    assert lines[0] == "make setup"
    order = [_first(lines, p) for p in ("cd autograder", "nbgrader db student import", "nbgrader generate_assignment",
                                        "cp ~/Downloads/", "nbgrader autograde", "medialit grade",
                                        "nbgrader generate_feedback", "nbgrader export", "medialit report")]
    assert order == sorted(order), order
    # no walk-through command may need a person or a running server
    assert not [line for line in lines if line.startswith(("jupyter lab", "make lab", "medialit hub"))]


def test_walkthrough_commands_of_medialit_are_those_of_the_instructor_tools():
    """``medialit grade`` and ``medialit report`` appear in both documents: the same command
    (lesson and options) must be in both, so that the two never say different things."""
    tools = command_lines("\n".join(blocks(TOOLS.read_text(encoding="utf-8"))))
    for line in walkthrough():
        if line.startswith(("medialit grade", "medialit report")):
            assert line in tools, f"{line!r} is in autograder/README.md but not in docs/instructor-tools.md"


def test_exports_and_grading_files_are_ignored_by_git():
    files = ["autograder/grades.csv", "autograder/gradebook.db", "autograder/submitted/ada/x",
             "autograder/autograded/ada/x", "autograder/feedback/ada/x", "autograder/reports/x/index.html",
             "autograder/.nbgrader.log", ".venv"]
    proc = subprocess.run(["git", "check-ignore", "--no-index", *files], cwd=REPO, capture_output=True, text=True)
    assert sorted(proc.stdout.split()) == sorted(files)
    kept = subprocess.run(["git", "check-ignore", "--no-index", "autograder/students.csv"], cwd=REPO,
                          capture_output=True, text=True)
    assert kept.returncode == 1, "the class list autograder/students.csv must not be ignored"


def _answers(level: str) -> dict:
    from medialit.grading.cell_scores import graded_questions

    qids = sorted(graded_questions(LESSON))
    if level == "all":
        return nc.answers_document(LESSON, {q: nc.key_answer(q) for q in qids})
    if level == "half":
        return nc.answers_document(LESSON, {q: nc.key_answer(q) for q in qids[::2]})
    return nc.answers_document(LESSON, {})


def _downloads(home: Path) -> None:
    """Each student's two files as downloaded: ada right throughout (written answer too), bram
    half the questions and no code, chen nothing answered."""
    solved = nc.student_notebook(LESSON, {EXERCISE: nc.solution_code(LESSON, EXERCISE)})
    nc.cell_by_id(solved, WRITTEN)["source"] = ADA_ANSWER
    work = {"ada": (solved, _answers("all")), "bram": (nc.student_notebook(LESSON), _answers("half")),
            "chen": (nc.student_notebook(LESSON), _answers("none"))}
    for student, (nb, answers) in work.items():
        folder = home / "Downloads" / student
        folder.mkdir(parents=True)
        (folder / f"{LESSON}.ipynb").write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        (folder / f"{LESSON}.answers.json").write_text(json.dumps(answers, indent=1), encoding="utf-8")


@pytest.fixture(scope="module")
def walked(tmp_path_factory):
    base = tmp_path_factory.mktemp("guide")
    clone, home = base / "clone", base / "home"
    subprocess.run(["git", "clone", "--quiet", str(REPO), str(clone)], check=True)
    (clone / ".venv").symlink_to(Path(sys.prefix), target_is_directory=True)
    _downloads(home)
    lines = blocks(GUIDE.read_text(encoding="utf-8"))
    first = lines[0].splitlines()
    assert first[0].startswith("make setup"), first[0]
    script = "\n".join(["set -ex", *first[1:], *lines[1:]])
    env = {k: v for k, v in os.environ.items() if k not in ("MEDIALIT_COURSE", "NBGRADER_EXECUTION", "VIRTUAL_ENV")}
    env.update(HOME=str(home), PATH=f"{nc.BIN}{os.pathsep}{env.get('PATH', '')}")
    start = time.perf_counter()
    proc = subprocess.run(["bash", "-c", script], cwd=clone, env=env, capture_output=True, text=True, timeout=1800)
    seconds = time.perf_counter() - start
    print(f"\nthe guide's walk-through ran in {seconds:.0f} s")
    assert proc.returncode == 0, f"the guide's commands failed ({proc.returncode}):\n{proc.stderr[-6000:]}"
    return clone, home, proc


@pytest.mark.nbgrader
def test_gradebook_holds_each_students_scores(walked):
    clone, _, _ = walked
    scores = nc.gradebook_scores(clone, LESSON)
    assert sorted(scores) == list(STUDENTS)
    auto = {s: sum(v for k, v in cells.items() if k != WRITTEN) for s, cells in scores.items()}
    assert auto["ada"] == 20  # every automatic point of the lesson: questions and code exercise
    assert 0 < auto["bram"] < 20
    assert auto["chen"] == 0 and scores["chen"][WRITTEN] == 0  # a blank written answer scores 0, as nbgrader says


@pytest.mark.nbgrader
def test_formgrader_copy_shows_the_rubric_in_the_written_answer(walked):
    clone, _, _ = walked
    for student in STUDENTS:
        graded = nc.read_notebook(clone / "autograder" / "autograded" / student / LESSON / f"{LESSON}.ipynb")
        text = "".join(nc.cell_by_id(graded, WRITTEN)["source"])
        assert all(mark in text for mark in RUBRIC_MARKS), text
    ada = "".join(nc.cell_by_id(nc.read_notebook(clone / "autograder" / "autograded" / "ada" / LESSON /
                                                 f"{LESSON}.ipynb"), WRITTEN)["source"])
    assert ada.startswith(ADA_ANSWER)


@pytest.mark.nbgrader
def test_neither_release_nor_feedback_shows_the_rubric(walked):
    clone, _, _ = walked
    released = (clone / "lessons" / LESSON / f"{LESSON}.ipynb").read_text(encoding="utf-8")
    assert not [m for m in RUBRIC_MARKS if m in released]
    for student in STUDENTS:
        page = (clone / "autograder" / "feedback" / student / LESSON / f"{LESSON}.html").read_text(encoding="utf-8")
        assert not [m for m in (*RUBRIC_MARKS, "HIDDEN TESTS", "For the grader") if m in page], student
    assert "the joint statement and the reporter" in (
        clone / "autograder" / "feedback" / "ada" / LESSON / f"{LESSON}.html").read_text(encoding="utf-8")


@pytest.mark.nbgrader
def test_export_score_table_and_report_are_written(walked):
    clone, home, _ = walked
    with open(clone / "autograder" / "grades.csv", newline="", encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["assignment"] == LESSON]
    assert sorted(r["student_id"] for r in rows) == list(STUDENTS)
    assert float(next(r for r in rows if r["student_id"] == "ada")["raw_score"]) == 20
    assert (home / f"{LESSON}-scores.csv").stat().st_size > 0
    report = clone / "autograder" / "reports" / LESSON
    assert (report / "index.html").stat().st_size > 0 and (report / "report.json").is_file()


@pytest.mark.nbgrader
def test_the_walkthrough_leaves_nothing_for_git(walked):
    clone, _, _ = walked
    status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=clone,
                            capture_output=True, text=True, check=True).stdout
    assert status == "", f"files the guide's steps wrote that git would show:\n{status}"
