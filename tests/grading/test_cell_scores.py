"""The one scorer of question cells (autograde and `medialit grade` both call it), and the
fail-safe of the notebook's own functions while nbgrader autogrades."""

from __future__ import annotations

import json

import pytest

from medialit.checks import answered
from medialit.grading import grade
from medialit.grading.cell_scores import graded_questions, score_question_cells
from medialit.grading.score import score
from medialit.questions import find_question
from tests.support.quiz_env import NOTEBOOK, answers_file, setup_quiz_env

CELLS = {"ex-multiple": 2.0, "ex-classify": 2.0, "ex-text": 2.0, "not-a-question": 1.0}


@pytest.fixture
def env(monkeypatch, tmp_path):
    return setup_quiz_env(monkeypatch, tmp_path)


def write_answers(folder, answers, name=None):
    stored = {}
    for qid, value in answers.items():
        q = find_question(qid)
        stored[qid] = {"kind": q.type, "value": q.check_answer(value), "updated": "2026-11-28T10:00:00+00:00"}
    path = folder / (name or f"{NOTEBOOK}.answers.json")
    path.write_text(json.dumps({"schema_version": 1, "notebook": NOTEBOOK, "answers": stored}), encoding="utf-8")
    return path


def test_question_cells_are_the_graded_questions_of_the_notebook(env):
    assert sorted(graded_questions(NOTEBOOK)) == ["ex-classify", "ex-headline", "ex-multiple", "ex-text"]
    path = write_answers(env, {"ex-multiple": ["may", "clearly"], "ex-classify": {"okonjo": "named"}})
    before = path.read_bytes()
    scores = score_question_cells(NOTEBOOK, env, CELLS)
    assert sorted(scores) == ["ex-classify", "ex-multiple", "ex-text"]  # other grade cells are not touched
    q = find_question("ex-multiple")
    assert scores["ex-multiple"].points == score(q, ["may", "clearly"]).points == 0.0
    assert scores["ex-multiple"].text.startswith("ex-multiple: 0 / 2 points\n  You picked 1 of the 2 right options.")
    assert scores["ex-text"].points == 0.0 and "No answer to ex-text was recorded" in scores["ex-text"].text
    assert path.read_bytes() == before and sorted(p.name for p in env.iterdir()) == [path.name]  # read only


def test_points_never_exceed_the_cell_and_a_renamed_file_is_found(env):
    write_answers(env, {"ex-multiple": ["may", "probably"]}, name=f"{NOTEBOOK} (1).answers.json")
    result = score_question_cells(NOTEBOOK, env, {"ex-multiple": 1.5})["ex-multiple"]
    assert (result.points, result.max_points) == (1.5, 1.5)
    assert result.text.startswith("ex-multiple: 1.5 / 1.5 points")


def test_missing_broken_and_wrong_kind_answers_score_zero_and_name_no_folder(env):
    result = score_question_cells(NOTEBOOK, env, CELLS)["ex-multiple"]
    assert result.points == 0.0 and f"({NOTEBOOK}.answers.json)" in result.text and str(env) not in result.text
    path = write_answers(env, {"ex-multiple": ["may", "probably"]})
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["answers"]["ex-multiple"]["kind"] = "single"
    path.write_text(json.dumps(doc), encoding="utf-8")
    result = score_question_cells(NOTEBOOK, env, CELLS)["ex-multiple"]
    assert result.points == 0.0 and str(env) not in result.text
    path.write_text('{"schema_version": 1, "answers": {"ex-multiple": ', encoding="utf-8")
    result = score_question_cells(NOTEBOOK, env, CELLS)["ex-multiple"]
    assert result.points == 0.0 and "had a problem" in result.text and str(env) not in result.text
    assert sorted(p.name for p in env.iterdir()) == [path.name]  # no backup made of the submission


def test_a_huge_answer_is_cut_short_with_its_length(env):
    huge = "x" * 1_000_000
    doc = {"schema_version": 1, "notebook": NOTEBOOK, "answers": {
        "ex-multiple": {"kind": "multiple", "value": [huge], "updated": "2026-11-28T10:00:00+00:00"},
        "ex-text": {"kind": "text", "value": huge, "updated": "2026-11-28T10:00:00+00:00"}}}
    answers_file(env).write_text(json.dumps(doc), encoding="utf-8")
    scores = score_question_cells(NOTEBOOK, env, CELLS)
    for gid in ("ex-multiple", "ex-text"):
        assert scores[gid].points == 0.0
        assert "1,000,00" in scores[gid].text and len(scores[gid].text) < 1_000, scores[gid].text


def test_under_autograde_the_notebook_functions_score_nothing(env, monkeypatch, capsys):
    write_answers(env, {"ex-multiple": ["may", "probably"]})
    assert grade("ex-multiple") == 2.0 and answered("ex-multiple") is None
    monkeypatch.setenv("NBGRADER_EXECUTION", "validate")  # a student's own check: as without nbgrader
    assert grade("ex-multiple") == 2.0 and answered("ex-multiple") is None
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")  # the grading step outside the kernel scores
    capsys.readouterr()
    assert grade("ex-multiple") == 0.0 and answered("ex-multiple") == 0.0
    assert "scored by medialit's grading step" in capsys.readouterr().out
