"""The one error shape for files that can hold many problems at once.

Every problem is listed (up to ``limit``), each naming the item it is about, so a user can
fix a file in one pass instead of one error at a time.
"""

from __future__ import annotations


class ProblemsError(ValueError):
    """``problems`` lists each finding; the message shows them under one summary line.

    Subclasses set ``summary`` (formatted with ``where``) and may change ``limit``.
    """

    summary = "{where} is not valid"
    limit = 20

    def __init__(self, problems: list[str], where: str) -> None:
        self.problems = problems
        self.where = where
        shown = "\n".join(f"  - {p}" for p in problems[: self.limit])
        more = f"\n  ... and {len(problems) - self.limit} more" if len(problems) > self.limit else ""
        head = self.summary.format(where=where)
        super().__init__(f"{head} ({len(problems)} problem(s)):\n{shown}{more}")
