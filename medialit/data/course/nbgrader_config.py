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
from medialit.grading.nbgrader_scoring import configure as configure_medialit

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
# submission, and a solution folder may hold an instructor's (the reference answers that
# let ``nbgrader validate`` pass, or one made just by trying the widgets).  So
# - generate_assignment never copies an answers file from solutions/ into the release;
# - autograde copies no answers file of solutions/ over a submission, whatever its name
#   (configure_medialit below lists them in Autograde.exclude_overwriting), and medialit's
#   scoring reads the student's own file from the submitted folder before any cell runs.
ANSWERS_GLOB = "*.answers.json"
_ignored = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback", "*.answers.json.bak*"]
c.CourseDirectory.ignore = _ignored
c.GenerateAssignmentApp.CourseDirectory.ignore = _ignored + [ANSWERS_GLOB]

# Each cell gets this long before it is interrupted (an endless loop in a code exercise
# then scores zero for that exercise only); every lesson runs in a few seconds.
c.Execute.timeout = 20
c.Execute.interrupt_on_timeout = True

# What students see in place of a solution (code exercise, written answer).  Locked and
# grading cells need no setting: autograde restores them from the source.  The code stub
# must not raise, so that Run All reaches every question of an unfinished lesson: the
# function returns None, and the cells that call it (through ``try_exercise``) say
# "finish the exercise above first" on stderr, which nbgrader scores as a failed check.
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\npass"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"

# Scores no notebook code can change, and feedback that shows only what students may see
# (medialit.grading.nbgrader_scoring says how):
# - autograde scores every question cell from the submitted answers file, read before any
#   cell runs; the graded folder holds the student's answers files only;
# - a locked cell left as released gets its hidden tests back without nbgrader's checksum
#   warning, so that warning stands for a cell a student changed;
# - feedback shows each grading cell's explanation, never the hidden tests that produced it,
#   an error in a grading cell only as its last line, and no folder of the instructor's.
configure_medialit(c)
