"""nbgrader's exchange: the shared folder assignments go out through and submissions come in.

Layout and permissions (nbgrader's own, plus two sticky bits)::

    <root>/                 1777  everyone may create a course folder, nobody may rename another's
      <course_id>/          0755  the instructor's
        outbound/           0755  released assignments: everyone reads
        inbound/            3733  submissions: everyone may add, nobody may list; sticky, so a
                                  student cannot rename or delete someone else's
        feedback/           0711  released feedback: reached only by its secret file name

Submission folders are named ``<student>+<assignment>+<timestamp>+<random>``; the random part
means a student cannot guess another's folder.  nbgrader itself only *warns* when a folder
names a student other than its owner; :mod:`medialit.hub.exchange_guard` refuses it.

:func:`check_exchange` tells an instructor, before a release or collect, whether the
exchange is there, writable and has room.
"""

from __future__ import annotations

import os
import shutil
import stat
from dataclasses import dataclass
from pathlib import Path

from medialit.hub.users import User

ROOT_MODE = 0o1777
COURSE_MODE = 0o755
INBOUND_MODE = 0o3733
OUTBOUND_MODE = 0o755
FEEDBACK_MODE = 0o711
#: Below this much free space a release or a class's submissions may not fit.
LOW_SPACE = 200 * 1024 * 1024


def prepare_exchange(root: Path, course_id: str, instructor: User) -> Path:
    """Create (or repair) the exchange root and the course's folders; returns the course folder."""
    root.mkdir(parents=True, exist_ok=True)
    for parent in root.parents:
        mode = stat.S_IMODE(parent.stat().st_mode)
        if not mode & 0o001:
            raise PermissionError(f"{parent} is closed to other users (mode {mode:04o}), so students cannot "
                                  f"reach the exchange {root}; choose another place")
    os.chmod(root, ROOT_MODE)
    course = root / course_id
    for path, mode in ((course, COURSE_MODE), (course / "outbound", OUTBOUND_MODE),
                       (course / "inbound", INBOUND_MODE), (course / "feedback", FEEDBACK_MODE)):
        path.mkdir(exist_ok=True)
        os.chown(path, instructor.uid, instructor.gid)
        os.chmod(path, mode)
    return course


@dataclass
class ExchangeHealth:
    """What :func:`check_exchange` found: problems to fix, and the free space."""

    problems: list[str]
    free_bytes: int | None

    @property
    def ok(self) -> bool:
        return not self.problems


def check_exchange(root: Path, course_id: str, *, low_space: int = LOW_SPACE) -> ExchangeHealth:
    """Check the exchange as the instructor sees it: present, right modes, room left."""
    problems: list[str] = []
    if not root.is_dir():
        return ExchangeHealth([f"the exchange {root} does not exist: create it with "
                               f"`mkdir -p {root} && chmod 1777 {root}` (as root)"], None)
    mode = stat.S_IMODE(root.stat().st_mode)
    if mode & 0o777 != 0o777:
        problems.append(f"{root} has mode {mode:04o}: students cannot write to it; run `chmod 1777 {root}` as root")
    free = shutil.disk_usage(root).free
    if free < low_space:
        problems.append(f"only {free // (1024 * 1024)} MB free on the exchange's disk ({root}): submissions may "
                        "not fit; free some space or move the exchange (c.Exchange.root)")
    course = root / course_id
    expected = {"inbound": INBOUND_MODE & 0o777, "outbound": OUTBOUND_MODE, "feedback": FEEDBACK_MODE}
    if course.is_dir():
        for name, want in expected.items():
            path = course / name
            if not path.is_dir():
                problems.append(f"{path} is missing; `nbgrader release_assignment` creates it")
                continue
            have = stat.S_IMODE(path.stat().st_mode) & 0o777
            if have != want:
                problems.append(f"{path} has mode {have:04o} instead of {want:04o}; "
                                f"`chmod {want:o} {path}` as the instructor")
    return ExchangeHealth(problems, free)
