"""What a class got right and what it missed: the data behind ``medialit report``.

:func:`gather` reads one assignment's scores from the nbgrader gradebook (a manual score
when a grader gave one, else the automatic score) and every student's answers file.
From them:

- :func:`question_table`: per graded cell, the mean score, its **difficulty** (the share of
  the points the class earned, 1.0 = everyone right), the shares of full and zero marks,
  and the **discrimination** (the correlation of the cell's score with the student's score
  on the other cells: low or negative values flag a question that does not separate
  stronger from weaker answers, often an unclear question or key);
- each question type's detailed view (``report_view`` of its class in
  :mod:`medialit.questions.types`): for a spans question :func:`span_analysis`
  (:mod:`medialit.report.span_report`), each reference passage's hit rate, the passages most
  often marked that are not in the reference, and the heatmap;
- :func:`agreement`: Krippendorff's alpha (:mod:`medialit.report.agreement`) among the students
  and of each student with the reference, coded as each type says (``agreement_coding``):
  per spans question over the question's words (each word coded with the label of the span
  covering it, or "none"), per classify question over its items, and over all single and
  multiple choice answers together.

Only graded students count: a submission with no score at all (its ``nbgrader autograde``
failed) or not in the gradebook is listed in :attr:`ClassData.not_graded` instead.

:func:`build_report` writes PNG plots (matplotlib), ``report.json`` and ``index.html``
(:mod:`medialit.report.writer`), opening with what a teacher acts on
(:mod:`medialit.report.teaching`, :mod:`medialit.report.skills`);
:func:`medialit.report.course_report.build_course_report` does it for several lessons.

Limits: students without an answers file count as not answering (missing data in the
agreement, left out of hit rates); a question's statistics need at least two students.
"""

from __future__ import annotations

import math
import os
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from medialit.questions.types import type_class, type_names
from medialit.questions.types.base import AgreementCoding
from medialit.report.agreement import alpha, pairwise_with
from medialit.report.span_report import heatmap_html, span_analysis
from medialit.report.tables import html_table

if TYPE_CHECKING:
    from medialit.report.teaching import HelpRule

__all__ = ["ClassData", "agreement", "build_report", "gather", "heatmap_html", "html_table", "question_table",
           "report_sections", "span_analysis", "totals"]


@dataclass
class ClassData:
    """One assignment's graded class."""

    assignment: str
    students: list[str]
    cells: list[tuple[str, str, float]]  # (notebook, grade id, max points) in notebook order
    scores: dict[str, dict[str, float | None]]  # student -> grade id -> score (None: not graded yet)
    answers: dict[str, dict[str, Any]]  # student -> question id -> stored answer value
    questions: dict[str, Any] = field(default_factory=dict)  # grade id -> Question (question cells only)
    not_graded: dict[str, str] = field(default_factory=dict)  # student -> why they have no score yet

    def max_points(self, student: str) -> float:
        """The points of the cells that have a score for ``student`` (cells waiting for a teacher left out)."""
        return sum(pts for _, gid, pts in self.cells if self.scores[student].get(gid) is not None)


#: Why a submission has no score: recorded in the gradebook, nothing scored.
AUTOGRADE_FAILED = "autograde failed: the gradebook has the submission but no score for any cell (see autograde's log)"
#: Why a submission has no score: in the submitted folder, not in the gradebook.
NOT_IN_GRADEBOOK = "not graded: submitted, but not in the gradebook (run nbgrader autograde for this student)"


def gather(course_dir: str | os.PathLike[str], assignment: str) -> ClassData:
    """Scores from the gradebook and answers from the submissions of ``assignment``.

    A submission counts as graded when at least one of its cells has a score (automatic or
    manual).  The others are in :attr:`ClassData.not_graded` with the reason: a submission
    the gradebook holds with no score at all is one whose ``nbgrader autograde`` failed
    (autograde records the submission before it runs the notebook), and one in the
    submitted folder but not in the gradebook has not been graded.
    """
    from nbgrader.api import Gradebook

    from medialit.answers.store import AnswersFileWarning, AnswerStore
    from medialit.grading.class_grading import CourseError, load_course
    from medialit.questions import QuestionBankError, UnknownQuestionError, find_question

    course = load_course(course_dir, assignment)
    scores: dict[str, dict[str, float | None]] = {}
    not_graded: dict[str, str] = {}
    with Gradebook(course.db_url, course.course_id) as gb:
        for sub in gb.assignment_submissions(assignment):
            row: dict[str, float | None] = {}
            for nb in sub.notebooks:
                for g in nb.grades:
                    value = g.manual_score if g.manual_score is not None else g.auto_score
                    row[g.name] = None if value is None else float(value)
            if any(v is not None for v in row.values()):
                scores[sub.student_id] = row
            else:
                not_graded[sub.student_id] = AUTOGRADE_FAILED
    for student in course.students():
        if student not in scores and student not in not_graded:
            not_graded[student] = NOT_IN_GRADEBOOK
    if not scores:
        raise CourseError(f"the gradebook has no graded submissions of {assignment}; run "
                          f"`medialit grade {course_dir} {assignment}` (or nbgrader autograde) first"
                          + (f" ({len(not_graded)} submitted but not graded)" if not_graded else ""))
    cells = [(nb, gid, pts) for nb in course.notebooks for gid, pts in course.grade_cells.get(nb, {}).items()]
    questions = {}
    for _, gid, _ in cells:
        try:
            questions[gid] = find_question(gid)
        except (UnknownQuestionError, QuestionBankError):
            pass
    answers: dict[str, dict[str, Any]] = {}
    for student in sorted(scores):
        folder = course.submitted_dir(student)
        found: dict[str, Any] = {}
        files = sorted(folder.glob("*.answers.json")) if folder.is_dir() else []
        for nb in course.notebooks:
            path = folder / f"{nb}.answers.json"
            if not path.exists() and len(files) == 1:
                path = files[0]
            if not path.exists():
                continue
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", AnswersFileWarning)
                store = AnswerStore(path, read_only=True)
            for qid in store.answered():
                entry = store.entry(qid)
                q = questions.get(qid)
                if entry is not None and q is not None and entry["kind"] == q.type:
                    try:
                        found[qid] = q.check_answer(entry["value"])
                    except ValueError:
                        pass
        answers[student] = found
    return ClassData(assignment, sorted(scores), cells, scores, answers, questions,
                     dict(sorted(not_graded.items())))


