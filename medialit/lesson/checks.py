"""Checks a student can run in the visible part of a grading cell.

``answered(qid)`` tells whether the question has an answer yet.  A question's grading cell
holds only this check, in the source and in the release alike.  An unanswered question gets
one line on stderr saying what to do, and no value that could read as a score; nbgrader gives
a grade cell with output on stderr no points, so ``nbgrader validate`` on a student's notebook
lists the graded questions still unanswered, and on a blank lesson every such cell fails.

Under ``nbgrader autograde`` (``NBGRADER_EXECUTION`` set to anything but ``validate``) it
returns 0.0 whatever was answered: the score of a question cell is set outside the kernel
(:mod:`medialit.grading.nbgrader_scoring`), so a course set up without that step scores its
question cells 0, never full marks.

Limit: it says nothing about whether the answer is right; ``reveal(qid)`` does that.
"""

from __future__ import annotations

import warnings


def answered(qid: str) -> float | None:
    """None when ``qid`` has a recorded answer; else print what to do on stderr and return None.

    While nbgrader grades (``NBGRADER_EXECUTION`` set, except ``validate``): print that the
    grader scores the question and return 0.0.

    Never raises for a student's mistake: an unknown question, a missing or broken answers
    file all print a line on stderr (which nbgrader reads as "no points yet") and return None.
    """
    import os
    import sys

    from medialit.answers.store import AnswersFileWarning, AnswerStore
    from medialit.grading.score import find_answers_file

    if os.environ.get("NBGRADER_EXECUTION") not in (None, "", "validate"):
        print(f"{qid}: scored by medialit's grading step from the answers you submitted. If this line stays in "
              "your feedback, that step did not run and the question scores 0: tell your teacher.")
        return 0.0
    from medialit.questions import QuestionBankError, UnknownQuestionError, find_question

    try:
        question = find_question(qid)
    except (UnknownQuestionError, QuestionBankError) as exc:
        print(f"{qid}: cannot be checked: {exc}", file=sys.stderr)
        return None
    path = find_answers_file(question)
    if path is not None and path.exists():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", AnswersFileWarning)
            store = AnswerStore.open(path)
        if store.get(qid) is not None:
            return None
    print(f"{qid} has no answer yet: answer it in the widget above (it saves as you go).", file=sys.stderr)
    return None
