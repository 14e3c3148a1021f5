"""Points by skill: how the class (or one student) does at sources, framing, hedges... across lessons.

A graded cell's skill is the ``skill`` of its question in the bank
(``autograder/lesson-sources/<lesson>/questions.yaml``); the map from question to skill is
data, not code, so a course with other skills needs no change here.  A skill's **share**
is the points earned on its cells over the points those cells are worth, counting only
cells that have a score (a written answer still waiting for a teacher is left out).

Limits: cells that are not bank questions (code exercises, written answers) and questions
without a ``skill`` have no skill and are left out of these figures; the report says how
many.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from medialit.report.class_report import ClassData


def cell_skills(data: ClassData) -> dict[str, str]:
    """Grade id -> skill, for the graded cells whose question names one (in notebook order)."""
    out = {}
    for _, gid, _ in data.cells:
        q = data.questions.get(gid)
        if q is not None and q.skill:
            out[gid] = q.skill
    return out


def skills_in(datas: Sequence[ClassData]) -> list[str]:
    """The skills of the given lessons, in the order they first appear."""
    return list(dict.fromkeys(skill for d in datas for skill in cell_skills(d).values()))


def skill_points(data: ClassData, students: Sequence[str] | None = None) -> dict[str, tuple[float, float]]:
    """Skill -> (points earned, points possible) over ``students`` (default: every graded student)."""
    skills = cell_skills(data)
    points = {gid: pts for _, gid, pts in data.cells}
    out: dict[str, tuple[float, float]] = {}
    for s in data.students if students is None else students:
        for gid, skill in skills.items():
            score = data.scores.get(s, {}).get(gid)
            if score is None:
                continue
            earned, possible = out.get(skill, (0.0, 0.0))
            out[skill] = (earned + score, possible + points[gid])
    return out


def share(earned_possible: tuple[float, float] | None) -> float | None:
    """Earned over possible, rounded to 3 places; None without points to earn."""
    if not earned_possible or not earned_possible[1]:
        return None
    return round(earned_possible[0] / earned_possible[1], 3)


def skill_table(datas: Sequence[ClassData]) -> list[dict[str, Any]]:
    """One row per skill: ``skill``, ``questions`` (how many graded questions practise it), the
    class's share in each lesson (keyed by the assignment's name; None where the lesson has no
    question of the skill) and ``all`` (over every lesson given)."""
    rows = []
    for skill in skills_in(datas):
        row: dict[str, Any] = {"skill": skill, "questions": 0}
        total = (0.0, 0.0)
        for d in datas:
            pts = skill_points(d).get(skill)
            row[d.assignment] = share(pts)
            row["questions"] += sum(1 for s in cell_skills(d).values() if s == skill)
            if pts:
                total = (total[0] + pts[0], total[1] + pts[1])
        row["all"] = share(total)
        rows.append(row)
    return rows


def student_skill_shares(datas: Sequence[ClassData], student: str) -> dict[str, float | None]:
    """Skill -> the student's share over the given lessons (lessons where they are not graded left out)."""
    totals: dict[str, tuple[float, float]] = {}
    for d in datas:
        if student not in d.students:
            continue
        for skill, (earned, possible) in skill_points(d, [student]).items():
            e, p = totals.get(skill, (0.0, 0.0))
            totals[skill] = (e + earned, p + possible)
    return {skill: share(totals.get(skill)) for skill in skills_in(datas) if skill in totals}


def weakest_skill(shares: dict[str, float | None]) -> tuple[str, float] | None:
    """The skill with the lowest share (None when fewer than two skills have a share)."""
    known = [(skill, v) for skill, v in shares.items() if v is not None]
    if len(known) < 2:
        return None
    return min(known, key=lambda kv: kv[1])


def cells_without_skill(data: ClassData) -> list[str]:
    """Grade ids of the graded cells that have no skill (code exercises, written answers, untagged questions)."""
    skills = cell_skills(data)
    return [gid for _, gid, _ in data.cells if gid not in skills]
