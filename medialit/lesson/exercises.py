"""Calling a student's exercise function so that Run All never stops at an unfinished exercise.

A lesson's code exercise is released as a function whose body is nbgrader's stub (``pass``:
the function returns None).  Every cell that calls the student's function calls it through
:func:`try_exercise`, which shows the result when the function works and otherwise writes one
line that says what to do, then lets the notebook run on:

- the function returns None, or raises ``NotImplementedError`` (the stub of lessons released
  before): "finish the exercise above first";
- an argument is None (the result of another unfinished exercise): the same line, without
  calling the function;
- the function raises anything else: the error's type, message and the line of the
  student's code it came from, with "fix the exercise above".

The line goes to stderr.  nbgrader gives a grade cell with output on stderr no points, so the
visible check of an exercise's grading cell still fails (``nbgrader validate`` on a blank
lesson lists it) while Run All goes on to every widget below it.

Limits: a function that may rightly return None cannot be tried this way; an endless loop in
the student's code is not stopped here (nbgrader's time limit stops it while grading).
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from typing import Any


def _name(function: Any) -> str:
    return getattr(function, "__name__", None) or type(function).__name__


def _student_line(exc: BaseException) -> str:
    """' (line N: <code>)' for the innermost frame that ran notebook code, else ''."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "site-packages" not in f.filename
              and not f.filename.endswith(("medialit/lesson/exercises.py", "medialit\\lesson\\exercises.py"))]
    if not frames:
        return ""
    frame = frames[-1]
    code = f": {frame.line.strip()}" if frame.line else ""
    return f" (line {frame.lineno} of {frame.name}{code})"


def unfinished_message(name: str, reason: str) -> str:
    """The line shown for an exercise function that is not written yet."""
    return f"{name} is not finished yet ({reason}): finish the exercise above first, then run this cell again."


def try_exercise(function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """``function(*args, **kwargs)``, or None and one line on stderr when it cannot give a result.

    Never raises for what the student's function does (see the module's docstring); a
    ``KeyboardInterrupt`` (the stop button, nbgrader's time limit) still stops the cell.
    """
    name = _name(function)
    if not callable(function):
        _say(f"{name} is not a function: run the exercise's cell above (the one that starts with 'def'), "
             "then run this cell again.")
        return None
    if any(value is None for value in (*args, *kwargs.values())):
        _say(unfinished_message(name, "an exercise it needs gave None"))
        return None
    try:
        result = function(*args, **kwargs)
    except NotImplementedError:
        _say(unfinished_message(name, "its body is still the placeholder"))
        return None
    except Exception as exc:  # the student's bug: say where, and let the notebook run on
        _say(f"{name} raised {type(exc).__name__}: {exc}{_student_line(exc)}. "
             "Fix the exercise above, run its cell, then run this cell again.")
        return None
    if result is None:
        _say(unfinished_message(name, "it returned None; does it end with 'return'?"))
    return result


def _say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)
