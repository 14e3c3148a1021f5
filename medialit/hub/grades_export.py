"""The gradebook as a CSV file that Canvas or Moodle imports: one row per student, one
column per lesson, the student's school id and the total.

Scores are nbgrader's (automatic and manual points, minus any late penalty), as
``nbgrader export`` computes them.  The hub knows students by their hub username; a
*roster* CSV maps each username to the school's ids::

    username,sis_id,login_id,email,first_name,last_name,section
    mlhub-student01,S1001,ana.k,ana@school.invalid,Ana,Kovacs,A

Only ``username`` is required; a missing ``sis_id`` is the username.

- Canvas (Grades > Import): ``Student, ID, SIS User ID, SIS Login ID, Section``, one column per
  lesson, a ``Points Possible`` row, and the total as ``Final Points`` (a column Canvas reads
  as its own read-only total, so the import does not add it as an assignment).  Canvas
  matches rows by SIS User ID or SIS Login ID; ``ID`` (Canvas's internal number) stays empty.
- Moodle (Grades > Import > CSV file): ``ID number, Username, Email address, First name,
  Last name``, one column per lesson, ``Total``; map ``ID number`` (or the email) to the user
  and each lesson column to a grade item in the import form.

Nothing is left out silently: a student with no gradebook entry gets empty cells, a
gradebook student missing from the roster is still written (with the username as id), and
:class:`Export` lists both so the instructor can fix the roster.

Limits: the files follow the import formats documented by Canvas and Moodle; they were not
imported into a live Canvas or Moodle here.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from medialit.errors import MedialitError

FORMATS = ("canvas", "moodle")
ROSTER_FIELDS = ("username", "sis_id", "login_id", "email", "first_name", "last_name", "section")


class ExportError(MedialitError, ValueError):
    """The roster or gradebook cannot be exported; the message says what to fix."""


@dataclass
class Student:
    username: str
    sis_id: str = ""
    login_id: str = ""
    email: str = ""
    first_name: str = ""
    last_name: str = ""
    section: str = ""

    @property
    def display_name(self) -> str:
        if self.last_name or self.first_name:
            return f"{self.last_name}, {self.first_name}".strip(", ")
        return self.username


@dataclass
class Export:
    """The CSV text and what the instructor should know about it."""

    text: str
    lessons: list[str]
    rows: int
    not_in_gradebook: list[str] = field(default_factory=list)
    not_in_roster: list[str] = field(default_factory=list)
    no_submission: dict[str, list[str]] = field(default_factory=dict)  # lesson -> students

    def notes(self) -> list[str]:
        out = []
        if self.not_in_gradebook:
            out.append(f"in the roster but not in the gradebook (written with empty scores): "
                       f"{', '.join(self.not_in_gradebook)}; add them with `nbgrader db student add ID` if they "
                       "are in the class")
        if self.not_in_roster:
            out.append(f"in the gradebook but not in the roster (written with their username as id, which the "
                       f"school's system will not recognise): {', '.join(self.not_in_roster)}; add them to the roster")
        for lesson, names in self.no_submission.items():
            out.append(f"{lesson}: no submission from {len(names)} student(s) (empty cells): {', '.join(names)}")
        return out


def read_roster(path: Path) -> list[Student]:
    """Read a roster CSV (header row with at least ``username``)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ExportError(f"roster not found: {path}") from None
    except UnicodeDecodeError:
        raise ExportError(f"{path} is not UTF-8 text; save the roster as CSV UTF-8") from None
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or "username" not in reader.fieldnames:
        raise ExportError(f"{path}: the first row must name the columns, with at least 'username' "
                          f"(possible columns: {', '.join(ROSTER_FIELDS)})")
    students, seen = [], set()
    for line, row in enumerate(reader, start=2):
        name = (row.get("username") or "").strip()
        if not name:
            raise ExportError(f"{path}, line {line}: no username")
        if name in seen:
            raise ExportError(f"{path}, line {line}: {name} is listed twice")
        seen.add(name)
        students.append(Student(**{f: (row.get(f) or "").strip() for f in ROSTER_FIELDS}))
    return students


