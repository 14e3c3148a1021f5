"""What an instructor should know after collecting: who handed in, late, without answers.

:func:`collect` runs ``nbgrader collect --update`` (the newest submission of each student
wins; older ones stay in the exchange) and :func:`report` then reads the collected folders:

- a submission after the lesson's due date (in the gradebook) is *late*;
- a submission without ``<lesson>.answers.json`` is graded as if no question was answered:
  the student's answers are still in their own server, and they should submit again;
- a submission folder that names one student but was made by another account is *refused*
  by :class:`~medialit.hub.exchange_guard.OwnerCheckedCollect` and listed.

Limits: reads what nbgrader collected; submissions still in the exchange are not looked at.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

REFUSED = re.compile(r"Refused (.+?): it names (\S+) but was made by (.+)$", re.MULTILINE)


@dataclass
class Handed:
    student: str
    timestamp: datetime | None
    seconds_late: float
    has_answers: bool


@dataclass
class CollectReport:
    lesson: str
    due: datetime | None
    submissions: list[Handed] = field(default_factory=list)
    refused: list[tuple[str, str, str]] = field(default_factory=list)  # folder, named student, real owner

    @property
    def late(self) -> list[Handed]:
        return [h for h in self.submissions if h.seconds_late > 0]

    @property
    def without_answers(self) -> list[Handed]:
        return [h for h in self.submissions if not h.has_answers]

    def lines(self) -> list[str]:
        out = [f"{self.lesson}: {len(self.submissions)} submission(s) collected"
               + (f" (due {self.due:%Y-%m-%d %H:%M} UTC)" if self.due else " (no due date in the gradebook)")]
        if self.late:
            out.append("  late: " + ", ".join(f"{h.student} ({_duration(h.seconds_late)} late)" for h in self.late))
        if self.without_answers:
            out.append(f"  no {self.lesson}.answers.json (graded as if no question was answered): "
                       + ", ".join(h.student for h in self.without_answers)
                       + f"; their answers are in ~/{self.lesson}/ on their server: ask them to submit again, "
                         "then collect again")
        for folder, named, owner in self.refused:
            out.append(f"  refused {folder}: it names {named} but was made by {owner} (a submission made in "
                       "someone else's name; the student's own submission was collected instead)")
        return out


def _duration(seconds: float) -> str:
    minutes = seconds / 60
    if minutes < 120:
        return f"{minutes:.0f} min"
    hours = minutes / 60
    return f"{hours:.1f} h" if hours < 48 else f"{hours / 24:.1f} days"


def report(course_dir: Path, lesson: str, log_text: str = "") -> CollectReport:
    """Read the collected submissions of ``lesson`` in the course whose nbgrader folder is ``course_dir``."""
    from nbgrader.api import Gradebook
    from nbgrader.utils import parse_utc

    from medialit.grading.class_grading import load_course

    course = load_course(course_dir, lesson)
    with Gradebook(course.db_url, course.course_id) as gb:
        due = gb.find_assignment(lesson).duedate
    result = CollectReport(lesson, due, refused=[m.groups() for m in REFUSED.finditer(log_text)])
    for student in course.students():
        folder = course.submitted_dir(student)
        stamp_file = folder / "timestamp.txt"
        stamp = parse_utc(stamp_file.read_text().strip()) if stamp_file.exists() else None
        if stamp is not None and stamp.tzinfo is not None:
            stamp = stamp.replace(tzinfo=None)
        late = (stamp - due).total_seconds() if stamp and due else 0.0
        has_answers = all((folder / f"{nb}.answers.json").exists() for nb in course.notebooks)
        result.submissions.append(Handed(student, stamp, max(late, 0.0), has_answers))
    return result


def collect(course_dir: Path, lesson: str) -> tuple[int, str]:
    """Run ``nbgrader collect --update LESSON`` in ``course_dir``; returns its exit status and output."""
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    proc = subprocess.run([str(Path(sys.executable).parent / "nbgrader"), "collect", "--update", lesson],
                          cwd=course_dir, env=env, capture_output=True, text=True)
    return proc.returncode, proc.stdout + proc.stderr
