"""What a teacher acts on: the questions to reteach and the students who need help.

:func:`reteach` picks the questions of the bank where the class earned the smallest share
of the points and, for each, the most common wrong answer with what the bank says about
it (each question type knows its wrong answers: ``wrong_answers`` of its class in
:mod:`medialit.questions.types`).

:func:`needs_help` lists the students a :class:`HelpRule` flags; :meth:`HelpRule.describe`
is the rule in words, printed in the report beside the list.

Limits: only bank questions are candidates for reteaching (a code exercise has no wrong
answer to show); a student's share counts only the cells that have a score, so a written
answer still waiting for a teacher neither helps nor hurts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from medialit.report.skills import student_skill_shares, weakest_skill

if TYPE_CHECKING:
    from medialit.report.class_report import ClassData


@dataclass(frozen=True)
class HelpRule:
    """When a student needs help: no score at all (autograde failed or not run), less than
    ``below_share`` of the points graded so far, or at least ``unanswered_share`` of the graded
    questions unanswered."""

    below_share: float = 0.5
    unanswered_share: float = 1 / 3

    def describe(self, lessons: int = 1) -> str:
        """The rule in a sentence, for the report (``lessons``: how many lessons it is applied over)."""
        over = "" if lessons == 1 else f" over the {lessons} lessons together"
        missing = ("they have no score at all (nbgrader autograde failed or has not run for them)" if lessons == 1
                   else "a lesson has no score for them (autograde failed or has not run, or no submission)")
        return (f"A student is listed when {missing}, or when{over} they earned less than {self.below_share:.0%} of "
                f"the points graded so far or left at least {self.unanswered_share:.0%} of the graded questions "
                "unanswered (a missing or unreadable answers file leaves every question unanswered).")


def graded_questions(data: ClassData) -> list[str]:
    """Grade ids of the assignment's cells that are bank questions, in notebook order."""
    return [gid for _, gid, _ in data.cells if gid in data.questions]


def student_summary(data: ClassData, student: str) -> dict[str, Any]:
    """A graded student's points, the points of their scored cells, share, and unanswered questions."""
    earned = round(sum(v for v in data.scores[student].values() if v is not None), 4)
    possible = data.max_points(student)
    questions = graded_questions(data)
    unanswered = [gid for gid in questions if gid not in data.answers.get(student, {})]
    return {"student": student, "points": earned, "max_points": possible,
            "share": round(earned / possible, 3) if possible else None,
            "unanswered": len(unanswered), "questions": len(questions)}


def help_reasons(summary: dict[str, Any], rule: HelpRule) -> list[str]:
    """Why the rule flags a graded student (empty: it does not)."""
    reasons = []
    if summary["share"] is not None and summary["share"] < rule.below_share:
        reasons.append(f"earned {summary['share']:.0%} of the points")
    if summary["questions"] and summary["unanswered"] / summary["questions"] >= rule.unanswered_share:
        reasons.append(f"left {summary['unanswered']} of {summary['questions']} questions unanswered")
    return reasons


def needs_help(data: ClassData, rule: HelpRule = HelpRule(), lessons: Sequence[ClassData] | None = None
               ) -> list[dict[str, Any]]:
    """The students ``rule`` flags in this assignment: those with no score first, then the lowest shares.

    Each row has ``student``, ``reasons`` (words), ``share``, ``unanswered``, ``questions``
    and ``weakest_skill`` (over ``lessons``, default this one; None with fewer than two skills).
    """
    lessons = [data] if lessons is None else lessons
    rows = [{"student": s, "reasons": [reason], "share": None, "unanswered": None, "questions": None,
             "weakest_skill": None} for s, reason in data.not_graded.items()]
    flagged = []
    for s in data.students:
        summary = student_summary(data, s)
        reasons = help_reasons(summary, rule)
        if reasons:
            weak = weakest_skill(student_skill_shares(lessons, s))
            flagged.append({**summary, "reasons": reasons,
                            "weakest_skill": None if weak is None else {"skill": weak[0], "share": weak[1]}})
    flagged.sort(key=lambda r: (r["share"] if r["share"] is not None else 0, r["student"]))
    return rows + flagged


def reteach(data: ClassData, table: list[dict[str, Any]], n: int = 3) -> list[dict[str, Any]]:
    """The ``n`` bank questions where the class earned the smallest share of the points (ties in
    notebook order; a question everyone got fully right is never listed), each with its most
    common wrong answer and the bank's feedback on it.

    ``table`` is :func:`~medialit.report.class_report.question_table` of ``data``.
    """
    rows = [r for r in table if r["grade_id"] in data.questions and r.get("difficulty") is not None
            and r["difficulty"] < 1]
    rows = sorted(rows, key=lambda r: r["difficulty"])[:n]
    out = []
    for r in rows:
        gid = r["grade_id"]
        q = data.questions[gid]
        values = [data.answers[s][gid] for s in data.students if gid in data.answers.get(s, {})]
        wrong = q.kind.wrong_answers(values)
        top = wrong[0] if wrong else None
        out.append({"assignment": data.assignment, "grade_id": gid, "prompt": q.prompt, "skill": q.skill,
                    "difficulty": r["difficulty"], "answered": len(values),
                    "wrong_answer": None if top is None else top.answer,
                    "wrong_students": None if top is None else top.students,
                    "wrong_share": round(top.students / len(values), 3) if top and values else None,
                    "feedback": None if top is None else top.feedback})
    return out
