"""Every question of the course's banks names the skill it practises (the class report sums points by it)."""

from __future__ import annotations

import pytest

from medialit.course.lessons import lesson_dir, lesson_ids
from medialit.questions import load_bank
from tests.support.paths import REPO

#: The skills of medialit's own course, and the one skill of each single-skill lesson.
SKILLS = {"page", "sources", "framing", "hedges"}
LESSON_SKILL = {"00-orientation": "page", "01-sources": "sources", "02-framing": "framing", "03-hedges": "hedges"}


@pytest.mark.parametrize("lesson", lesson_ids(REPO))
def test_every_question_names_a_skill(lesson):
    bank = load_bank(lesson_dir(REPO, lesson) / "questions.yaml")
    for q in bank.questions:
        assert q.skill in SKILLS, f"{q.where}: skill {q.skill!r}; give one of {sorted(SKILLS)}"
        if lesson in LESSON_SKILL:
            assert q.skill == LESSON_SKILL[lesson], q.where


def test_the_capstone_practises_every_skill_of_the_lessons_before_it():
    bank = load_bank(lesson_dir(REPO, "04-capstone") / "questions.yaml")
    graded = {q.skill for q in bank.questions if q.mode == "graded"}
    assert graded == {"sources", "framing", "hedges"}


def test_a_skill_must_be_a_plain_name(tmp_path):
    from medialit.questions import QuestionBankError

    bank = tmp_path / "q.yaml"
    bank.write_text("provenance: test\nlicence: MIT\nquestions:\n  - {id: q1, type: text, mode: graded, points: 1, "
                    "prompt: Why?, skill: Hedges and Boosters}\n", encoding="utf-8")
    with pytest.raises(QuestionBankError, match="skill"):
        load_bank(bank)
