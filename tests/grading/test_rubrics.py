"""Each written answer's rubric: read from the solution notebook, shown in the graded copy,
removed again by the feedback's ``ClearHiddenTests`` (the end-to-end run with the real
nbgrader is in ``tests/course/test_instructor_guide.py``)."""

from __future__ import annotations

import nbformat
from nbgrader.preprocessors import ClearHiddenTests

from medialit.course.lessons import lesson_ids
from medialit.grading import rubrics
from tests.support.paths import REPO


def _written_answer(source: str) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_markdown_cell(source)
    cell.metadata["nbgrader"] = {"grade": True, "solution": True, "locked": False, "grade_id": "x-reflection",
                                 "points": 3, "schema_version": 3}
    return cell


def test_every_written_answer_of_every_lesson_has_a_rubric_with_anchors():
    found = {}
    for lesson in lesson_ids(REPO):
        found.update(rubrics.source_rubrics(REPO / "solutions" / lesson / f"{lesson}.ipynb"))
    assert sorted(found) == ["l0-reflection", "l1-reflection", "l2-reflection", "l2-rewrite", "l3-reflection",
                             "l4-assessment"]
    for grade_id, text in found.items():
        assert text.startswith("**Rubric") and text.count("*Anchor:*") >= 2, grade_id


def test_feedback_removes_exactly_the_rubric_from_the_answer():
    answer = "The story quotes only one side.\n\nIt names no one from the other."
    cell = _written_answer(rubrics.with_rubric(answer, "**Rubric (3 points).**\n* **3**: precise."))
    assert "Rubric (3 points)" in cell.source and cell.source.startswith(answer)
    cleaned, _ = ClearHiddenTests().preprocess_cell(cell, {}, 0)
    assert cleaned.source.rstrip() == answer


def test_rubric_text_drops_solution_markers_and_missing_notebooks_give_none(tmp_path):
    assert rubrics.rubric_text("### BEGIN SOLUTION\n**Rubric.** levels\n### END SOLUTION\n") == "**Rubric.** levels"
    assert rubrics.source_rubrics(tmp_path / "absent.ipynb") == {}
    (tmp_path / "broken.ipynb").write_text("{not json", encoding="utf-8")
    assert rubrics.source_rubrics(tmp_path / "broken.ipynb") == {}


def test_only_graded_markdown_solutions_are_written_answers():
    assert rubrics.is_written_answer(_written_answer("YOUR ANSWER HERE"))
    code = nbformat.v4.new_code_cell("x = 1")
    code.metadata["nbgrader"] = {"grade": True, "solution": True, "grade_id": "c", "points": 1}
    assert not rubrics.is_written_answer(code)
    plain = nbformat.v4.new_markdown_cell("text")
    assert not rubrics.is_written_answer(plain)
