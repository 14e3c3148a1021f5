"""The errors medialit reports to its user.

:class:`MedialitError` is the base of every error the package raises for its user to act
on (a missing article, a malformed file, bad options): the ``medialit`` command prints its
message without a traceback and exits with its :attr:`~MedialitError.exit_code`.  Each
subclass also keeps the built-in base it always had (``ValueError``, ``LookupError``,
``OSError`` ...), so ``except ValueError:`` catches what it caught before.

:class:`ProblemsError` is the one shape for files that can hold many problems at once:
every problem is listed (up to ``limit``), each naming the item it is about, so a user can
fix a file in one pass instead of one error at a time.
"""

from __future__ import annotations


class MedialitError(Exception):
    """An error its user can fix; the message says what is wrong and how to fix it."""

    #: The ``medialit`` command's exit status when this error ends a command: 2, bad usage
    #: or input.  A subclass sets 1 when the error means that a check found problems.
    exit_code: int = 2


class ProblemsError(MedialitError, ValueError):
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