def _scores(db_url: str, course_id: str, lessons: list[str] | None) -> tuple[
        list[Student], list[str], dict[str, float], dict[tuple[str, str], float]]:
    """Gradebook students, lessons, each lesson's maximum, and (student, lesson) -> score."""
    from nbgrader.api import Gradebook, MissingEntry

    with Gradebook(db_url, course_id) as gb:
        known = [Student(s.id, email=s.email or "", first_name=s.first_name or "", last_name=s.last_name or "")
                 for s in sorted(gb.students, key=lambda s: s.id)]
        names = sorted(a.name for a in gb.assignments)
        if lessons:
            unknown = [x for x in lessons if x not in names]
            if unknown:
                raise ExportError(f"not in the gradebook: {', '.join(unknown)} (it has: {', '.join(names) or 'none'})")
            names = list(lessons)
        maximum = {a: float(gb.find_assignment(a).max_score) for a in names}
        scores: dict[tuple[str, str], float] = {}
        for lesson in names:
            for sub in gb.assignment_submissions(lesson):
                try:
                    penalty = float(sub.late_submission_penalty or 0)
                except MissingEntry:
                    penalty = 0.0
                scores[(sub.student_id, lesson)] = float(sub.score) - penalty
    return known, names, maximum, scores


def _fmt(x: float | None) -> str:
    return "" if x is None else f"{x:g}"


def export_grades(db_url: str, course_id: str, fmt: str, roster: list[Student] | None = None,
                  lessons: list[str] | None = None) -> Export:
    """Build the CSV for ``fmt`` ("canvas" or "moodle") from the gradebook at ``db_url``."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; use {' or '.join(FORMATS)}")
    known, names, maximum, scores = _scores(db_url, course_id, lessons)
    known_ids = {s.username for s in known}
    by_name = {s.username: s for s in known}
    if roster is None:
        students, not_in_gradebook, not_in_roster = known, [], []
    else:
        roster_ids = {s.username for s in roster}
        not_in_gradebook = [s.username for s in roster if s.username not in known_ids]
        not_in_roster = sorted(known_ids - roster_ids)
        students = list(roster) + [by_name[n] for n in not_in_roster]
    no_submission = {lesson: [s.username for s in students if (s.username, lesson) not in scores] for lesson in names}
    no_submission = {k: v for k, v in no_submission.items() if v}

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    if fmt == "canvas":
        writer.writerow(["Student", "ID", "SIS User ID", "SIS Login ID", "Section", *names, "Final Points"])
        writer.writerow(["    Points Possible", "", "", "", "", *(_fmt(maximum[n]) for n in names),
                         _fmt(sum(maximum.values()))])
    else:
        writer.writerow(["ID number", "Username", "Email address", "First name", "Last name", *names, "Total"])
    for s in students:
        cells = [scores.get((s.username, n)) for n in names]
        total = sum(c for c in cells if c is not None) if any(c is not None for c in cells) else None
        sis = s.sis_id or s.username
        if fmt == "canvas":
            writer.writerow([s.display_name, "", sis, s.login_id, s.section, *map(_fmt, cells), _fmt(total)])
        else:
            writer.writerow([sis, s.username, s.email, s.first_name, s.last_name, *map(_fmt, cells), _fmt(total)])
    return Export(buf.getvalue(), names, len(students), not_in_gradebook, not_in_roster, no_submission)


def course_gradebook(course_dir: Path) -> tuple[str, str]:
    """The gradebook URL and course id of the course whose nbgrader folder is ``course_dir``."""
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config.loader import PyFileConfigLoader

    course_dir = course_dir.resolve()
    if not (course_dir / "nbgrader_config.py").is_file():
        raise ExportError(f"{course_dir} has no nbgrader_config.py; give the folder you run nbgrader from "
                          "(the course's autograder/)")
    config = PyFileConfigLoader("nbgrader_config.py", path=str(course_dir)).load_config()
    coursedir = CourseDirectory(config=config)
    if "root" not in config.get("CourseDirectory", {}):
        coursedir.root = str(course_dir)
    db = coursedir.db_url
    if db.startswith("sqlite:///") and not Path(db.removeprefix("sqlite:///")).exists():
        raise ExportError(f"the gradebook {db.removeprefix('sqlite:///')} does not exist yet: generate and grade "
                          "a lesson first")
    return db, coursedir.course_id


def write_export(export: Export, out: Path, force: bool = False) -> None:
    from medialit.core.annotation import atomic_write_text

    if out.exists() and not force:
        raise ExportError(f"{out} already exists; choose another file or add --force")
    atomic_write_text(out, export.text)
