"""Grading: an answer scored against its key, a grading cell's ``grade(qid)``, a whole class.

Released lessons import ``from medialit.grading import grade`` in their hidden tests, so
that name stays here.
"""

from medialit.grading.score import Score, find_answers_file, grade, score

__all__ = ["Score", "find_answers_file", "grade", "score"]
