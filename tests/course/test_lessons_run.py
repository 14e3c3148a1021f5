"""Every lesson runs top to bottom in a fresh kernel, as an instructor runs a solution.

Each solution notebook is executed with its answers file beside it (the reference answers) and
the repository as the course (``$MEDIALIT_COURSE``: a folder outside any course has no key),
every cell included: the demo cells that nbgrader skips while grading run here, as they do for
a student.  No cell may raise or write to stderr (nbgrader scores a grading cell that writes to stderr
as zero), and every grading cell must be worth its full points as nbgrader reads it: a question's
cell (``answered(id)`` only) shows nothing once the question is answered, a code exercise's
tests end with the full points.  The time taken is measured by ``scripts/bench_grading.py``,
not here.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from tests.support.nbgrader_course import LESSONS, ROOT


def run_solution(lesson: str, folder: Path) -> nbformat.NotebookNode:
    shutil.copy(ROOT / "solutions" / lesson / f"{lesson}.ipynb", folder)
    shutil.copy(ROOT / "solutions" / lesson / f"{lesson}.answers.json", folder)
    nb = nbformat.read(folder / f"{lesson}.ipynb", as_version=4)
    # skip_cells_with_tag="": run the demo cells too (nbclient skips "skip-execution" by default)
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(folder)}},
                   skip_cells_with_tag="").execute()
    return nb


@pytest.mark.parametrize("lesson", LESSONS)
def test_solution_runs_clean_and_earns_full_points(lesson, tmp_path, monkeypatch):
    from medialit.grading.cell_scores import graded_questions

    monkeypatch.setenv("MEDIALIT_COURSE", str(ROOT))  # the instructor's course, wherever the notebook runs
    nb = run_solution(lesson, tmp_path)
    questions = graded_questions(lesson)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for out in cell.outputs:
            assert out.output_type != "error", f"{cell.get('id')}: {out.get('ename')}: {out.get('evalue')}"
            assert not (out.output_type == "stream" and out.name == "stderr"), f"{cell.get('id')}: {out.text}"
        meta = cell.metadata.get("nbgrader", {})
        if "skip-execution" in cell.metadata.get("tags", []):
            assert cell.outputs, f"{meta.get('grade_id')}: a demo cell ran but showed nothing"
        if meta.get("grade"):
            results = [o for o in cell.outputs if o.output_type == "execute_result"]
            if meta["grade_id"] in questions:  # answered: no output, which nbgrader reads as full points
                assert cell.outputs == [], f"{meta['grade_id']}: {cell.outputs}"
                continue
            assert results, f"{meta['grade_id']} printed no score"
            assert float(results[-1]["data"]["text/plain"]) == pytest.approx(meta["points"]), meta["grade_id"]
    # the instructor's answers file is only read, never rewritten by running the notebook
    assert (tmp_path / f"{lesson}.answers.json").read_bytes() == (
        ROOT / "solutions" / lesson / f"{lesson}.answers.json").read_bytes()


@pytest.mark.parametrize("lesson", LESSONS)
def test_a_blank_lesson_runs_to_the_end_and_says_what_is_left(lesson, tmp_path, monkeypatch):
    """The released notebook, nothing answered and no exercise written, as a student's Run All:
    no cell raises, so every widget below an unfinished exercise renders; every line on stderr
    says what to do (and makes nbgrader score that grading cell zero), and no grading cell shows
    a number that reads as a score."""
    monkeypatch.setenv("MEDIALIT_COURSE", str(ROOT))
    shutil.copy(ROOT / "lessons" / lesson / f"{lesson}.ipynb", tmp_path)
    nb = nbformat.read(tmp_path / f"{lesson}.ipynb", as_version=4)
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}},
                   skip_cells_with_tag="").execute()
    told = ("has no answer yet: answer it in the widget above", "finish the exercise above first")
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        meta = cell.metadata.get("nbgrader", {})
        for out in cell.outputs:
            assert out.output_type != "error", f"{cell.get('id')}: {out.get('ename')}: {out.get('evalue')}"
        # the kernel may send one line in more than one stream message
        stderr = "".join(o.text for o in cell.outputs if o.output_type == "stream" and o.name == "stderr")
        assert all(any(t in line for t in told) for line in stderr.splitlines() if line.strip()), repr(stderr)
        if meta.get("grade"):
            assert stderr.strip(), f"{meta['grade_id']}: a blank lesson's grading cell passes"
            assert not [o for o in cell.outputs if o.output_type == "execute_result"], meta["grade_id"]
    assert not (tmp_path / f"{lesson}.answers.json").exists(), "running a blank lesson wrote answers"
