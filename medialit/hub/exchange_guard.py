"""nbgrader exchange classes for a class hub: no forged submissions, no half-copied ones.

Configured class-wide (``etc/jupyter/nbgrader_config.py`` of the site)::

    c.ExchangeFactory.submit = "medialit.hub.exchange_guard.SafeSubmit"
    c.ExchangeFactory.collect = "medialit.hub.exchange_guard.OwnerCheckedCollect"

- :class:`OwnerCheckedCollect`: a submission folder names its student
  (``<student>+<assignment>+...``), but anyone may create one in ``inbound/``.  nbgrader's
  collect only warns when the folder's owner is someone else, and may then collect the forged
  folder *instead of* the student's own.  This one leaves such folders out before choosing
  each student's latest submission, and logs who made them.
- :class:`SafeSubmit`: when the exchange is unwritable or runs out of space, nbgrader fails
  with a bare OS error and may leave a half-copied folder that collect would take as the
  submission.  This one removes what it started, and says that the student's work is safe
  where it was and nothing was handed in.

Limits: the owner check relies on the OS account of each submission folder, so the exchange
must be a shared file system that keeps owners (a local disk or NFS, not ngshare).
"""

from __future__ import annotations

import errno
import glob
import os
import pwd
import shutil

from nbgrader.exchange.default.collect import ExchangeCollect
from nbgrader.exchange.default.submit import ExchangeSubmit
from nbgrader.utils import check_mode


def _owner(path: str) -> str:
    try:
        return pwd.getpwuid(os.stat(path).st_uid).pw_name
    except (KeyError, OSError):
        return "an unknown account"


class OwnerCheckedCollect(ExchangeCollect):
    """Collect only submission folders owned by the student they name."""

    def init_src(self) -> None:
        super().init_src()  # checks the course and inbound folders, reads the due date
        student_id = self.coursedir.student_id or "*"
        pattern = os.path.join(self.inbound_path, f"{student_id}+{self.coursedir.assignment_id}+*")
        self.refused: list[tuple[str, str]] = []
        by_student: dict[str, list[dict]] = {}
        for path in glob.glob(pattern):
            record = self._path_to_record(path)
            owner = _owner(path)
            if owner != record["username"]:
                self.refused.append((record["filename"], owner))
                self.log.warning("Refused %s: it names %s but was made by %s", record["filename"],
                                 record["username"], owner)
                continue
            by_student.setdefault(record["username"], []).append(record)
        self.src_records = [self._choose(records) for records in by_student.values()]

    def _choose(self, records: list[dict]) -> dict:
        """The latest submission (with ``--before-duedate``: the latest one before the due date, if any)."""
        ordered = self._sort_by_timestamp(records)
        if self.duedate is not None and self.before_duedate:
            on_time = [r for r in ordered if r["timestamp"] <= self.duedate]
            if on_time:
                return on_time[0]
        return ordered[0]


def _is_full(exc: BaseException) -> bool:
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return True
    text = str(exc)
    return "No space left" in text or "Disk quota exceeded" in text


class SafeSubmit(ExchangeSubmit):
    """Submit, or fail with a message that says the work is safe and nothing was handed in."""

    def _safe_note(self) -> str:
        return (f"Your work is safe in {self.src_path}; nothing was handed in. Tell your instructor, "
                "then submit again.")

    def init_dest(self) -> None:
        inbound = os.path.join(self.root, self.coursedir.course_id, "inbound")
        if os.path.isdir(inbound) and not check_mode(inbound, write=True, execute=True):
            self.fail(f"The class exchange does not accept submissions at the moment ({inbound} is not "
                      f"writable). {self._safe_note()}")
        super().init_dest()

    def copy_files(self) -> None:
        dest = os.path.join(self.inbound_path, self.assignment_filename)
        try:
            super().copy_files()
        except (OSError, RuntimeError) as exc:  # shutil.Error is an OSError; a too-big folder a RuntimeError
            shutil.rmtree(dest, ignore_errors=True)
            cached = os.path.join(self.cache_path, self.assignment_filename.rsplit("+", 1)[0])
            shutil.rmtree(cached, ignore_errors=True)
            if _is_full(exc):
                self.fail(f"The class exchange is full (no space left in {self.root}). {self._safe_note()}")
            self.fail(f"Could not hand in {self.coursedir.assignment_id}: {exc}. {self._safe_note()}")
