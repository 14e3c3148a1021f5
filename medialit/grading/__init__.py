"""Grading: an answer scored against its key, a grading cell's ``grade(qid)``, a whole class.

Notebooks import ``from medialit.grading import grade`` (lessons released earlier, in their
hidden tests; learners, to check an answer themselves), so that name stays here.  Under
``nbgrader autograde`` a question cell is scored outside the kernel
(:mod:`medialit.grading.nbgrader_scoring`, with :mod:`medialit.grading.cell_scores`).
"""

from medialit.grading.score import Score, find_answers_file, grade, score

__all__ = ["Score", "find_answers_file", "grade", "score"]
