"""The practice highlighter's check: found, missed and marked wrongly, with the bank's notes."""

from __future__ import annotations

import pytest

from medialit.lesson.widgets import ask
from medialit.questions.span_check import check_spans
from tests.support.quiz_env import FIXTURES, setup_quiz_env

#: Added to the example bank (one bank per notebook): a practice spans question whose key
#: carries a note on some passages.
PRACTICE_QUESTION = """
  - id: ex-hedge-practice
    type: spans
    mode: practice
    points: 2
    prompt: Mark the hedges in the body of the article.
    layer: hedges
    labels:
      - {id: modal, text: Modal verb}
      - {id: adverb, text: Adverb}
    region: {parts: [body]}
    answer:
      - {text: could, label: modal, feedback: "'could' makes the rise a possibility, not a fact."}
      - {text: probably, label: adverb}
      - {text: might, label: modal, feedback: "A second modal: the speaker is not sure either."}
"""


@pytest.fixture
def env(monkeypatch, tmp_path):
    banks = tmp_path / "banks"
    banks.mkdir()
    example = (FIXTURES / "questions" / "example.yaml").read_text(encoding="utf-8")
    assert example.rstrip().splitlines()[-1].startswith("    "), "the example bank must end with its questions"
    (banks / "example.yaml").write_text(example.rstrip() + "\n" + PRACTICE_QUESTION, encoding="utf-8")
    folder = tmp_path / "work"
    folder.mkdir()
    setup_quiz_env(monkeypatch, folder)
    monkeypatch.setenv("MEDIALIT_QUESTIONS", str(banks))
    return folder


def mark(widget, word: str, label: str) -> None:
    """Mark ``word`` as the browser does (UTF-16 offsets of the shown text)."""
    hl = widget.highlighter
    i = hl.text.index(word)
    hl._on_browser_msg(hl, {"action": "add", "start": i, "end": i + len(word), "label": label}, [])


def test_check_sorts_passages_into_found_relabelled_extra_and_missed(env):
    w = ask("ex-hedge-practice")
    mark(w, "could", "modal")
    mark(w, "probably", "modal")
    mark(w, "Harbourford", "adverb")
    result = check_spans(w.question, w.value)
    assert [(p.span.text, p.label) for p in result.found] == [("could", "modal")]
    assert result.found[0].feedback == "'could' makes the rise a possibility, not a fact."
    assert [(p.span.text, p.label, p.reference_label) for p in result.relabelled] == [("probably", "modal", "adverb")]
    assert [(p.span.text, p.reference_label) for p in result.extra] == [("Harbourford", None)]
    assert [(p.span.text, p.label, p.feedback) for p in result.missed] == [
        ("might", "modal", "A second modal: the speaker is not sure either.")]
    assert [p.span.text for p in result.wrong] == sorted(["probably", "Harbourford"], key=w.highlighter.text.index)
    assert result.summary() == "1 found, 2 marked wrongly, 1 missed (the reference has 3)."


def test_check_button_lists_every_passage_with_a_word_and_the_banks_note(env):
    w = ask("ex-hedge-practice")
    mark(w, "could", "modal")
    mark(w, "probably", "modal")
    mark(w, "Harbourford", "adverb")
    assert w.check_box.value == ""  # nothing shown before the learner asks
    w.check_button.click()
    html = w.check_box.value
    assert 'role="region"' in html and "Check of your passages for ex-hedge-practice" in html
    assert "<b>✓ Found:</b> “could” (Modal verb). &#x27;could&#x27; makes the rise a possibility" in html
    assert "<b>✗ Other label:</b> “probably” you chose Modal verb, the reference says Adverb." in html
    assert "<b>✗ Not in the reference:</b> “Harbourford” (you chose Adverb)." in html
    assert "<b>○ Missed:</b> “might” (Modal verb). A second modal: the speaker is not sure either." in html
    for title in ("Found (1)", "Marked wrongly (2)", "Missed (1)"):
        assert title in html
    tags = {r["text"]: (r["tag"], r["label"]) for r in w.highlighter.reference}
    assert tags == {"could": ("found", "modal"), "probably": ("other label, reference", "adverb"),
                    "Harbourford": ("not in the reference", None), "might": ("missed", "modal")}
    assert w.highlighter.message == "Checked: 1 found, 2 marked wrongly, 1 missed (the reference has 3)."


def test_an_edit_takes_the_check_away_until_the_next_check(env):
    w = ask("ex-hedge-practice")
    mark(w, "could", "modal")
    w.check_button.click()
    assert w.highlighter.reference
    mark(w, "might", "modal")
    assert w.check_box.value == "" and w.highlighter.reference == []
    w.check_button.click()
    assert "Missed (1)" in w.check_box.value and "“probably”" in w.check_box.value


def test_check_before_marking_asks_for_passages_first(env):
    w = ask("ex-hedge-practice")
    w.check_button.click()
    assert "Mark some passages first" in w.check_box.value
    assert w.highlighter.reference == []


def test_a_graded_spans_question_has_no_check(env):
    w = ask("ex-headline")
    assert not hasattr(w, "check_button")
    assert w.check() is None
