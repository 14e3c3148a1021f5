"""What the people of the test class do, as commands run under their own OS accounts.

Students run nbgrader and Python from the students' environment in their home folder, the
instructor runs nbgrader and ``medialit`` from the instructor's environment in the course's
``autograder/`` folder: what each would type in their server's terminal.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from medialit.hub.course_folder import nbgrader_dir
from medialit.hub.roles import as_member, instructor_nbgrader, student_nbgrader
from medialit.hub.simulate import planned_answers
from tests.support.hub_class import ClassHub

ANSWER_SCRIPT = ("import json, sys; from pathlib import Path; from medialit.hub.simulate import record_answers; "
                 "print(record_answers(sys.argv[1], Path(sys.argv[2]), json.loads(sys.argv[3])))")


def release(hub: ClassHub, lesson: str) -> None:
    instructor_nbgrader(hub.site, "release_assignment", "--force", lesson)


def fetch(hub: ClassHub, student: str, lesson: str) -> Path:
    folder = hub.home(student) / lesson
    if not folder.exists():
        student_nbgrader(hub.site, student, "fetch_assignment", lesson)
    return folder


def answer(hub: ClassHub, student: str, lesson: str, quality: str) -> int:
    """Answer the lesson's graded questions as the widgets would (good, bad or none); returns how many."""
    return answer_in(hub, student, lesson, quality, hub.home(student) / lesson)


def answer_in(hub: ClassHub, student: str, lesson: str, quality: str, folder: Path) -> int:
    """:func:`answer`, in the lesson folder ``folder``: planned here, where the course's keys are,
    and recorded by the student's own account and install, which holds no key."""
    plan = planned_answers(lesson, quality, student)
    proc = as_member(hub.site, student, ["python", "-c", ANSWER_SCRIPT, lesson, str(folder), json.dumps(plan)])
    return int(proc.stdout.strip())


def as_member_ok(hub: ClassHub, user: str, argv: list[str]) -> subprocess.CompletedProcess:
    return as_member(hub.site, user, argv)


def submit(hub: ClassHub, student: str, lesson: str, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    return student_nbgrader(hub.site, student, "submit", lesson, *args, check=check)


def teacher(hub: ClassHub, *argv: str, check: bool = True) -> subprocess.CompletedProcess:
    """A command as the instructor, from the course's nbgrader folder."""
    return as_member(hub.site, hub.teacher, list(argv), cwd=nbgrader_dir(hub.site.course_dir), check=check)


def collect(hub: ClassHub, lesson: str) -> str:
    """``medialit hub collect`` as the instructor; returns its report."""
    return teacher(hub, "medialit", "hub", "collect", lesson).stdout


def inbound_entries(hub: ClassHub, student: str, lesson: str) -> list[str]:
    """Submission folders of ``student`` in the exchange (read as root)."""
    inbound = hub.site.exchange / hub.site.course_id / "inbound"
    return sorted(p.name for p in inbound.glob(f"{student}+{lesson}+*"))


def collected(hub: ClassHub, student: str, lesson: str) -> Path:
    return nbgrader_dir(hub.site.course_dir) / "submitted" / student / lesson


def gradebook_submission(hub: ClassHub, student: str, lesson: str) -> dict:
    """Score, maximum and seconds late of a submission in the gradebook (read as root)."""
    from nbgrader.api import Gradebook

    db = f"sqlite:///{nbgrader_dir(hub.site.course_dir) / 'gradebook.db'}"
    with Gradebook(db, hub.site.course_id) as gb:
        sub = gb.find_submission(lesson, student)
        return {"score": float(sub.score), "max_score": float(sub.max_score),
                "seconds_late": float(sub.total_seconds_late)}


def as_student(hub: ClassHub, student: str, *argv: str) -> subprocess.CompletedProcess:
    return as_member(hub.site, student, list(argv), check=False)


def instructor_nbgrader_ok(hub: ClassHub, *args: str) -> str:
    return instructor_nbgrader(hub.site, *args).stdout
