"""Questions to reteach, students who need help and points by skill, on classes written by hand.

The classes are :class:`ClassData` built directly (scores and answers chosen here), so every
expected number can be worked out from this file; the questions are the course's own.
"""

from __future__ import annotations

import pytest

from medialit.report.class_report import AUTOGRADE_FAILED, ClassData, question_table
from medialit.report.skills import cells_without_skill, skill_table, student_skill_shares, weakest_skill
from medialit.report.teaching import HelpRule, needs_help, reteach


def hand_class(assignment, cells, scores, answers=None, not_graded=None) -> ClassData:
    from medialit.questions import find_question

    questions = {}
    for _, gid, _ in cells:
        try:
            questions[gid] = find_question(gid)
        except LookupError:
            pass  # a code exercise: no bank question
    students = sorted(scores)
    return ClassData(assignment, students, cells, scores, {s: (answers or {}).get(s, {}) for s in students},
                     questions, not_graded or {})


HEDGES_CELLS = [("03-hedges", "l3-holders", 3.0), ("03-hedges", "l3-rate-liu", 2.0),
                ("03-hedges", "l3-boosters", 2.0), ("03-hedges", "l3-matcher", 3.0)]


@pytest.fixture
def hedges():
    from medialit.questions import find_question

    boosters = find_question("l3-boosters")
    wrong = next(o for o in boosters.option_ids if o not in boosters.correct_options)
    right = list(boosters.correct_options)
    key = {"l3-holders": find_question("l3-holders").kind.key(), "l3-rate-liu": find_question("l3-rate-liu").kind.key(),
           "l3-boosters": right}
    scores = {
        "ana": {"l3-holders": 3.0, "l3-rate-liu": 2.0, "l3-boosters": 2.0, "l3-matcher": 3.0},  # all right
        "ben": {"l3-holders": 3.0, "l3-rate-liu": 2.0, "l3-boosters": 0.0, "l3-matcher": None},  # 5 of 7 scored
        "cai": {"l3-holders": 1.0, "l3-rate-liu": 0.0, "l3-boosters": 0.0, "l3-matcher": 0.0},  # 1 of 10
        "dee": {"l3-holders": 3.0, "l3-rate-liu": 2.0, "l3-boosters": 2.0, "l3-matcher": 3.0},  # right, no file
    }
    answers = {"ana": dict(key), "ben": {**key, "l3-boosters": right + [wrong]},
               "cai": {"l3-holders": key["l3-holders"], "l3-boosters": [wrong]}}
    return hand_class("03-hedges", HEDGES_CELLS, scores, answers, {"eve": AUTOGRADE_FAILED}), wrong


def test_reteach_picks_the_lowest_shares_with_the_most_common_wrong_answer(hedges):
    data, wrong = hedges
    rows = reteach(data, question_table(data))
    # boosters: 4 of 8 points = 0.5; rate: 6 of 8 = 0.75; holders: 10 of 12; the exercise is no bank question
    assert [r["grade_id"] for r in rows] == ["l3-boosters", "l3-rate-liu", "l3-holders"]
    top = rows[0]
    assert top["difficulty"] == 0.5 and top["skill"] == "hedges"
    q = data.questions["l3-boosters"]
    assert top["answered"] == 3 and top["wrong_students"] == 2 and top["wrong_share"] == pytest.approx(2 / 3, 1e-3)
    assert q.option(wrong)["text"] in top["wrong_answer"] and top["feedback"] == q.option(wrong)["feedback"]
    assert len(reteach(data, question_table(data), n=1)) == 1


def test_needs_help_follows_the_rule_and_says_why(hedges):
    data, _ = hedges
    rows = needs_help(data, HelpRule())
    # eve has no score; cai earned 1 of 10 points and left 1 of 3 questions unanswered (33%);
    # dee earned every point but has no answers file, so all 3 questions count as unanswered
    assert [r["student"] for r in rows] == ["eve", "cai", "dee"]
    by = {r["student"]: r for r in rows}
    assert by["eve"]["reasons"] == [AUTOGRADE_FAILED]
    assert by["cai"]["share"] == 0.1 and by["cai"]["unanswered"] == 1 and by["cai"]["questions"] == 3
    assert by["cai"]["reasons"] == ["earned 10% of the points", "left 1 of 3 questions unanswered"]
    assert by["dee"]["share"] == 1.0 and by["dee"]["reasons"] == ["left 3 of 3 questions unanswered"]
    # ben earned 5 of the 7 points scored so far (the exercise waits for a teacher): flagged only below 75%
    rows = needs_help(data, HelpRule(below_share=0.75, unanswered_share=0.5))
    by = {r["student"]: r for r in rows}
    assert list(by) == ["eve", "cai", "ben", "dee"]
    assert by["ben"]["share"] == pytest.approx(5 / 7, abs=1e-3) and by["ben"]["reasons"] == ["earned 71% of the points"]
    assert by["cai"]["reasons"] == ["earned 10% of the points"]  # 1 of 3 unanswered is under 50%


def test_the_rule_is_stated_with_its_numbers():
    text = HelpRule(0.4, 0.25).describe()
    assert "40%" in text and "25%" in text and "autograde failed" in text
    assert "over the 3 lessons together" in HelpRule().describe(lessons=3)


CAPSTONE_CELLS = [("04-capstone", "l4-sources", 3.0), ("04-capstone", "l4-he", 1.0),
                  ("04-capstone", "l4-hedges", 5.0), ("04-capstone", "l4-holders", 3.0)]


def test_skills_across_lessons(hedges):
    data, _ = hedges
    capstone = hand_class("04-capstone", CAPSTONE_CELLS, {
        "ana": {"l4-sources": 3.0, "l4-he": 1.0, "l4-hedges": 5.0, "l4-holders": 3.0},
        "cai": {"l4-sources": 3.0, "l4-he": 0.0, "l4-hedges": 1.0, "l4-holders": 0.0},
    })
    rows = {r["skill"]: r for r in skill_table([data, capstone])}
    assert list(rows) == ["hedges", "sources"]
    # hedges in 03: (3+2+2)+(3+2+0)+(1+0+0)+(3+2+2) = 20 of 28; in 04: 5 + 1 = 6 of 10
    assert rows["hedges"]["03-hedges"] == pytest.approx(20 / 28, abs=1e-3)
    assert rows["hedges"]["04-capstone"] == 0.6
    assert rows["hedges"]["all"] == pytest.approx(26 / 38, abs=1e-3)
    assert rows["hedges"]["questions"] == 4
    # sources only in the capstone: 3+1 + 3+0 = 7 of 8
    assert rows["sources"]["03-hedges"] is None and rows["sources"]["04-capstone"] == 0.875
    assert cells_without_skill(data) == ["l3-matcher"] and cells_without_skill(capstone) == ["l4-holders"]
    shares = student_skill_shares([data, capstone], "cai")
    assert shares == {"hedges": pytest.approx(2 / 12, abs=1e-3), "sources": 0.75}
    assert weakest_skill(shares) == ("hedges", shares["hedges"])
    assert weakest_skill({"hedges": 0.2}) is None  # one skill: nothing to compare
    # a student flagged in a lesson gets their weakest skill over every lesson given
    flagged = {r["student"]: r for r in needs_help(data, HelpRule(), [data, capstone])}
    assert flagged["cai"]["weakest_skill"] == {"skill": "hedges", "share": shares["hedges"]}
