"""Scripted students (the benchmark's) through the real exchange: fetch, answer, submit, feedback."""

from __future__ import annotations

import pytest

from medialit.hub import simulate, users
from tests.support import hub_actions as act

pytestmark = pytest.mark.hub

LESSON = "02-framing"


def test_scripted_students_go_through_the_exchange_as_themselves(class_hub):
    hub = class_hub
    act.release(hub, LESSON)
    simulate.prepare()
    fetched = simulate.fetch_all(hub.site, LESSON, hub.students, workers=3)
    assert all(o.ok for o in fetched), simulate.failures(fetched)
    for student in hub.students:
        notebook = hub.home(student) / LESSON / f"{LESSON}.ipynb"
        assert notebook.stat().st_uid == users.lookup(student).uid  # fetched by the student's own account
    qualities = dict(zip(hub.students, ("good", "bad", "none"), strict=True))
    submitted = simulate.answer_and_submit_all(hub.site, LESSON, qualities, workers=3)
    assert all(o.ok for o in submitted), simulate.failures(submitted)
    report = act.collect(hub, LESSON)
    assert f"{LESSON}: 3 submission(s) collected" in report
    assert f"no {LESSON}.answers.json" in report and hub.students[2] in report
    act.teacher(hub, "medialit", "grade", ".", LESSON)
    scores = {s: act.gradebook_submission(hub, s, LESSON)["score"] for s in hub.students}
    good, bad, none = (scores[s] for s in hub.students)
    assert good > bad >= 0 and none == 0, scores
    denied = simulate.run_as_students([hub.students[0]], lambda s: open(hub.site.course_dir / "x").read())
    assert not denied[0].ok and "Permission denied" in denied[0].error  # the children really are the student
