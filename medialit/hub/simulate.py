"""Scripted students: fetch, answer and submit through the real exchange, without a browser.

Each scripted student is a child process that has become the student's OS account
(``setuid``), so the exchange sees exactly what it sees from a student's server: the same
account, permissions, folders and nbgrader exchange classes (including
:class:`~medialit.hub.exchange_guard.SafeSubmit`).  What a student's server adds (the
JupyterLab extension's HTTP call) is left out; the exchange work is the same.

Answers are planned on the instructor's side, where the course's keys are
(:func:`planned_answers`), and written in the student's account with medialit's own answers
store, as the widgets write them (:func:`record_answers`): ``good`` students give full-marks
answers, ``bad`` ones wrong answers, ``none`` students hand in without an answers file.

Limits: Linux, root.  Children are forked from this process, so import nbgrader and medialit
here first (:func:`prepare`) and keep the workers to a few per CPU.
"""

from __future__ import annotations

import os
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from medialit.hub.site import HubSite
from medialit.hub.users import User, lookup

QUALITIES = ("good", "bad", "none")


@dataclass
class Outcome:
    student: str
    ok: bool
    seconds: float
    error: str = ""


def prepare() -> None:
    """Import what the children need, once, before forking."""
    import nbgrader.exchange.default  # noqa: F401
    from nbgrader.exchange import ExchangeFactory  # noqa: F401

    import medialit.hub.exchange_guard  # noqa: F401
    from medialit.answers.store import AnswerStore  # noqa: F401
    from medialit.questions import all_questions

    all_questions()


def _config(site: HubSite) -> Any:
    from traitlets.config.loader import PyFileConfigLoader

    return PyFileConfigLoader("nbgrader_config.py", path=str(site.config_dir)).load_config()


def exchange_action(site: HubSite, action: str, lesson: str) -> None:
    """Run one exchange action (``fetch_assignment``, ``submit``, ``fetch_feedback``) in this process."""
    from nbgrader.auth import Authenticator
    from nbgrader.coursedir import CourseDirectory
    from nbgrader.exchange import ExchangeFactory

    config = _config(site)
    coursedir = CourseDirectory(config=config)
    coursedir.assignment_id = lesson
    factory = ExchangeFactory(config=config)
    make = {"fetch_assignment": factory.FetchAssignment, "submit": factory.Submit,
            "fetch_feedback": factory.FetchFeedback}[action]
    make(coursedir=coursedir, authenticator=Authenticator(config=config), config=config).start()


def planned_answers(lesson: str, quality: str, seed: str = "") -> dict[str, Any]:
    """What a ``quality`` student answers in ``lesson``: ``{question id: stored answer}``.

    ``good`` gives every automatically scored graded question its full-marks answer, any other
    quality a wrong one (each question type says how: ``synthetic_key`` / ``synthetic_answer`` of
    its class), ``none`` nothing.  Questions a teacher marks are left unanswered.  Needs the
    course's keys: call it where the course is (the instructor's side), then hand the answers to
    :func:`record_answers` in the student's account, whose install holds no key.
    """
    import random

    from medialit.questions import questions_for_notebook

    if quality == "none":
        return {}
    rng = random.Random(f"{lesson}/{seed}")
    return {q.id: q.kind.synthetic_key() if quality == "good" else q.kind.synthetic_answer(rng, 0.0)
            for q in questions_for_notebook(lesson) if q.mode == "graded" and q.kind.auto_scored}


def record_answers(lesson: str, folder: Path, answers: dict[str, Any]) -> int:
    """Record ``answers`` in the answers file of ``lesson`` in ``folder``, as the widgets do; returns how many.

    Nothing is written when ``answers`` is empty (the student hands in without an answers file).
    """
    from medialit.answers.store import AnswerStore
    from medialit.questions import questions_for_notebook

    if not answers:
        return 0
    questions = {q.id: q for q in questions_for_notebook(lesson)}
    store = AnswerStore.for_notebook(lesson, folder)
    for qid, value in answers.items():
        store.record(qid, value, questions[qid])
    return len(answers)


def _become(user: User) -> None:
    os.setgroups([])
    os.setgid(user.gid)
    os.setuid(user.uid)
    os.environ.update({"HOME": str(user.home), "USER": user.name, "LOGNAME": user.name})
    os.environ.pop("JUPYTER_CONFIG_DIR", None)
    os.chdir(user.home)


def run_as_students(students: Sequence[str], work: Callable[[str], None], workers: int = 4) -> list[Outcome]:
    """Run ``work(student)`` for every student, each in a child process that is that student."""
    pending = list(students)
    running: dict[int, tuple[str, float, int]] = {}
    outcomes: list[Outcome] = []
    while pending or running:
        while pending and len(running) < workers:
            student = pending.pop(0)
            user = lookup(student)
            if user is None:
                outcomes.append(Outcome(student, False, 0.0, "no such account"))
                continue
            read_fd, write_fd = os.pipe()
            started = time.perf_counter()
            pid = os.fork()
            if pid == 0:  # the child: become the student, work, exit without cleanup handlers
                os.close(read_fd)
                status = 0
                try:
                    _become(user)
                    work(student)
                except BaseException:  # noqa: BLE001 - report anything to the parent
                    os.write(write_fd, traceback.format_exc()[-2000:].encode())
                    status = 1
                os._exit(status)
            os.close(write_fd)
            running[pid] = (student, started, read_fd)
        pid, status = os.wait()
        if pid not in running:
            continue
        student, started, read_fd = running.pop(pid)
        with os.fdopen(read_fd, "rb") as fh:
            error = fh.read().decode(errors="replace")
        outcomes.append(Outcome(student, os.waitstatus_to_exitcode(status) == 0, time.perf_counter() - started, error))
    return outcomes


def fetch_all(site: HubSite, lesson: str, students: Sequence[str], workers: int = 4) -> list[Outcome]:
    return run_as_students(students, lambda s: exchange_action(site, "fetch_assignment", lesson), workers)


def answer_and_submit_all(site: HubSite, lesson: str, qualities: dict[str, str], workers: int = 4) -> list[Outcome]:
    plans = {student: planned_answers(lesson, quality, student) for student, quality in qualities.items()}

    def work(student: str) -> None:
        record_answers(lesson, Path.home() / lesson, plans[student])
        exchange_action(site, "submit", lesson)

    return run_as_students(list(qualities), work, workers)


def fetch_feedback_all(site: HubSite, lesson: str, students: Sequence[str], workers: int = 4) -> list[Outcome]:
    return run_as_students(students, lambda s: exchange_action(site, "fetch_feedback", lesson), workers)


def quality_of(index: int) -> str:
    """Students alternate: good, bad, good, ..., and every tenth hands in no answers file."""
    if index % 10 == 9:
        return "none"
    return QUALITIES[index % 2]


def failures(outcomes: Sequence[Outcome]) -> str:
    bad = [o for o in outcomes if not o.ok]
    return "\n".join(f"{o.student}: {o.error.strip().splitlines()[-1] if o.error else 'failed'}" for o in bad)
