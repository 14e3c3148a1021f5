"""The rubric of each written answer, shown to the grader in nbgrader's formgrader.

A written answer is a markdown cell that is an nbgrader solution and grade cell ("manually
graded answer").  In the source notebook (``solutions/<lesson>/<lesson>.ipynb``) its content
is the rubric: three levels with an anchor answer each.  nbgrader's ``ClearSolutions``
replaces that content with ``YOUR ANSWER HERE`` in the release, so no student sees it.  The
formgrader shows the *autograded* copy of a submission, where the cell holds the student's
answer, so nbgrader alone never shows the rubric to whoever marks the cell.

:class:`ShowRubrics` (an autograde step, after ``SaveAutoGrades``) appends the source cell's
rubric to the same cell of the autograded copy, between lines that carry nbgrader's hidden
tests delimiters (inside HTML comments, so they do not show).  nbgrader's
``ClearHiddenTests``, which this course runs in ``generate_feedback``, removes that region
again: the student's feedback has the answer and the grader's comments, not the rubric.

Because it runs after ``SaveAutoGrades``, the rubric changes no score and no "needs manual
grade" flag: a blank answer is still recorded as nbgrader records it (0 points, "No
response.").

Limits: the rubric is read from the source notebook when autograde runs, so a rubric edited
after ``generate_assignment`` shows the edited text.  A written answer the student deleted
gets no rubric (nbgrader does not put the cell back).  A student answer that itself holds a
line with ``BEGIN HIDDEN TESTS`` or ``END HIDDEN TESTS`` is cut by ``ClearHiddenTests`` in
the feedback, as any grade cell's would be.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from nbgrader import utils
from nbgrader.preprocessors import NbGraderPreprocessor

#: The lines around the rubric in the autograded copy; each holds the delimiter nbgrader's
#: ``ClearHiddenTests`` looks for (its default ``begin_test_delimeter`` / ``end_test_delimeter``).
BEGIN = "<!-- BEGIN HIDDEN TESTS: the rubric, for the grader; generate_feedback removes it -->"
END = "<!-- END HIDDEN TESTS -->"
#: The visible heading above the rubric in the formgrader.
HEADING = "---\n\n*For the grader (not in the student's feedback):*"
_SOLUTION_MARKERS = ("### BEGIN SOLUTION", "### END SOLUTION")


def is_written_answer(cell: Any) -> bool:
    """True for a manually graded answer of text: a markdown solution cell that is graded."""
    return cell.get("cell_type") == "markdown" and utils.is_solution(cell) and utils.is_grade(cell)


def rubric_text(source: str) -> str:
    """The rubric in a written answer's source cell: its text without nbgrader's solution markers."""
    lines = [line for line in source.splitlines() if line.strip() not in _SOLUTION_MARKERS]
    return "\n".join(lines).strip()


def source_rubrics(notebook_path: str | Path) -> dict[str, str]:
    """Grade id -> rubric of every written answer of the source notebook at ``notebook_path``.

    An empty dict when the notebook does not exist or is not a notebook.
    """
    try:
        nb = json.loads(Path(notebook_path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    out: dict[str, str] = {}
    for cell in nb.get("cells", []):
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if cell.get("cell_type") == "markdown" and meta.get("solution") and meta.get("grade") and meta.get("grade_id"):
            source = cell.get("source", "")
            text = rubric_text("".join(source) if isinstance(source, list) else source)
            if text:
                out[meta["grade_id"]] = text
    return out


def with_rubric(answer: str, rubric: str) -> str:
    """The student's ``answer`` followed by ``rubric`` in a region ``ClearHiddenTests`` removes."""
    return f"{answer.rstrip()}\n\n{BEGIN}\n\n{HEADING}\n\n{rubric}\n\n{END}"


class ShowRubrics(NbGraderPreprocessor):
    """Autograde step: append each written answer's rubric (from the source notebook) to the
    autograded copy, where the formgrader shows it.  Must come after ``SaveAutoGrades``."""

    def preprocess(self, nb: Any, resources: Any) -> tuple[Any, Any]:
        from medialit.grading.nbgrader_scoring import _coursedir

        info = resources.get("nbgrader", {})
        assignment, notebook = info.get("assignment"), info.get("notebook")
        if not assignment or not notebook:
            return nb, resources
        coursedir = _coursedir(self)
        source = Path(coursedir.format_path(coursedir.source_directory, ".", assignment)) / f"{notebook}.ipynb"
        rubrics = source_rubrics(source)
        for cell in nb.cells:
            if is_written_answer(cell):
                rubric = rubrics.get(cell.metadata["nbgrader"].get("grade_id"))
                if rubric:
                    cell.source = with_rubric(cell.source, rubric)
        return nb, resources
