"""Checks a student can run in the visible part of a grading cell.

``answered(qid)`` tells whether the question has an answer yet.  In a released lesson the
grading cell holds only this check (the scoring call is a hidden test that nbgrader puts
back when the teacher grades), so ``nbgrader validate`` on a student's notebook lists the
graded questions still unanswered, and on a blank lesson every such cell fails.

Limit: it says nothing about whether the answer is right; ``reveal(qid)`` does that.
"""

from __future__ import annotations

import warnings


def answered(qid: str) -> float | None:
    """None when ``qid`` has a recorded answer; else print what to do and return 0.0.

    Never raises for a student's mistake: an unknown question, a missing or broken answers
    file all print a line and return 0.0 (which nbgrader reads as "no points yet").
    """
    from medialit.answers.store import AnswersFileWarning, AnswerStore
    from medialit.grading.score import find_answers_file
    from medialit.questions import QuestionBankError, UnknownQuestionError, find_question

    try:
        question = find_question(qid)
    except (UnknownQuestionError, QuestionBankError) as exc:
        print(f"{qid}: cannot be checked: {exc}")
        return 0.0
    path = find_answers_file(question)
    if path is not None and path.exists():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", AnswersFileWarning)
            store = AnswerStore.open(path)
        if store.get(qid) is not None:
            return None
    print(f"{qid} has no answer yet: answer it in the widget above (it saves as you go).")
    return 0.0
