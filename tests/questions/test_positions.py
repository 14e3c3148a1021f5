"""Where the right answers sit in the banks' own order: no position, and no key order, gives them away.

The bias rule (medialit.questions.positions): for graded single and multiple choice, no
position may hold more right options than ceil(expected) + 1, where the expected count is
what a random order gives (for n single-choice questions of k options: n/k); no
multiple-choice question may list exactly its right options first (or last); the items of
a graded classification question of four or more may not be grouped in the categories'
order (concordance above 0.75) or its reverse (below 0.25).  The counts are printed per
bank and for the whole course (``pytest -s`` shows them).
"""

from __future__ import annotations

import copy

import pytest

from medialit.course.lessons import BANK_FILE, lesson_dir, lesson_ids
from medialit.questions import load_bank
from medialit.questions.positions import bias_problems, concordance, position_counts, position_report, spread_positions
from tests.support.paths import REPO

LESSONS = lesson_ids(REPO)


def bank(lesson: str):
    return load_bank(lesson_dir(REPO, lesson) / BANK_FILE)


@pytest.mark.parametrize("lesson", LESSONS)
def test_no_bank_gives_the_answer_away_by_position(lesson):
    questions = bank(lesson).questions
    print(f"\n{lesson}\n" + "\n".join(position_report(questions)))
    assert bias_problems(questions, lesson) == []


def test_the_whole_course_spreads_the_right_options():
    questions = [q for lesson in LESSONS for q in bank(lesson).questions]
    print("\nwhole course (position: right options (expected))\n" + "\n".join(position_report(questions)))
    assert bias_problems(questions, "course") == []
    counts, _ = position_counts(questions, "single")
    assert sum(counts) >= 8 and max(counts) < sum(counts) / 2  # the answer is not "always the first one"


def choice(qid, qtype, flags):
    return {"id": qid, "type": qtype, "mode": "graded", "points": 1, "prompt": "?",
            "options": [{"id": f"o{i}", "text": f"option {i}", "feedback": "-", "correct": f}
                        for i, f in enumerate(flags)]}


def classify(qid, answers, categories=("a", "b", "c")):
    return {"id": qid, "type": "classify", "mode": "graded", "points": 1, "prompt": "?",
            "categories": [{"id": c, "text": c} for c in categories],
            "items": [{"id": f"i{i}", "text": f"item {i}", "answer": a} for i, a in enumerate(answers)]}


def test_the_rule_finds_right_answers_listed_first_and_items_in_key_order():
    first = [choice(f"s{i}", "single", [True, False, False, False]) for i in range(6)]
    found = bias_problems(first)
    assert found == ["single choice: position 1 holds 6 right options (a random order gives about 1.5; at most 3)"]
    assert bias_problems([choice("m", "multiple", [True, True, False, False, False])]) == [
        "m: its right options are exactly its first 2"]
    diagonal = classify("d", ["a", "b", "c", "c"])
    assert concordance(diagonal) == pytest.approx(1.0)
    assert bias_problems([diagonal]) == ["d: its items are in the key's order (concordance 1.00, allowed 0.25..0.75)"]
    # a random-looking order passes; a small bank is allowed a little luck
    lucky = [choice("x", "single", [False, True, False]), choice("y", "single", [True, False, False])]
    assert bias_problems(lucky) == []


def test_spreading_fixes_a_biased_bank_without_changing_its_content():
    questions = ([choice(f"s{i}", "single", [True, False, False, False]) for i in range(8)]
                 + [choice(f"m{i}", "multiple", [True, True, True, False, False, False]) for i in range(4)]
                 + [classify("c", ["a", "a", "b", "b", "c", "c"])])
    before = copy.deepcopy(questions)
    spread_positions(questions, seed="test")
    assert bias_problems(questions) == []
    for old, new in zip(before, questions, strict=True):
        for key in ("options", "items"):
            assert sorted(old.get(key, []), key=lambda x: x["id"]) == sorted(new.get(key, []), key=lambda x: x["id"])
    again = copy.deepcopy(before)
    spread_positions(again, seed="test")
    assert again == questions  # the same seed, the same order

