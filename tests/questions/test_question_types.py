"""Question types: the registry, and a new type added in one class, end to end.

The toy type ``estimate`` (guess a number; full points within ``tolerance`` of the key,
half within twice that) lives only in this file and in a temporary registry, with its
schema entry given here: a bank holding it loads and validates, its widget is built and
records an answer into the answers file, the answer is read back and graded, and the class
report codes it for agreement.  Afterwards the registry is as it was.
"""

from __future__ import annotations

import json
import random
import re
import textwrap
from typing import Any

import pytest

from medialit.answers.store import AnswerStore
from medialit.core import annotation as ann
from medialit.grading.score import Score, grade
from medialit.questions import AnswerFormError, QuestionBankError, check_bank, find_question, load_bank
from medialit.questions.schemas import answers_problems
from medialit.questions.types import register, temporary_types, type_class, type_names
from medialit.questions.types.base import AgreementCoding, QuestionType, esc, points
from tests.support.paths import REPO
from tests.support.quiz_env import setup_quiz_env

NOTEBOOK = "toy-lesson"

ESTIMATE_SCHEMA_ENTRY = {
    "properties": {"tolerance": {"type": "number", "minimum": 0, "description": "estimate: how far off still earns "
                                                                                 "full points"}},
    "then": {"required": ["answer", "tolerance"], "properties": {"answer": {"type": "number"}}},
}


class EstimateType(QuestionType):
    """A number to estimate, e.g. how many sources a story quotes."""

    name = "estimate"
    answer_schema = {"type": "number"}

    def check(self, value: Any) -> float:
        q = self.question
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise AnswerFormError(f"{q.id}: give a number; got {value!r}")
        return float(value)

    def describe(self, value: Any) -> str:
        return f"estimated {value:g}"

    def example(self) -> str:
        return "12"

    def key(self) -> float:
        return float(self.question.data["answer"])

    def score(self, value: float, article: Any = None) -> Score:
        q = self.question
        off = abs(value - self.key())
        tolerance = float(q.data["tolerance"])
        fraction = 1.0 if off <= tolerance else 0.5 if off <= 2 * tolerance else 0.0
        return Score(points(q, fraction), q.points, [f"Your estimate is {off:g} away from the reference."])

    def reference_items(self) -> list[str]:
        return [f"<li>{esc(self.key())} (give or take {esc(self.question.data['tolerance'])})</li>"]

    def problems(self) -> list[str]:
        q = self.question
        found = super().problems()
        if q.data["tolerance"] > abs(q.data["answer"]):
            found.append(f"{q.where}: tolerance {q.data['tolerance']} is larger than the answer itself")
        return found

    @classmethod
    def widget_class(cls) -> type:
        return _estimate_widget()

    def agreement_coding(self) -> AgreementCoding:
        return AgreementCoding(1, lambda value: [round(value)], [round(self.key())], "estimate")

    def synthetic_answer(self, rng: random.Random, quality: float) -> float:
        return self.key() if rng.random() < quality else self.key() + rng.choice([-10, 10])


def _estimate_widget() -> type:
    import ipywidgets as w

    from medialit.lesson.widgets.base import QuestionWidget

    class EstimateBox(QuestionWidget):
        def build(self) -> Any:
            self.box = w.FloatText(value=0.0, description="Estimate")
            self.box.observe(lambda change: self.save(change["new"]), names="value")
            return self.box

        def set_value(self, value: Any) -> None:
            self.box.value = value

    return EstimateBox


BANK = f"""\
provenance: constructed for the question-type test
licence: MIT
notebook: {NOTEBOOK}
questions:
  - id: toy-est
    type: estimate
    mode: graded
    points: 2
    prompt: How many people does the story quote?
    answer: 12
    tolerance: 2
  - id: toy-pick
    type: single
    mode: practice
    points: 1
    prompt: Is a quote a source?
    options:
      - {{id: a, text: "Yes", feedback: A quote comes from a source., correct: true}}
      - {{id: b, text: "No", feedback: Someone said it., correct: false}}
"""


@pytest.fixture
def toy(monkeypatch, tmp_path):
    """The estimate type registered (with its schema entry) in a temporary registry, and a bank using it."""
    setup_quiz_env(monkeypatch, tmp_path)
    banks = tmp_path / "banks"
    banks.mkdir()
    (banks / "toy.yaml").write_text(BANK, encoding="utf-8")
    monkeypatch.setenv("MEDIALIT_QUESTIONS", str(banks))
    with temporary_types():
        register(EstimateType, schema_entry=ESTIMATE_SCHEMA_ENTRY)
        yield banks / "toy.yaml"


def test_a_new_type_loads_validates_and_reports_its_own_problems(toy):
    bank = check_bank(toy)
    q = bank.question("toy-est")
    assert isinstance(q.kind, EstimateType) and q.kind.key() == 12.0
    bad = toy.with_name("bad.yaml")
    bad.write_text(BANK.replace("tolerance: 2", "tolerance: 20"), encoding="utf-8")
    with pytest.raises(QuestionBankError, match="question 'toy-est': tolerance 20 is larger than the answer"):
        load_bank(bad)
    bad.write_text(BANK.replace("    tolerance: 2\n", ""), encoding="utf-8")
    with pytest.raises(QuestionBankError, match=r"questions\[0\] \(id 'toy-est'\): 'tolerance' is a required"):
        load_bank(bad)


