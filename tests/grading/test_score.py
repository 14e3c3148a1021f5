"""Scoring every question type, and grade() as an nbgrader cell calls it."""

from __future__ import annotations

import json

import pytest

from medialit.answers.store import AnswerStore
from medialit.grading.score import grade, score
from medialit.questions import find_question
from tests.support.quiz_env import NOTEBOOK, answers_file, offsets, setup_quiz_env


@pytest.fixture
def env(monkeypatch, tmp_path):
    return setup_quiz_env(monkeypatch, tmp_path)


def test_single_choice(env):
    q = find_question("ex-single")
    right, wrong = score(q, "a"), score(q, "c")
    assert (right.points, right.max_points) == (1.0, 1.0)
    assert wrong.points == 0.0
    assert any("outlet that publishes the story" in line for line in wrong.lines)  # the option's own feedback


@pytest.mark.parametrize(("picks", "points"), [
    (["may", "probably"], 2.0),      # both right options
    (["may"], 1.0),                  # half of the right options
    (["may", "clearly"], 0.0),       # one right, one wrong: they cancel
    (["may", "probably", "vote"], 1.0),
    (["clearly", "vote"], 0.0),      # never below zero
    ([], 0.0),
])
def test_multiple_choice_partial_credit_and_floor(env, picks, points):
    assert score(find_question("ex-multiple"), picks).points == points


def spans(*pairs):
    out = []
    for needle, label in pairs:
        start, end = offsets(needle)
        out.append((start, end, label))
    return out


def test_spans_perfect_answer_gets_full_points(env):
    q = find_question("ex-hedges")
    answer = spans(("could", "modal"), ("as much as", "approximator"), ("probably", "adverb"),
                   ("suggest", "epistemic_verb"), ("might", "modal"))
    result = score(q, answer)
    assert result.points == 3.0
    assert result.lines[0].startswith("5 of the 5 spans you marked match")


def test_spans_tolerate_extra_punctuation_and_a_neighbouring_word(env):
    q = find_question("ex-headline")
    start, end = offsets("may")
    # "may rise" covers the key word and half the marked words are in it: matches (MATCH_THRESHOLD 0.5).
    assert score(q, [(start, end + len(" rise"), "modal")]).points == 1.0
    assert score(q, [(start, end + len(" rise by a"), "modal")]).points == 0.0


def test_spans_partial_credit_label_disagreement_and_extras(env):
    q = find_question("ex-hedges")
    # 2 matched (one with the wrong label), 1 extra, 3 missed: credit 1.5, F1 = 2*1.5/(3+5).
    result = score(q, spans(("could", "modal"), ("probably", "modal"), ("Residents", "modal")))
    assert result.points == pytest.approx(3 * 2 * 1.5 / 8)
    text = "\n".join(result.lines)
    assert "'probably': you chose 'Modal verb'" in text
    assert "'Residents'" in text
    assert "You missed 3 passages: 3 in the body." in text
    for hidden in ("as much as", "suggest", "might"):  # the explanation does not spell out the key
        assert hidden not in text


def test_marking_everything_does_not_pay(env):
    q = find_question("ex-hedges")
    from medialit.core.spans import word_offsets

    text = q.article.text
    lo, hi = q.region_bounds()
    words = sorted(word_offsets(text, lo, hi))
    every_word = []
    for start in words:
        end = start
        while end < len(text) and (text[end].isalnum() or text[end] == "_"):
            end += 1
        every_word.append((start, end, "modal"))
    result = score(q, every_word)
    assert len(every_word) > 60
    assert result.points < 0.5  # 5 of 5 found, but precision is tiny


def test_classify_share_of_items_right(env):
    q = find_question("ex-classify")
    assert score(q, {"okonjo": "named", "critics": "unnamed", "ratepayers": "named"}).points == 3.0
    partial = score(q, {"okonjo": "named", "critics": "named"})
    assert partial.points == 1.0
    assert "Who exactly are the critics?" in "\n".join(partial.lines)
    assert "1 item left unclassified." in partial.lines


@pytest.mark.parametrize(("rating", "points"), [(4, 1.0), (3, 0.5), (5, 0.5), (2, 0.0), (1, 0.0)])
def test_rating_full_at_key_half_at_distance_one(env, rating, points):
    assert score(find_question("ex-rate"), rating).points == points


def test_text_is_left_for_the_teacher(env):
    result = score(find_question("ex-text"), "The ferry company is never asked.")
    assert result.manual and result.points == 0.0 and result.max_points == 2.0


def test_grade_prints_an_explanation_and_returns_points(env, capsys):
    store = AnswerStore.for_notebook(NOTEBOOK)
    store.record("ex-multiple", ["may", "clearly"])
    assert grade("ex-multiple") == 0.0
    out = capsys.readouterr().out
    assert out.startswith("ex-multiple: 0 / 2 points")
    assert "clearly: This one strengthens the claim" in out
    assert "You missed 1 right option." in out
    assert "probably" not in out  # the missed right option is not named
    store.record("ex-classify", {"okonjo": "named", "critics": "unnamed", "ratepayers": "named"})
    assert grade("ex-classify") == 3.0


def test_grade_without_file_or_answer_scores_zero_with_a_line(env, capsys):
    assert grade("ex-single") == 0.0
    assert "No answers file was found" in capsys.readouterr().out
    AnswerStore.for_notebook(NOTEBOOK).record("ex-rate", 4)
    assert grade("ex-single") == 0.0
    assert "No answer to ex-single was recorded" in capsys.readouterr().out


def test_grade_malformed_answers_score_zero_never_raise(env, capsys):
    path = answers_file(env)
    stamp = "2026-01-01T10:00:00+00:00"
    path.write_text(json.dumps({"schema_version": 1, "notebook": NOTEBOOK, "answers": {
        "ex-single": {"kind": "single", "value": "zz", "updated": stamp},
        "ex-rate": {"kind": "single", "value": "a", "updated": stamp},
        "ex-hedges": {"kind": "spans", "value": {"schema_version": 1, "article_id": "harbourford-ferry-fares",
                                                 "text_sha256": "0" * 64, "hedges": []}, "updated": stamp},
    }}), encoding="utf-8")
    assert grade("ex-single") == 0.0
    assert "cannot be scored: ex-single: 'zz' is not an option" in capsys.readouterr().out
    assert grade("ex-rate") == 0.0
    assert "is a 'single' answer, but ex-rate is a 'rate' question" in capsys.readouterr().out
    assert grade("ex-hedges") == 0.0
    assert "the annotation was made on a different text" in capsys.readouterr().out
    assert grade("no-such-question") == 0.0
    assert "no-such-question: cannot be graded: no question" in capsys.readouterr().out


def test_grade_reads_a_corrupt_file_without_raising(env, capsys):
    path = answers_file(env)
    AnswerStore.for_notebook(NOTEBOOK).record("ex-single", "a")
    path.write_text(path.read_text(encoding="utf-8")[:-6], encoding="utf-8")  # truncated after the answer
    assert grade("ex-single") == 1.0
    out = capsys.readouterr().out
    assert "Note: Your answers file" in out and "not valid JSON" in out


def test_grade_under_nbgrader_uses_answers_recorded_in_the_same_run(env, monkeypatch, capsys):
    monkeypatch.setenv("NBGRADER_EXECUTION", "validate")
    from medialit.answers import store as answers

    answers.record("ex-single", "a")  # a solution notebook recording its answer from code
    assert not answers_file(env).exists()
    assert grade("ex-single") == 0.0  # nothing on disk yet: the file does not exist
    assert "No answers file was found" in capsys.readouterr().out
