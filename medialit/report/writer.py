"""Writing one assignment's report: ``index.html``, ``report.json`` and the PNG plots.

:func:`analyse` computes everything the report shows from a
:class:`~medialit.report.class_report.ClassData`; :func:`write_assignment_report` writes it.
The page opens with what a teacher acts on (questions to reteach, students who need help,
skills), then the detail (every graded cell, each question's own view, agreement).

Files are written as ordinary files (permissions 0666 less the umask: 0644 under the
usual umask), so a web server or a colleague can read them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from medialit.report.class_report import ClassData, agreement, question_table, report_sections, totals
from medialit.report.page import esc, figure, page, section
from medialit.report.plots import (
    agreement_alt,
    agreement_figure,
    difficulty_alt,
    difficulty_figure,
    save_png,
    skills_alt,
    skills_figure,
    totals_alt,
    totals_figure,
)
from medialit.report.sections import help_section, reteach_section, skills_section
from medialit.report.skills import cells_without_skill, skill_table
from medialit.report.tables import html_table
from medialit.report.teaching import HelpRule, needs_help, reteach

#: Permission bits of the files written (before the umask).
FILE_MODE = 0o666


@dataclass
class AssignmentReport:
    """Everything one assignment's report shows."""

    data: ClassData
    rule: HelpRule
    table: list[dict[str, Any]]
    details: dict[str, tuple[Any, dict[str, Any]]]  # question id -> (its type's report view, analysis)
    agreement: dict[str, Any]
    reteach: list[dict[str, Any]]
    needs_help: list[dict[str, Any]]
    skills: list[dict[str, Any]]
    images: list[str] = field(default_factory=list)


def analyse(data: ClassData, rule: HelpRule | None = None, lessons: list[ClassData] | None = None
            ) -> AssignmentReport:
    """The report of ``data``; ``lessons`` (default: this one) is where a flagged student's weakest skill is found."""
    rule = rule or HelpRule()
    table = question_table(data)
    details = {}
    for qid, q in data.questions.items():
        view = q.kind.report_view()
        if view is not None:
            details[qid] = (view, view.analyse(data, qid))
    return AssignmentReport(data, rule, table, details, agreement(data), reteach(data, table),
                            needs_help(data, rule, lessons), skill_table([data]))


def write_text(path: Path, text: str) -> None:
    """Write an ordinary, readable file atomically."""
    from medialit.core.annotation import atomic_write_text

    atomic_write_text(path, text, mode=FILE_MODE)


def write_assignment_report(rep: AssignmentReport, out: Path) -> Path:
    """Write the plots, ``report.json`` and ``index.html`` of ``rep`` into ``out``; returns the HTML path."""
    out.mkdir(parents=True, exist_ok=True)
    rep.images = _plots(rep, out)
    write_text(out / "report.json", json.dumps(report_json(rep), ensure_ascii=False, indent=2) + "\n")
    write_text(out / "index.html", report_html(rep))
    return out / "index.html"


def _scored_rows(rep: AssignmentReport) -> list[dict[str, Any]]:
    return [r for r in rep.table if "difficulty" in r]


def _max_total(data: ClassData) -> float:
    return sum(pts for _, _, pts in data.cells)


def _plots(rep: AssignmentReport, out: Path) -> list[str]:
    data = rep.data
    files = []
    if rows := _scored_rows(rep):
        files.append(save_png(difficulty_figure(data.assignment, rows), out / "difficulty.png"))
    if tot := list(totals(data).values()):
        files.append(save_png(totals_figure(data.assignment, tot, _max_total(data)), out / "totals.png"))
    if len(rep.skills) > 1:
        files.append(save_png(skills_figure(f"{data.assignment}: share of the points by skill", rep.skills,
                                            [data.assignment]), out / "skills.png"))
    for qid, (view, analysis) in rep.details.items():
        files += view.plots(data, qid, analysis, out)
    if bars := _agreement_bars(rep):
        files.append(save_png(agreement_figure(data.assignment, bars), out / "agreement.png"))
    return files


def _agreement_bars(rep: AssignmentReport) -> list[tuple[str, dict[str, Any]]]:
    return [(k, v) for k, v in rep.agreement.items() if v.get("alpha_among_students") is not None]


