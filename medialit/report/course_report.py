"""The report on several lessons of a course: each lesson's report, and an overview across them.

:func:`build_course_report` writes every lesson's report into ``out/<assignment>/`` (as
``medialit report COURSE_DIR ASSIGNMENT`` would, with a flagged student's weakest skill
found over all the lessons given) and an overview in ``out/``: the three questions to
reteach over all the lessons, the students who need help in any of them, the skills
(sources, framing, hedges...) lesson by lesson, and links to the lesson reports.

:func:`graded_assignments` lists the assignments of the gradebook that have submissions
(``medialit report COURSE_DIR --all``).

Limits: the lessons are read one after the other, so a course of many large classes takes
a while; a student's share over several lessons adds up the points of the lessons where
they are graded.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from medialit.report.class_report import ClassData, gather
from medialit.report.page import esc, figure, page, section
from medialit.report.plots import save_png, skills_alt, skills_figure
from medialit.report.sections import help_section, reteach_section, skills_section
from medialit.report.skills import skill_table, student_skill_shares, weakest_skill
from medialit.report.tables import html_table
from medialit.report.teaching import HelpRule, help_reasons, student_summary
from medialit.report.writer import AssignmentReport, analyse, write_assignment_report, write_text


def graded_assignments(course_dir: str | os.PathLike[str]) -> list[str]:
    """The assignments of the course's gradebook that have at least one submission, by name."""
    from nbgrader.api import Gradebook
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config.loader import ConfigFileNotFound, PyFileConfigLoader

    from medialit.grading.class_grading import CourseError

    course_dir = Path(course_dir).resolve()
    try:
        config = PyFileConfigLoader("nbgrader_config.py", path=str(course_dir)).load_config()
    except ConfigFileNotFound:
        raise CourseError(f"{course_dir} has no nbgrader_config.py; give the folder you run nbgrader from "
                          "(for medialit's own course: autograder/)") from None
    coursedir = CourseDirectory(config=config)
    if "root" not in config.get("CourseDirectory", {}):
        coursedir.root = str(course_dir)
    with Gradebook(coursedir.db_url, coursedir.course_id or "") as gb:
        names = sorted(a.name for a in gb.assignments if a.submissions)
    if not names:
        raise CourseError(f"the gradebook of {course_dir} has no submissions yet; grade a lesson first "
                          "(`medialit grade COURSE_DIR ASSIGNMENT`)")
    return names


def course_help(datas: list[ClassData], rule: HelpRule) -> list[dict[str, Any]]:
    """The students who need help over the given lessons, one row each, most urgent first.

    The rule applies to the lessons together: a student is listed when a lesson has no score
    for them (autograde failed, not graded, or no submission while others submitted), or
    when over the lessons where they are graded they earned less than the rule's share of
    the points or left too many questions unanswered.  Each row also names the lessons where
    they alone fall below the share, and their weakest skill over all the lessons.
    """
    students = sorted({s for d in datas for s in [*d.students, *d.not_graded]})
    rows = []
    for student in students:
        reasons = [f"{d.assignment}: {d.not_graded[student]}" for d in datas if student in d.not_graded]
        reasons += [f"{d.assignment}: no submission" for d in datas
                    if student not in d.students and student not in d.not_graded]
        graded = [d for d in datas if student in d.students]
        summaries = [student_summary(d, student) for d in graded]
        earned = sum(sm["points"] for sm in summaries)
        possible = sum(sm["max_points"] for sm in summaries)
        combined = {"share": round(earned / possible, 3) if possible else None,
                    "unanswered": sum(sm["unanswered"] for sm in summaries),
                    "questions": sum(sm["questions"] for sm in summaries)}
        reasons += help_reasons(combined, rule)
        if not reasons:
            continue
        weak = weakest_skill(student_skill_shares(datas, student))
        below = [d.assignment for d, sm in zip(graded, summaries, strict=True)
                 if sm["share"] is not None and sm["share"] < rule.below_share]
        rows.append({"student": student, "reasons": reasons, **combined, "lessons_below": below,
                     "weakest_skill": None if weak is None else {"skill": weak[0], "share": weak[1]}})
    return sorted(rows, key=lambda r: (r["share"] is not None, r["share"] or 0, r["student"]))


