"""Public banks: the form of a course's bank that students' installs read.

Graded questions keep what a student needs to answer and lose everything that tells a right
answer from a wrong one; practice questions keep their keys, written out so that no reference
annotation is needed.  A graded question of a public bank has no key: scoring, revealing or
asking for its key says the teacher holds it.
"""

from __future__ import annotations

import copy

import pytest
import yaml

from medialit.questions import QuestionBankError, find_question, load_bank
from medialit.questions.errors import KeyWithTeacherError
from medialit.questions.public import public_bank, public_bank_text
from tests.support.quiz_env import FIXTURES, NOTEBOOK, setup_quiz_env

EXAMPLE = FIXTURES / "questions" / "example.yaml"


@pytest.fixture
def env(monkeypatch, tmp_path):
    return setup_quiz_env(monkeypatch, tmp_path)


def _by_id(data):
    return {q["id"]: q for q in data["questions"]}


def test_graded_questions_lose_every_key_field_and_practice_questions_keep_theirs(env):
    full = load_bank(EXAMPLE)
    public = _by_id(public_bank(full))
    key_fields = ("answer", "key", "explanation", "feedback")
    for q in full.questions:
        pub = public[q.id]
        if q.mode == "graded":
            assert {k: v for k, v in pub.items() if k not in ("options", "items")} == {
                k: v for k, v in q.data.items() if k not in (*key_fields, "options", "items")}
            assert [o["id"] for o in pub.get("options", [])] == sorted(q.option_ids)  # no order that hints
            assert all(set(o) == {"id", "text"} for o in pub.get("options", []))
            assert pub.get("items", []) == [{"id": it["id"], "text": it["text"]} for it in q.items]
        elif "key" not in q.data:
            assert pub == q.data
    # the practice spans question's pointer into the reference is written out as its spans
    hedges = public["ex-hedges"]
    assert "key" not in hedges
    reference = find_question("ex-hedges").key_spans()
    assert [(a["start"], a["end"], a["text"], a.get("label")) for a in hedges["answer"]] == [
        (s.start, s.end, s.text, label) for s, label, _ in reference]


def test_a_public_bank_loads_and_scores_practice_the_same_without_the_reference(env, tmp_path, monkeypatch):
    folder = tmp_path / "public"
    folder.mkdir()
    (folder / "example.yaml").write_text(public_bank_text(load_bank(EXAMPLE)), encoding="utf-8")
    original = find_question("ex-hedges")
    answer = [(s.start, s.end, label) for s, label, _ in original.key_spans()][:2]
    expected = original.kind.score(original.check_answer(answer))
    # the public bank alone, and an article without its reference annotation
    seeds = tmp_path / "seeds" / "harbourford-ferry-fares"
    seeds.mkdir(parents=True)
    for name in ("article.txt", "meta.yaml", "structure.json"):
        (seeds / name).write_bytes((FIXTURES / "seeds" / "harbourford-ferry-fares" / name).read_bytes())
    monkeypatch.setenv("MEDIALIT_SEEDS", str(tmp_path / "seeds"))
    monkeypatch.setenv("MEDIALIT_QUESTIONS", str(folder))
    practice = find_question("ex-hedges")
    assert practice.bank_path == folder / "example.yaml" and practice.has_key
    assert practice.kind.score(practice.check_answer(answer)) == expected
    graded = find_question("ex-multiple")
    assert not graded.has_key and graded.correct_options == [] and graded.explanation is None
    assert graded.check_answer(["may"]) == ["may"]  # answers are still checked and recorded
    for call in (graded.kind.key, lambda: graded.kind.score(["may"]), graded.kind.reference_items,
                 find_question("ex-headline").key_spans):
        with pytest.raises(KeyWithTeacherError, match="Your teacher holds the key"):
            call()


def test_a_public_bank_holding_a_graded_key_does_not_load(env, tmp_path):
    data = public_bank(load_bank(EXAMPLE))
    leaked = copy.deepcopy(data)
    graded = _by_id(leaked)["ex-multiple"]
    graded["options"][0].update(correct=True)
    path = tmp_path / "leaky.yaml"
    path.write_text(yaml.safe_dump(leaked, allow_unicode=True), encoding="utf-8")
    with pytest.raises(QuestionBankError, match=r"ex-multiple'?: a public bank must not hold the key .*options"):
        load_bank(path)
    # without public: true the same file is a full bank that lacks its keys: refused by the schema
    del data["public"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(QuestionBankError, match="'correct' is a required property"):
        load_bank(path)


def test_the_public_form_of_a_graded_rating_and_text_hides_the_answer_and_its_notes(env):
    bank = load_bank(EXAMPLE)
    rate = next(q for q in bank.questions if q.id == "ex-rate")
    rate.data["mode"] = "graded"
    rate.data["feedback"] = {"3": "About right."}
    pub = rate.kind.public_data()
    assert "answer" not in pub and "feedback" not in pub and pub["scale"] == rate.data["scale"]
    text = next(q for q in bank.questions if q.id == "ex-text")
    assert "answer" not in text.kind.public_data()


def test_grade_and_reveal_of_a_keyless_question_say_the_teacher_holds_the_key(env, tmp_path, monkeypatch, capsys):
    from medialit.answers.store import AnswerStore
    from medialit.grading import grade
    from medialit.lesson.widgets import reveal

    folder = tmp_path / "public"
    folder.mkdir()
    (folder / "example.yaml").write_text(public_bank_text(load_bank(EXAMPLE)), encoding="utf-8")
    monkeypatch.setenv("MEDIALIT_QUESTIONS", str(folder))
    AnswerStore.for_notebook(NOTEBOOK).record("ex-multiple", ["may", "probably"])
    assert grade("ex-multiple") == 0.0
    printed = capsys.readouterr().out
    assert "Your teacher holds the key to ex-multiple and grades it" in printed and "points" not in printed
    for shown in (reveal("ex-multiple"), reveal("ex-multiple", confirm=True)):
        assert "Your teacher holds the key to ex-multiple" in repr(shown) and "✓" not in repr(shown)
    AnswerStore.for_notebook(NOTEBOOK).record("ex-single", "a")
    assert "Reference answer" in repr(reveal("ex-single", confirm=True))  # practice keys stay at hand
