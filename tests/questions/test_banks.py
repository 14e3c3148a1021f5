"""Question banks: loading, validation messages that name the question, keys, answer forms."""

from __future__ import annotations

import textwrap

import pytest

from medialit.questions import (
    AnswerFormError,
    QuestionBankError,
    UnknownQuestionError,
    check_bank,
    find_question,
    load_bank,
    questions_for_notebook,
)
from tests.support.quiz_env import FIXTURES, NOTEBOOK, offsets, setup_quiz_env


@pytest.fixture
def env(monkeypatch, tmp_path):
    return setup_quiz_env(monkeypatch, tmp_path)


HEAD = """\
provenance: test bank
licence: MIT
article: harbourford-ferry-fares
questions:
"""


def write_bank(folder, body: str, name: str = "bank.yaml"):
    path = folder / name
    path.write_text(HEAD + textwrap.indent(textwrap.dedent(body), "  "), encoding="utf-8")
    return path


def test_example_bank_loads_and_resolves(env):
    bank = check_bank(FIXTURES / "questions" / "example.yaml")
    assert bank.notebook == NOTEBOOK
    assert bank.ids == ["ex-single", "ex-multiple", "ex-hedges", "ex-headline", "ex-classify", "ex-rate", "ex-text"]
    assert [q.id for q in questions_for_notebook(f"{NOTEBOOK}.ipynb")] == bank.ids


def test_key_pointer_takes_the_reference_layer_inside_the_region(env):
    q = find_question("ex-hedges")
    keys = [(span.text, label) for span, label, _ in q.key_spans()]
    # "may" is a hedge too, but in the headline, outside the region (the body).
    assert keys == [("could", "modal"), ("as much as", "approximator"), ("probably", "adverb"),
                    ("suggest", "epistemic_verb"), ("might", "modal")]
    start, end = offsets("could")
    assert q.key_spans()[0][0].start == start and q.key_spans()[0][0].end == end


def test_where_filters_select_reference_items(env, tmp_path):
    path = write_bank(tmp_path, """\
        - id: t-filter
          type: spans
          mode: practice
          points: 1
          prompt: Mark the hedges held by the reporter.
          layer: hedges
          labels: [{id: modal, text: Modal}]
          key: {layer: hedges, where: {holder: reporter, part: [headline, body]}}
        """)
    q = load_bank(path).question("t-filter")
    assert [s.text for s, _, _ in q.key_spans()] == ["may"]


@pytest.mark.parametrize(("body", "message"), [
    ("""\
     - id: t1
       type: single
       mode: practice
       points: 1
       prompt: Pick one.
       options:
         - {id: a, text: A, feedback: Right, correct: true}
         - {id: b, text: B, feedback: Also right, correct: true}
     """, "question 't1': a single-choice question needs exactly one option with correct: true (has 2)"),
    ("""\
     - id: t2
       type: multiple
       mode: sometimes
       points: 1
       prompt: Pick.
       options: [{id: a, text: A, feedback: f, correct: true}, {id: b, text: B, feedback: f, correct: false}]
     """, "questions[0] (id 't2').mode: 'sometimes' is not a known label"),
    ("""\
     - id: t3
       type: single
       mode: practice
       points: 1
       prompt: Pick.
       hint: Look at the headline.
       options: [{id: a, text: A, feedback: f, correct: true}, {id: b, text: B, feedback: f, correct: false}]
     """, "questions[0] (id 't3').hint: 'Look at the headline.' does not match"),
    ("""\
     - id: t4
       type: spans
       mode: graded
       points: 1
       prompt: Mark it.
       layer: hedges
       labels: [{id: hedge, text: Hedge}]
       answer: [{text: may, label: hedge}]
     """, "question 't4': label(s) ['hedge'] are not values of 'category'"),
    ("""\
     - id: t5
       type: spans
       mode: graded
       points: 1
       prompt: Mark it.
       layer: hedges
       labels: [{id: modal, text: Modal}]
       answer: [{text: perhaps, label: modal}]
     """, "question 't5': answer span 'perhaps' (occurrence 1) not found"),
    ("""\
     - id: t6
       type: classify
       mode: graded
       points: 1
       prompt: Sort.
       categories: [{id: x, text: X}, {id: y, text: Y}]
       items: [{id: i1, text: One, answer: z}]
     """, "question 't6': item 'i1' has answer 'z', not one of the categories"),
    ("""\
     - id: t7
       type: rate
       mode: graded
       points: 1
       prompt: Rate.
       scale: {min: 1, max: 5}
       answer: 7
     """, "question 't7': answer 7 is off the scale 1..5"),
])
def test_bad_questions_are_named_in_the_message(tmp_path, env, body, message):
    path = write_bank(tmp_path, body)
    with pytest.raises(QuestionBankError) as err:
        load_bank(path)
    assert message in str(err.value)
    assert "bank.yaml" in str(err.value)