def build_course_report(course_dir: str | os.PathLike[str], assignments: list[str], out: str | os.PathLike[str],
                        rule: HelpRule | None = None) -> Path:
    """Write each lesson's report in ``out/<assignment>/`` and the overview in ``out/``; returns
    the overview's ``index.html``."""
    rule = rule or HelpRule()
    out = Path(out)
    datas = [gather(course_dir, a) for a in assignments]
    reports = []
    for data in datas:
        rep = analyse(data, rule, datas)
        write_assignment_report(rep, out / data.assignment)
        reports.append(rep)
    skills = skill_table(datas)
    images = []
    if skills:
        images.append(save_png(skills_figure("Share of the points by skill, lesson by lesson", skills, assignments),
                               out / "skills.png"))
    reteach_rows = sorted((r for rep in reports for r in rep.reteach), key=lambda r: r["difficulty"])[:3]
    help_rows = course_help(datas, rule)
    overview = {"assignments": assignments, "reteach": reteach_rows,
                "needs_help": {"rule": rule.describe(len(assignments)), "students": help_rows}, "skills": skills,
                "lessons": [_lesson_line(rep) for rep in reports], "images": images}
    write_text(out / "report.json", json.dumps(overview, ensure_ascii=False, indent=2) + "\n")
    write_text(out / "index.html", _overview_html(overview, rule))
    return out / "index.html"


def _lesson_line(rep: AssignmentReport) -> dict[str, Any]:
    data = rep.data
    earned = sum(v for s in data.students for v in data.scores[s].values() if v is not None)
    possible = sum(data.max_points(s) for s in data.students)
    return {"assignment": data.assignment, "students": len(data.students), "not_graded": len(data.not_graded),
            "share": round(earned / possible, 3) if possible else None, "needs_help": len(rep.needs_help),
            "report": f"{data.assignment}/index.html"}


def _overview_html(overview: dict[str, Any], rule: HelpRule) -> str:
    lessons = overview["assignments"]
    contents = [("reteach", "Questions to reteach"), ("help", "Students who need help"), ("skills", "Skills"),
                ("lessons", "Lesson reports")]
    skills_png = (figure("skills.png", skills_alt(overview["skills"], lessons))
                  if "skills.png" in overview["images"] else "")
    links = "".join(
        f'<li><a href="{esc(row["report"])}">{esc(row["assignment"])}</a>: {row["students"]} students graded'
        + (f", {row['not_graded']} not graded" if row["not_graded"] else "")
        + (f", {row['share']:.0%} of the points earned" if row["share"] is not None else "")
        + f", {row['needs_help']} to talk to</li>" for row in overview["lessons"])
    table = html_table(overview["lessons"], [("assignment", "lesson"), ("students", "graded"),
                                             ("not_graded", "not graded"), ("share", "share of points"),
                                             ("needs_help", "students who need help")],
                       caption="The lessons of this report", row_headers=True, percent={"share"})
    body = [reteach_section(overview["reteach"], with_lesson=True),
            help_section(overview["needs_help"]["students"], rule, len(lessons)),
            skills_section(overview["skills"], lessons, skills_png),
            section("lessons", "Lesson reports", f"<ul>{links}</ul>", table)]
    intro = (f"<p>{len(lessons)} lessons: {esc(', '.join(lessons))}. What to do next across them: the questions "
             "to go over again, the students to talk to (in any lesson), and how the class does at each skill "
             "from lesson to lesson. Each lesson's own report has the detail.</p>")
    return page("Course report: what the class got right and missed", intro, contents, body)
