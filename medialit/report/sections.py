"""The sections a teacher reads first, as HTML: questions to reteach, students who need help, skills.

Each function takes the rows computed in :mod:`medialit.report.teaching` and
:mod:`medialit.report.skills` and returns one ``<section>`` (see :mod:`medialit.report.page`).
"""

from __future__ import annotations

from typing import Any

from medialit.report.page import esc, section
from medialit.report.tables import html_table
from medialit.report.teaching import HelpRule


def _sentence(text: str) -> str:
    """``text`` ending with a full stop, unless it already ends with one (inside a quotation or not)."""
    return text if text.rstrip("”\"’'").endswith((".", "!", "?", "…")) else text + "."


def reteach_section(rows: list[dict[str, Any]], with_lesson: bool = False) -> str:
    """The questions to reteach, each with its most common wrong answer and the bank's feedback."""
    if not rows:
        return section("reteach", "Questions to reteach", "<p>No question of the bank to reteach: every student "
                       "graded so far earned its full points (or no question has a score yet).</p>")
    items = []
    for r in rows:
        skill = f" (skill: {esc(r['skill'])})" if r.get("skill") else ""
        where = f"In {esc(r['assignment'])}, the" if with_lesson else "The"
        head = (f"<h3>{esc(r['grade_id'])}: {esc(r['prompt'])}</h3>"
                f"<p>{where} class earned {r['difficulty']:.0%} of the points{skill}.</p>")
        if r["wrong_answer"] is None:
            body = "<p>No common wrong answer to show (a teacher marks this question, or nobody answered it).</p>"
        else:
            body = (f"<p>Most common wrong answer ({r['wrong_students']} of {r['answered']} students who answered, "
                    f"{r['wrong_share']:.0%}): {esc(_sentence(r['wrong_answer']))}</p>")
            body += (f"<p>What the bank tells students about it:</p><blockquote>{esc(r['feedback'])}</blockquote>"
                     if r["feedback"] else "<p>The bank has no feedback for this answer; consider adding some.</p>")
        items.append(f"<li>{head}{body}</li>")
    intro = (f"<p>The {len(rows)} question{'s' if len(rows) != 1 else ''} of the bank where the class earned "
             "the smallest share of the points.</p>")
    return section("reteach", "Questions to reteach", intro, f'<ol class="reteach">{"".join(items)}</ol>')


def help_section(rows: list[dict[str, Any]], rule: HelpRule, lessons: int = 1) -> str:
    """The students the rule flags, with the rule in words and the reasons for each (``lessons``:
    how many lessons the rule is applied over; with the lessons where each student is below the share)."""
    parts = [f'<p class="rule">{esc(rule.describe(lessons))}</p>']
    if not rows:
        parts.append("<p>No student meets the rule.</p>")
        return section("help", "Students who need help", *parts)
    table = [{**r, "reasons": r["reasons"],
              "weakest": (f"{r['weakest_skill']['skill']} ({r['weakest_skill']['share']:.0%})"
                          if r.get("weakest_skill") else None)} for r in rows]
    columns = [("student", "student"), ("reasons", "why")]
    if lessons > 1:
        columns += [("share", "share of points over the lessons"), ("lessons_below", "lessons below the share")]
    else:
        columns.append(("share", "share of points"))
    if any(r["weakest"] for r in table):
        columns.append(("weakest", "weakest skill"))
    parts.append(html_table(table, columns, caption=f"{len(rows)} student{'s' if len(rows) != 1 else ''} to "
                            "talk to", row_headers=True, percent={"share"}))
    return section("help", "Students who need help", *parts)


def skills_section(rows: list[dict[str, Any]], lessons: list[str], figure_html: str = "",
                   without_skill: list[str] | None = None) -> str:
    """The share of the points the class earned per skill, in each lesson and over all of them."""
    if not rows:
        return section("skills", "Skills", "<p>No graded question of these lessons names a skill "
                       "(add <code>skill:</code> to the questions of the bank).</p>")
    columns = [("skill", "skill"), ("questions", "graded questions")] + [(a, a) for a in lessons]
    if len(lessons) > 1:
        columns.append(("all", "all lessons"))
    parts = ["<p>The share of the points the class earned on the questions that practise each skill (the "
             "<code>skill</code> of each question in the bank); a dash: the lesson has no question of that "
             "skill.</p>",
             html_table(rows, columns, caption="Share of the points earned, by skill", row_headers=True,
                        percent={*lessons, "all"}),
             figure_html]
    if without_skill:
        parts.append(f"<p>Left out (no skill): {esc(', '.join(without_skill))}.</p>")
    return section("skills", "Skills", *parts)
