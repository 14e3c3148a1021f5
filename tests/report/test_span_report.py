"""The spans view of the class report, on classes whose answers are written by hand (no gradebook)."""

from __future__ import annotations

import pytest

from medialit.report.class_report import ClassData
from medialit.report.span_report import span_analysis


def liu_class(answers_by_student):
    from medialit.questions import find_question

    q = find_question("l3-liu")
    students = sorted(answers_by_student)
    return ClassData("03-hedges", students, [("03-hedges", "l3-liu", 4.0)],
                     {s: {"l3-liu": 0.0} for s in students},
                     {s: {"l3-liu": q.check_answer(a)} if a is not None else {} for s, a in answers_by_student.items()},
                     {"l3-liu": q})


def as_answer(refs):
    return [{"start": s.start, "end": s.end, "label": label} for s, label, _ in refs]


def test_passages_every_student_found_are_not_listed_as_missed():
    from medialit.questions import find_question

    refs = find_question("l3-liu").key_spans()
    # everyone finds the first passage; the second is missed by one student; the rest by two
    data = liu_class({"ana": as_answer(refs), "ben": as_answer(refs[:2]), "cai": as_answer(refs[:1]),
                      "dee": None})
    sa = span_analysis(data, "l3-liu")
    missed = {r["text"]: r["hit_rate"] for r in sa["most_missed"]}
    assert refs[0][0].text not in missed, "a passage that every student found is listed as missed"
    assert missed[refs[1][0].text] == pytest.approx(2 / 3, abs=1e-3)
    assert all(rate < 1 for rate in missed.values())
    assert list(missed) == [r[0].text for r in refs[2:]] + [refs[1][0].text]  # least found first


def test_nothing_is_missed_when_every_student_found_everything():
    from medialit.questions import find_question

    refs = find_question("l3-liu").key_spans()
    sa = span_analysis(liu_class({"ana": as_answer(refs), "ben": as_answer(refs)}), "l3-liu")
    assert sa["most_missed"] == []
    assert [r["hit_rate"] for r in sa["reference"]] == [1.0] * len(refs)  # still in the full list
