"""The coverage table of docs/coverage.md agrees with the course's banks and lessons.

Each skill row names where the skill is taught (lesson and section heading), practised, graded
and checked with a neutral control; every cell must be filled and every id must be a question of
that skill, in that mode, marked ``control`` exactly in the control column.
"""

from __future__ import annotations

import re

import pytest

from medialit.course.lessons import lesson_dir, lesson_ids
from medialit.questions import load_bank
from tests.support.paths import REPO

COLUMNS = ("skill", "teach", "practice", "graded", "neutral control")


def coverage_rows() -> list[dict[str, str]]:
    """The rows of the coverage table, keyed by column name."""
    lines = (REPO / "docs" / "coverage.md").read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("| skill |"))
    header = [c.strip() for c in lines[start].strip("|").split("|")]
    assert tuple(header) == COLUMNS, header
    rows = []
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        rows.append(dict(zip(COLUMNS, cells, strict=True)))
    return rows


def course_questions() -> dict[str, tuple[str, object]]:
    """Question id -> (lesson, question) over every lesson of the course."""
    out = {}
    for lesson in lesson_ids(REPO):
        for q in load_bank(lesson_dir(REPO, lesson) / "questions.yaml").questions:
            out[q.id] = (lesson, q)
    return out


def position(lesson: str, needle: str) -> tuple[int, int]:
    """Where ``needle`` first occurs in the course: (lesson index, offset in its lesson.md)."""
    text = (lesson_dir(REPO, lesson) / "lesson.md").read_text(encoding="utf-8")
    offset = text.find(needle)
    assert offset >= 0, f"{needle!r} is not in {lesson}/lesson.md"
    return lesson_ids(REPO).index(lesson), offset


ROWS = coverage_rows()
QUESTIONS = course_questions()


def test_the_table_has_the_eleven_skills_and_no_empty_cell():
    assert len(ROWS) == 11 and len({r["skill"] for r in ROWS}) == 11
    for row in ROWS:
        assert all(row[c] for c in COLUMNS), f"empty cell in the row of {row['skill']}"


def test_every_question_with_a_subskill_is_in_its_row():
    listed = {qid: row["skill"] for row in ROWS for col in COLUMNS[2:] for qid in row[col].split(", ")}
    for qid, (_, q) in QUESTIONS.items():
        if q.subskill is not None:
            assert listed.get(qid) == q.subskill, f"{qid} (subskill {q.subskill}) is missing from docs/coverage.md"


@pytest.mark.parametrize("row", ROWS, ids=[r["skill"] for r in ROWS])
def test_each_row_matches_the_banks_and_lessons(row):
    expected = {"practice": ("practice", False), "graded": ("graded", False), "neutral control": ("practice", True)}
    first = {}
    for column, (mode, control) in expected.items():
        for qid in row[column].split(", "):
            assert qid in QUESTIONS, f"{row['skill']}: {qid} is not a question of the course"
            lesson, q = QUESTIONS[qid]
            assert q.subskill == row["skill"], f"{qid}: subskill {q.subskill!r}, the table says {row['skill']!r}"
            assert q.mode == mode, f"{qid}: mode {q.mode!r}, the {column} column needs {mode!r}"
            assert q.control is control, f"{qid}: control is {q.control}, the {column} column needs {control}"
            where = position(lesson, f'ask("{qid}")')
            first[column] = min(first.get(column, where), where)
    lesson, _, heading = row["teach"].partition(" § ")
    taught = position(lesson, f"## {heading}\n")
    assert taught < first["graded"], f"{row['skill']} is graded before it is taught"
    assert first["practice"] < first["graded"], f"{row['skill']} is graded before it is practised"
    assert first["neutral control"] < first["graded"], f"{row['skill']}: the control comes after the graded item"


def test_controls_have_a_single_right_answer_that_says_nothing_is_wrong():
    for qid, (_, q) in QUESTIONS.items():
        if q.control:
            assert q.type == "single" and len(q.correct_options) == 1, qid
            right = q.option(q.correct_options[0])["text"]
            assert re.match(r"(No|None|Nothing)\b", right) or "supports" in right, f"{qid}: {right!r}"