# -- scores ---------------------------------------------------------------------------
def _pearson(xs: list[float], ys: list[float]) -> float | None:
    n = len(xs)
    if n < 3:
        return None
    mx, my = sum(xs) / n, sum(ys) / n
    sx = math.sqrt(sum((x - mx) ** 2 for x in xs))
    sy = math.sqrt(sum((y - my) ** 2 for y in ys))
    if sx == 0 or sy == 0:
        return None
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / (sx * sy)


def question_table(data: ClassData) -> list[dict[str, Any]]:
    """One row per grade cell: n, mean, difficulty, full and zero shares, discrimination."""
    rows = []
    for nb, gid, max_points in data.cells:
        graded = [s for s in data.students if data.scores[s].get(gid) is not None]
        values = [data.scores[s][gid] for s in graded]
        q = data.questions.get(gid)
        row: dict[str, Any] = {"grade_id": gid, "notebook": nb, "type": q.type if q else "code or written",
                               "max_points": max_points, "graded": len(values)}
        if values and max_points:
            fractions = [v / max_points for v in values]
            rest = [sum(x or 0 for k, x in data.scores[s].items() if k != gid) for s in graded]
            row.update({
                "mean": round(sum(values) / len(values), 3),
                "difficulty": round(sum(fractions) / len(fractions), 3),
                "full": round(sum(1 for f in fractions if f >= 0.9999) / len(fractions), 3),
                "zero": round(sum(1 for f in fractions if f == 0) / len(fractions), 3),
                "discrimination": None if (r := _pearson(fractions, rest)) is None else round(r, 3),
            })
        rows.append(row)
    return rows


def totals(data: ClassData) -> dict[str, float]:
    """Each student's total points (ungraded cells count 0)."""
    return {s: round(sum(v or 0 for v in data.scores[s].values()), 4) for s in data.students}


# -- agreement ------------------------------------------------------------------------
def _summary(among: float | None, with_ref: list[float], coders: int) -> dict[str, Any]:
    with_ref = sorted(with_ref)
    mid = with_ref[len(with_ref) // 2] if with_ref else None
    return {"coders": coders, "alpha_among_students": None if among is None else round(among, 3),
            "alpha_with_reference_mean": round(sum(with_ref) / len(with_ref), 3) if with_ref else None,
            "alpha_with_reference_median": None if mid is None else round(mid, 3)}


def agreement(data: ClassData) -> dict[str, Any]:
    """Krippendorff's alpha per question that its type codes on its own (spans word by word,
    classify item by item), and per pool of questions coded together (all choice answers)."""
    out: dict[str, Any] = {}
    pools: dict[str, tuple[str, list[tuple[str, AgreementCoding]]]] = {}
    for gid, q in data.questions.items():
        coding = q.kind.agreement_coding()
        if coding is None:
            continue
        if coding.pool is not None:
            pools.setdefault(coding.pool, (coding.label, []))[1].append((gid, coding))
            continue
        answered = [s for s in data.students if gid in data.answers[s]]
        rows = [coding.code(data.answers[s][gid]) for s in answered]
        out[gid] = {"type": coding.label, "units": coding.units,
                    **_summary(alpha(rows) if len(rows) > 1 else None, pairwise_with(coding.reference, rows),
                               len(rows))}
    for pool, (label, members) in pools.items():
        def codes(s: str, members: list[tuple[str, AgreementCoding]] = members) -> list[Any]:
            row: list[Any] = []
            for gid, c in members:
                value = data.answers[s].get(gid)
                row += [None] * c.units if value is None else c.code(value)
            return row

        rows = [codes(s) for s in data.students]
        ref = [code for _, c in members for code in c.reference]
        out[pool] = {"type": label, "units": len(ref),
                     **_summary(alpha(rows) if len(rows) > 1 else None, pairwise_with(ref, rows), len(rows))}
    return out


def report_sections() -> list[str]:
    """The keys of ``report.json`` that hold the detailed views of questions, by type."""
    return list(dict.fromkeys(s for n in type_names() if (s := type_class(n).report_section)))


# -- writing the report ---------------------------------------------------------------
def build_report(course_dir: str | os.PathLike[str], assignment: str, out: str | os.PathLike[str],
                 rule: HelpRule | None = None) -> Path:
    """Write ``out/index.html``, ``out/report.json`` and the PNG plots; returns the HTML path.

    ``rule`` is the :class:`~medialit.report.teaching.HelpRule` that says which students need
    help (default: its defaults).  See :mod:`medialit.report.writer`.
    """
    from medialit.report.writer import analyse, write_assignment_report

    return write_assignment_report(analyse(gather(course_dir, assignment), rule), Path(out))