def test_yaml_syntax_error_gives_the_line(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("provenance: x\nlicence: MIT\nquestions:\n  - id: [unclosed\n", encoding="utf-8")
    with pytest.raises(QuestionBankError, match=r"not valid YAML at line \d+, column \d+"):
        load_bank(path)


def test_missing_provenance_or_licence_is_refused(tmp_path):
    path = tmp_path / "bank.yaml"
    path.write_text("questions:\n  - {id: a, type: text, mode: graded, points: 1, prompt: Explain}\n", encoding="utf-8")
    with pytest.raises(QuestionBankError, match="'provenance' is a required property"):
        load_bank(path)


def test_unknown_article_is_named(tmp_path, env):
    path = write_bank(tmp_path, """\
        - id: t8
          type: spans
          mode: graded
          points: 1
          article: no-such-article
          prompt: Mark it.
          layer: hedges
          labels: [{id: modal, text: Modal}]
          key: {layer: hedges}
        """)
    with pytest.raises(QuestionBankError, match="question 't8': no article 'no-such-article'; known articles"):
        load_bank(path)


def test_unknown_id_lists_the_known_ones_and_a_broken_bank_hides_only_itself(env, tmp_path, monkeypatch):
    extra = tmp_path / "banks"
    extra.mkdir()
    (extra / "zz-broken.yaml").write_text("provenance: x\nlicence: MIT\nquestions: nope\n", encoding="utf-8")
    monkeypatch.setenv("MEDIALIT_QUESTIONS", f"{FIXTURES / 'questions'}:{extra}")
    assert find_question("ex-single").type == "single"
    with pytest.raises(UnknownQuestionError) as err:
        find_question("ex-nope")
    assert "known ids:" in str(err.value) and "ex-single" in str(err.value)
    assert "zz-broken.yaml" in str(err.value)


def test_duplicate_ids_across_banks_are_reported(env, tmp_path, monkeypatch):
    extra = tmp_path / "banks"
    extra.mkdir()
    write_bank(extra, """\
        - id: ex-single
          type: text
          mode: graded
          points: 1
          prompt: Again?
        """)
    monkeypatch.setenv("MEDIALIT_QUESTIONS", f"{FIXTURES / 'questions'}:{extra}")
    from medialit.questions import bank_problems

    assert find_question("ex-single").type == "single"  # the first bank wins
    assert any("'ex-single' is in both" in p for p in bank_problems())


def test_answer_forms_for_spans(env):
    q = find_question("ex-hedges")
    start, end = offsets("probably")
    from_tuple = q.check_answer([(start, end, "adverb")])
    from_text = q.check_answer([{"text": "probably", "label": "adverb"}])
    from_doc = q.check_answer(from_tuple)
    assert from_tuple == from_text == from_doc
    with pytest.raises(AnswerFormError, match="label 'booster' of span 'probably' is not one of"):
        q.check_answer([(start, end, "booster")])
    with pytest.raises(AnswerFormError, match="does not match the article"):
        q.check_answer([{"start": start, "end": end, "text": "surely", "label": "adverb"}])
    doc = dict(from_doc, boosters=[])
    with pytest.raises(AnswerFormError, match="only the 'hedges' layer"):
        q.check_answer(doc)
    with pytest.raises(AnswerFormError, match="give a list of spans"):
        q.check_answer("probably")
    # Two labels: a span without one is refused with a clear message.
    with pytest.raises(AnswerFormError, match="the span 'may' has no label; add one of 'modal', 'adverb'"):
        find_question("ex-headline").check_answer([{"text": "may"}])


def test_yaml_yes_read_as_true_gets_a_quoting_hint(tmp_path, env):
    path = write_bank(tmp_path, """\
        - id: t10
          type: single
          mode: practice
          points: 1
          prompt: Pick.
          options: [{id: a, text: A, feedback: yes, correct: true}, {id: b, text: B, feedback: f, correct: false}]
        """)
    with pytest.raises(QuestionBankError, match="YAML reads yes/no/on/off as true/false; put the text in quotes"):
        load_bank(path)


def test_single_label_questions_take_spans_without_label(env, tmp_path):
    path = write_bank(tmp_path, """\
        - id: t9
          type: spans
          mode: graded
          points: 1
          prompt: Mark the loaded words.
          layer: framing.loaded_language
          label_field: null
          labels: [{id: loaded, text: Loaded}]
          answer: [{text: angrily}]
        """)
    q = load_bank(path).question("t9")
    doc = q.check_answer([{"text": "angrily"}])
    assert doc["framing"]["loaded_language"][0]["span"]["text"] == "angrily"
    assert [(s.text, lab) for s, lab in q.answer_spans(doc)] == [("angrily", "loaded")]


def test_quoted_text_is_looked_up_inside_the_region(env, tmp_path):
    # "council" is in the headline first; the question is about the body.
    path = write_bank(tmp_path, """\
        - id: t-region
          type: spans
          mode: practice
          points: 1
          prompt: Mark who is said to act.
          layer: framing.loaded_language
          labels: [{id: loaded, text: Loaded}]
          region: {parts: [body]}
          answer:
            - {text: council, label: loaded}
        """)
    q = check_bank(path).question("t-region")
    (key, _, _), = q.key_spans()
    body_start = q.region_bounds()[0]
    assert key.start == q.article.text.index("council", body_start)
    stored = q.check_answer([{"text": "council", "label": "loaded"}])
    (span, _), = q.answer_spans(stored)
    assert span == key, "a student's quoted text is found in the region too, not in the headline"
