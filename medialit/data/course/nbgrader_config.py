"""nbgrader set-up of a medialit course (the folder above this one is the course root).

The instructor notebooks in ``solutions/`` are the nbgrader source, the student notebooks in
``lessons/`` are the release, and everything nbgrader writes while grading (submissions,
autograded copies, feedback, the gradebook) stays in ``autograder/``.  Run every nbgrader
command from this folder (``cd autograder``) so that nbgrader finds this file; see the
instructor guide, ``autograder/README.md`` in the medialit repository.

The repository's own course uses this file as it is; ``medialit course new`` starts every
new course with a copy of it (the package's ``medialit/data/course/nbgrader_config.py``,
which the lessons build keeps equal to this file).
"""

from pathlib import Path

from medialit.course.lessons import lesson_ids

c = get_config()  # noqa: F821  (nbgrader provides get_config when it reads this file)

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

#: The lessons, in teaching order (the folders of ``lesson-sources/``); each is one
#: assignment of one notebook of the same name.
LESSONS = lesson_ids(ROOT)

c.CourseDirectory.course_id = "medialit"
c.CourseDirectory.root = str(ROOT)
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "lessons"
c.CourseDirectory.submitted_directory = "autograder/submitted"
c.CourseDirectory.autograded_directory = "autograder/autograded"
c.CourseDirectory.feedback_directory = "autograder/feedback"
c.CourseDirectory.db_url = f"sqlite:///{HERE / 'gradebook.db'}"

# A student's answers (``<lesson>.answers.json`` beside the notebook) are part of the
# submission.  Two rules keep them safe:
# - generate_assignment must never copy an instructor's answers file from solutions/ into
#   the release (the instructor creates one just by trying the widgets in a solution);
# - autograde must copy the student's file and never overwrite it with a source version.
ANSWERS_GLOB = "*.answers.json"
_ignored = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback", "*.answers.json.bak*"]
c.CourseDirectory.ignore = _ignored
c.GenerateAssignmentApp.CourseDirectory.ignore = _ignored + [ANSWERS_GLOB]
c.Autograde.exclude_overwriting = {lesson: [f"{lesson}.answers.json"] for lesson in LESSONS}

# Each cell gets this long before it is interrupted (an endless loop in a code exercise
# then scores zero for that exercise only); every lesson runs in a few seconds.
c.Execute.timeout = 20
c.Execute.interrupt_on_timeout = True

# What students see in place of a solution (code exercise, written answer).  Locked and
# grading cells need no setting: autograde restores them from the source.
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"

# Feedback shows each grading cell's explanation, never the hidden tests that produced it:
# ClearHiddenTests removes them from the cell, and ShortErrors cuts an error in a grading
# cell down to its last line, because a traceback quotes the lines around the failure
# (an endless loop interrupted inside a hidden test would otherwise show the test's code).
from nbconvert.preprocessors import Preprocessor  # noqa: E402
from traitlets import Bool  # noqa: E402


class ShortErrors(Preprocessor):
    """Replace the traceback of an error in a grading cell with ``Name: message``."""

    enabled = Bool(True)

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "code" and cell.metadata.get("nbgrader", {}).get("grade"):
            for out in cell.outputs:
                if out.output_type == "error":
                    out.traceback = [f"{out.ename}: {out.evalue}"]
        return cell, resources


c.GenerateFeedback.preprocessors = [
    "nbgrader.preprocessors.GetGrades",
    "nbgrader.preprocessors.ClearHiddenTests",
    ShortErrors,
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
]
