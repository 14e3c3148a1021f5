"""medialit questions list / check and medialit answers check."""

from __future__ import annotations

import json

import pytest

from medialit.answers.store import AnswerStore
from medialit.cli import main
from tests.support.quiz_env import FIXTURES, NOTEBOOK, answers_file, setup_quiz_env


@pytest.fixture
def env(monkeypatch, tmp_path):
    return setup_quiz_env(monkeypatch, tmp_path)


def test_questions_list_json_filters_by_notebook(env, capsys):
    assert main(["questions", "list", "--notebook", f"{NOTEBOOK}.ipynb", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["id"] for r in rows][:2] == ["ex-single", "ex-multiple"] and len(rows) == 7
    assert {r["notebook"] for r in rows} == {NOTEBOOK}


def test_questions_check_ok_and_failing(env, tmp_path, capsys):
    assert main(["questions", "check", str(FIXTURES / "questions" / "example.yaml")]) == 0
    assert "ok (7 questions)" in capsys.readouterr().out
    bad = tmp_path / "bad.yaml"
    bad.write_text("provenance: x\nlicence: MIT\narticle: harbourford-ferry-fares\nquestions:\n"
                   "  - {id: b1, type: spans, mode: graded, points: 1, prompt: Mark, layer: hedges,\n"
                   "     labels: [{id: modal, text: Modal}], key: {layer: hedges, where: {category: noun}}}\n", "utf-8")
    assert main(["questions", "check", str(bad)]) == 1
    assert "question 'b1': the key selects no spans" in capsys.readouterr().out


def test_answers_check_reports_forms_and_problems_without_writing(env, capsys):
    store = AnswerStore.for_notebook(NOTEBOOK)
    store.record("ex-multiple", ["may"])
    assert main(["answers", "check", str(answers_file(env))]) == 0
    assert "ex-multiple: 1 option selected" in capsys.readouterr().out
    data = json.loads(answers_file(env).read_text(encoding="utf-8"))
    data["answers"]["ex-single"] = {"kind": "single", "value": "zz", "updated": "2026-01-01T00:00:00+00:00"}
    data["answers"]["ex-rate"] = {"kind": "rate", "value": "high"}
    answers_file(env).write_text(json.dumps(data), encoding="utf-8")
    before = sorted(p.name for p in env.iterdir())
    assert main(["answers", "check", str(answers_file(env))]) == 1
    out = capsys.readouterr().out
    assert "problem: ex-single: 'zz' is not an option" in out
    assert "problem: answer 'ex-rate' could not be read" in out
    assert sorted(p.name for p in env.iterdir()) == before  # no backup written by a check