def report_json(rep: AssignmentReport) -> dict[str, Any]:
    """What ``report.json`` holds."""
    data = rep.data
    sections: dict[str, dict[str, Any]] = {name: {} for name in report_sections()}
    for qid, (view, analysis) in rep.details.items():
        sections[data.questions[qid].kind.report_section][qid] = view.summary(analysis)
    return {"assignment": data.assignment, "students": len(data.students),
            "not_graded": [{"student": s, "reason": r} for s, r in data.not_graded.items()],
            "reteach": rep.reteach,
            "needs_help": {"rule": rep.rule.describe(), "students": rep.needs_help},
            "skills": rep.skills, "questions": rep.table, "totals": totals(data), **sections,
            "agreement": rep.agreement, "images": rep.images}


def _intro(rep: AssignmentReport) -> str:
    data = rep.data
    earned = sum(v for s in data.students for v in data.scores[s].values() if v is not None)
    possible = sum(data.max_points(s) for s in data.students)
    parts = [f"{len(data.students)} students graded"]
    if data.not_graded:
        parts.append(f"{len(data.not_graded)} submitted but not graded (listed under students who need help)")
    text = "; ".join(parts) + "."
    if possible:
        text += f" The class earned {earned / possible:.0%} of the points graded so far."
    return (f"<p>{esc(text)} The first three sections say what to do next: which questions to go over again, "
            "which students to talk to, and which skill needs practice. The rest is the detail behind them.</p>")


def report_html(rep: AssignmentReport) -> str:
    """The whole ``index.html`` of one assignment."""
    data = rep.data
    images = rep.images
    contents = [("reteach", "Questions to reteach"), ("help", "Students who need help"), ("skills", "Skills"),
                ("cells", "Every graded cell")]
    skills_png = (figure("skills.png", skills_alt(rep.skills, [data.assignment]))
                  if "skills.png" in images else "")
    body = [reteach_section(rep.reteach), help_section(rep.needs_help, rep.rule),
            skills_section(rep.skills, [data.assignment], skills_png, cells_without_skill(data))]
    cells = ["<p>Difficulty is the share of the points the class earned (1.0 = everyone right); discrimination "
             "is the correlation of a cell's score with the rest of the lesson (below 0.2: the question does not "
             "separate stronger from weaker answers; check it).</p>"]
    if "difficulty.png" in images:
        cells.append(figure("difficulty.png", difficulty_alt(_scored_rows(rep))))
    if "totals.png" in images:
        cells.append(figure("totals.png", totals_alt(list(totals(data).values()), _max_total(data))))
    cells.append(html_table(rep.table, [
        ("grade_id", "cell"), ("type", "type"), ("max_points", "points"), ("graded", "graded"), ("mean", "mean"),
        ("difficulty", "difficulty"), ("full", "full marks"), ("zero", "zero"), ("discrimination", "discrimination")],
        caption="Scores per graded cell, in notebook order", row_headers=True))
    body.append(section("cells", "Every graded cell", *cells))
    for qid, (view, analysis) in rep.details.items():
        contents.append(view.heading(qid))
        body.append(view.html(data, qid, analysis, images))
    contents.append(("agreement", "Agreement"))
    agree = [
        "<p>Krippendorff's alpha among the students (each student a coder) and of each student with the reference. "
        "Spans questions are coded word by word, classify questions item by item; all single and multiple choice "
        "answers together form one more set. Alpha is 1 for perfect agreement and about 0 for agreement no better "
        "than chance.</p>",
        html_table([{"set": k, **v} for k, v in rep.agreement.items()], [
            ("set", "question"), ("type", "type"), ("units", "units"), ("coders", "students"),
            ("alpha_among_students", "α among students"), ("alpha_with_reference_mean", "α vs reference (mean)"),
            ("alpha_with_reference_median", "α vs reference (median)")], caption="Agreement per question set",
            row_headers=True)]
    if bars := _agreement_bars(rep):
        agree.append(figure("agreement.png", agreement_alt(bars)))
    body.append(section("agreement", "Agreement (Krippendorff's alpha)", *agree))
    return page(f"{data.assignment}: what the class got right and missed", _intro(rep), contents, body)
