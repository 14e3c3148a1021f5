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

:func:`build_report` writes PNG plots (matplotlib), ``report.json`` and ``index.html``.

Limits: students without an answers file count as not answering (missing data in the
agreement, left out of hit rates); a question's statistics need at least two students.
"""

from __future__ import annotations

import html
import json
import math
import os
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from medialit.questions.types import type_class, type_names
from medialit.questions.types.base import AgreementCoding
from medialit.report.agreement import alpha, pairwise_with
from medialit.report.span_report import heatmap_html, span_analysis
from medialit.report.tables import html_table

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


def gather(course_dir: str | os.PathLike[str], assignment: str) -> ClassData:
    """Scores from the gradebook and answers from the submissions of ``assignment``."""
    from nbgrader.api import Gradebook

    from medialit.answers.store import AnswersFileWarning, AnswerStore
    from medialit.grading.class_grading import CourseError, load_course
    from medialit.questions import QuestionBankError, UnknownQuestionError, find_question

    course = load_course(course_dir, assignment)
    scores: dict[str, dict[str, float | None]] = {}
    with Gradebook(course.db_url, course.course_id) as gb:
        for sub in gb.assignment_submissions(assignment):
            row: dict[str, float | None] = {}
            for nb in sub.notebooks:
                for g in nb.grades:
                    value = g.manual_score if g.manual_score is not None else g.auto_score
                    row[g.name] = None if value is None else float(value)
            scores[sub.student_id] = row
    if not scores:
        raise CourseError(f"the gradebook has no graded submissions of {assignment}; run "
                          f"`medialit grade {course_dir} {assignment}` (or nbgrader autograde) first")
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
    return ClassData(assignment, sorted(scores), cells, scores, answers, questions)


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
def _plots(data: ClassData, table: list[dict[str, Any]], details: dict[str, tuple[Any, dict[str, Any]]],
           agree: dict[str, Any], out: Path) -> list[str]:
    from medialit.report.plots import agreement_figure, difficulty_figure, save_png, totals_figure

    files = []
    rows = [r for r in table if "difficulty" in r]
    if rows:
        files.append(save_png(difficulty_figure(data.assignment, rows), out / "difficulty.png"))
    tot = list(totals(data).values())
    if tot:
        files.append(save_png(totals_figure(data.assignment, tot), out / "totals.png"))
    for qid, (view, analysis) in details.items():
        files += view.plots(data, qid, analysis, out)
    bars = [(k, v) for k, v in agree.items() if v.get("alpha_among_students") is not None]
    if bars:
        files.append(save_png(agreement_figure(data.assignment, bars), out / "agreement.png"))
    return files


def build_report(course_dir: str | os.PathLike[str], assignment: str, out: str | os.PathLike[str]) -> Path:
    """Write ``out/index.html``, ``out/report.json`` and the PNG plots; returns the HTML path."""
    data = gather(course_dir, assignment)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    table = question_table(data)
    details = {}
    for qid, q in data.questions.items():
        view = q.kind.report_view()
        if view is not None:
            details[qid] = (view, view.analyse(data, qid))
    agree = agreement(data)
    images = _plots(data, table, details, agree, out)
    sections: dict[str, dict[str, Any]] = {section: {} for section in report_sections()}
    for qid, (view, analysis) in details.items():
        sections[data.questions[qid].kind.report_section][qid] = view.summary(analysis)
    report = {"assignment": assignment, "students": len(data.students), "questions": table,
              "totals": totals(data), **sections, "agreement": agree, "images": images}
    from medialit.core.annotation import atomic_write_text

    atomic_write_text(out / "report.json", json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    parts = [f"<h1>{html.escape(assignment)}: what the class got right and missed</h1>",
             f"<p>{len(data.students)} students. Difficulty is the share of the points the class earned (1.0 = "
             "everyone right); discrimination is the correlation of a cell's score with the rest of the "
             "lesson (below 0.2: the question does not separate stronger from weaker answers; check it).</p>"]
    for img in ("difficulty.png", "totals.png"):
        if img in images:
            parts.append(f'<img src="{img}" alt="{img}">')
    parts.append("<h2>Per graded cell</h2>" + html_table(table, [
        ("grade_id", "cell"), ("type", "type"), ("max_points", "points"), ("graded", "graded"), ("mean", "mean"),
        ("difficulty", "difficulty"), ("full", "full marks"), ("zero", "zero"), ("discrimination", "discrimination")]))
    for qid, (view, analysis) in details.items():
        parts.append(view.html(data, qid, analysis, images))
    parts.append("<h2>Agreement (Krippendorff's alpha)</h2><p>Among the students (each student a coder) and of "
                 "each student with the reference. Spans questions are coded word by word, classify questions item "
                 "by item; all single and multiple choice answers together form one more set. Alpha is 1 for "
                 "perfect agreement and about 0 for agreement no better than chance.</p>")
    parts.append(html_table([{"set": k, **v} for k, v in agree.items()], [
        ("set", "question"), ("type", "type"), ("units", "units"), ("coders", "students"),
        ("alpha_among_students", "α among students"), ("alpha_with_reference_mean", "α vs reference (mean)"),
        ("alpha_with_reference_median", "α vs reference (median)")]))
    if "agreement.png" in images:
        parts.append('<img src="agreement.png" alt="agreement">')
    style = ("body{font-family:system-ui,sans-serif;max-width:70em;margin:2em auto;padding:0 1em;line-height:1.4}"
             "table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:.25em .5em;"
             "text-align:left}img{max-width:100%;display:block;margin:1em 0}"
             ".heat{white-space:pre-wrap;border:1px solid #ddd;padding:1em;font-size:.95em}")
    page = (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(assignment)} '
            f"class report</title><style>{style}</style></head><body>{''.join(parts)}</body></html>\n")
    atomic_write_text(out / "index.html", page)
    return out / "index.html"