def test_a_new_type_is_asked_recorded_read_back_and_graded(toy, capsys):
    from medialit.lesson.widgets import ask, reveal

    widget = ask("toy-est")
    assert type(widget).__name__ == "EstimateBox"
    widget.box.value = 13.0
    assert "Saved: estimated 13" in widget.status.value
    saved = json.loads((toy.parent.parent / f"{NOTEBOOK}.answers.json").read_text(encoding="utf-8"))
    assert saved["answers"]["toy-est"]["kind"] == "estimate" and saved["answers"]["toy-est"]["value"] == 13.0
    assert answers_problems(saved) == []
    assert AnswerStore(toy.parent.parent / f"{NOTEBOOK}.answers.json").get("toy-est") == 13.0
    assert ask("toy-est").box.value == 13.0  # restored
    assert grade("toy-est") == 2.0
    assert "toy-est: 2 / 2 points" in capsys.readouterr().out
    widget.box.value = 16.0  # 4 away: within twice the tolerance
    assert grade("toy-est") == 1.0
    assert "(give or take 2)" in reveal("toy-est", confirm=True)._repr_html_()
    text = widget._repr_mimebundle_()["text/plain"]
    assert "answers.record('toy-est', 12)" in text and "Recorded answer: 16.0" in text
    with pytest.raises(AnswerFormError, match="toy-est: give a number; got 'many'"):
        widget.store.record("toy-est", "many")


def test_the_class_report_codes_a_new_type_for_agreement(toy):
    from medialit.report.class_report import ClassData, agreement, question_table

    questions = {qid: find_question(qid) for qid in ("toy-est", "toy-pick")}
    answers = {"ana": {"toy-est": 12.0, "toy-pick": "a"}, "ben": {"toy-est": 12.0, "toy-pick": "a"},
               "cai": {"toy-est": 30.0, "toy-pick": "b"}}
    data = ClassData(NOTEBOOK, ["ana", "ben", "cai"], [(NOTEBOOK, "toy-est", 2.0)],
                     {"ana": {"toy-est": 2.0}, "ben": {"toy-est": 2.0}, "cai": {"toy-est": 0.0}}, answers, questions)
    agree = agreement(data)
    assert agree["toy-est"]["type"] == "estimate" and agree["toy-est"]["units"] == 1
    assert agree["toy-est"]["coders"] == 3
    assert agree["choices"]["units"] == 1  # the choice question still pools on its own
    (row,) = question_table(data)
    assert row["type"] == "estimate" and row["difficulty"] == pytest.approx(2 / 3, abs=1e-3)


def test_the_temporary_registry_is_restored(toy):
    assert "estimate" in type_names()
    with temporary_types():
        pass
    assert "estimate" in type_names()


def test_without_the_temporary_registry_the_type_is_unknown(tmp_path, monkeypatch):
    setup_quiz_env(monkeypatch, tmp_path)
    assert "estimate" not in type_names()
    path = tmp_path / "toy.yaml"
    path.write_text(BANK, encoding="utf-8")
    with pytest.raises(QuestionBankError, match="'estimate' is not a known label"):
        load_bank(path)
    doc = {"schema_version": 1, "notebook": "n", "answers": {"q": {"kind": "estimate", "value": 3,
                                                                    "updated": "2026-01-01T00:00:00+00:00"}}}
    assert "answers.q.kind: 'estimate' is not a known label" in answers_problems(doc)[0]


def test_every_type_in_the_bank_schema_has_one_class_and_every_class_a_schema_entry():
    enum = ann.load_schema("questions")["$defs"]["question"]["properties"]["type"]["enum"]
    assert type_names() == enum
    for name in enum:
        cls = type_class(name)
        assert cls.name == name and issubclass(cls, QuestionType)
        assert cls.widget_class().__name__  # the widget module imports


def test_no_module_outside_the_types_branches_on_a_type_name():
    pattern = re.compile(r"""\.type\s*(==|!=|in|not in)\s*[("'\[]|\["kind"\]\s*(==|!=|in|not in)\s*[("'\[]""")
    found = []
    for path in sorted((REPO / "medialit").rglob("*.py")):
        if "questions/types" in path.as_posix():
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if pattern.search(line):
                found.append(f"{path.relative_to(REPO)}:{n}: {line.strip()}")
    assert not found, "\n".join(found)


@pytest.mark.parametrize("body", [textwrap.dedent("""\
    - id: t-options
      type: rate
      mode: graded
      points: 1
      prompt: Rate it.
      scale: {min: 1, max: 5}
      answer: 3
      options: [{id: a, text: A, feedback: f, correct: true}, {id: b, text: B, feedback: f, correct: false}]
    """)])
def test_only_types_that_take_options_may_have_them(tmp_path, body):
    path = tmp_path / "bank.yaml"
    path.write_text("provenance: t\nlicence: MIT\nquestions:\n" + textwrap.indent(body, "  "), encoding="utf-8")
    with pytest.raises(QuestionBankError, match="question 't-options': only choice questions have options"):
        load_bank(path)
