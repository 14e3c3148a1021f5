"""The answers file: recording, restoring, atomic writes, corrupt files, read-only under nbgrader."""

from __future__ import annotations

import json
import os
import warnings

import pytest

from medialit.answers import store as answers
from medialit.answers.store import AnswersFileError, AnswersFileWarning, AnswerStore
from medialit.core.annotation import schema_problems
from medialit.questions import AnswerFormError, find_question
from tests.support.quiz_env import NOTEBOOK, answers_file, offsets, setup_quiz_env


@pytest.fixture
def env(monkeypatch, tmp_path):
    return setup_quiz_env(monkeypatch, tmp_path)


def test_record_writes_a_valid_file_and_get_reads_it_back(env):
    store = AnswerStore.for_notebook(f"{NOTEBOOK}.ipynb")
    assert store.path == env / f"{NOTEBOOK}.answers.json"
    store.record("ex-multiple", ["probably", "may"])
    store.record("ex-rate", 4)
    store.record("ex-text", "The ferry operator 🚢 is never asked “why”.")
    data = json.loads(store.path.read_text(encoding="utf-8"))
    assert schema_problems(data, "answers") == []
    assert data["notebook"] == NOTEBOOK
    assert data["answers"]["ex-multiple"]["kind"] == "multiple"
    assert data["answers"]["ex-multiple"]["value"] == ["may", "probably"]  # option order, not click order
    fresh = AnswerStore(store.path)
    assert fresh.answered() == ["ex-multiple", "ex-rate", "ex-text"]
    assert fresh.get("ex-text") == "The ferry operator 🚢 is never asked “why”."
    assert fresh.get("ex-single") is None
    assert fresh.problems == []


def test_span_answer_is_an_annotation_document_with_only_the_question_layer(env):
    store = AnswerStore.for_notebook(NOTEBOOK)
    start, end = offsets("probably")
    doc = store.record("ex-hedges", [(start, end, "adverb"), {"text": "might", "label": "modal"}])
    assert set(doc) == {"schema_version", "article_id", "text_sha256", "producer", "hedges"}
    assert [(h["cue"]["text"], h["category"]) for h in doc["hedges"]] == [("probably", "adverb"), ("might", "modal")]
    assert doc["hedges"][0]["cue"]["start"] == start
    assert schema_problems(json.loads(store.path.read_text(encoding="utf-8")), "answers") == []


def test_wrong_form_is_refused_with_a_message_and_nothing_is_written(env):
    store = AnswerStore.for_notebook(NOTEBOOK)
    with pytest.raises(AnswerFormError, match="'z' is not an option; use one of 'a', 'b', 'c'"):
        store.record("ex-single", "z")
    with pytest.raises(AnswerFormError, match="off the scale"):
        store.record("ex-rate", 9)
    with pytest.raises(AnswerFormError, match="outside the part of the article"):
        store.record("ex-headline", [{"text": "could", "label": "modal"}])
    assert not store.path.exists()


def test_failed_write_leaves_the_old_file_intact_and_keeps_the_answer(env, monkeypatch):
    store = AnswerStore.for_notebook(NOTEBOOK)
    store.record("ex-single", "a")
    before = store.path.read_bytes()

    def broken_fsync(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(AnswersFileError, match="No space left on device.*kept in this session"):
        store.record("ex-rate", 3)
    assert store.path.read_bytes() == before
    assert [p.name for p in env.iterdir()] == [store.path.name]  # no temporary file left behind
    monkeypatch.undo()
    setup_quiz_env(monkeypatch, env)
    store.record("ex-text", "Now it works again.")
    saved = json.loads(store.path.read_text(encoding="utf-8"))["answers"]
    assert set(saved) == {"ex-single", "ex-rate", "ex-text"}  # the answer given during the failure was not lost


def test_truncated_file_is_backed_up_and_complete_answers_are_salvaged(env):
    path = answers_file(env)
    store = AnswerStore.for_notebook(NOTEBOOK)
    store.record("ex-single", "b")
    store.record("ex-rate", 2)
    store.record("ex-text", "half of this will survive")
    full = path.read_text(encoding="utf-8")
    broken = full[: full.index('"ex-text"') + 30]  # cut inside the third answer
    path.write_text(broken, encoding="utf-8")
    with pytest.warns(AnswersFileWarning, match="not valid JSON") as caught:
        reloaded = AnswerStore(path)
    assert reloaded.get("ex-single") == "b" and reloaded.get("ex-rate") == 2
    assert reloaded.get("ex-text") is None
    assert reloaded.backup_path is not None and reloaded.backup_path.read_text(encoding="utf-8") == broken
    assert ".corrupt-" in reloaded.backup_path.name
    message = str(caught[0].message)
    assert "Recovered 2 answer(s): ex-single, ex-rate" in message and str(reloaded.backup_path) in message
    reloaded.record("ex-multiple", ["may"])
    clean = json.loads(path.read_text(encoding="utf-8"))
    assert set(clean["answers"]) == {"ex-single", "ex-rate", "ex-multiple"}


def test_hand_edited_entry_is_reported_by_id_and_the_others_kept(env):
    path = answers_file(env)
    data = {"schema_version": 1, "notebook": NOTEBOOK, "answers": {
        "ex-single": {"kind": "single", "value": "a", "updated": "2026-01-01T10:00:00+00:00"},
        "ex-rate": {"kind": "rate", "value": "four", "updated": "2026-01-01T10:00:00+00:00"},
        "ex-text": {"kind": "text", "value": "kept"},
    }}
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.warns(AnswersFileWarning):
        store = AnswerStore(path)
    assert store.answered() == ["ex-single"]
    joined = "\n".join(store.problems)
    assert "answer 'ex-rate' could not be read" in joined and "'four' is not of type 'integer'" in joined
    assert "answer 'ex-text' could not be read" in joined and "'updated' is a required property" in joined
    assert json.loads(store.backup_path.read_text(encoding="utf-8")) == data


def test_not_json_at_all_still_opens_with_a_backup(env):
    path = answers_file(env)
    path.write_bytes(b"\xff\xfe garbage")
    with pytest.warns(AnswersFileWarning, match="not UTF-8"):
        store = AnswerStore(path)
    assert store.answered() == [] and store.backup_path.read_bytes() == b"\xff\xfe garbage"


def test_read_only_under_nbgrader_never_writes(env, monkeypatch):
    path = answers_file(env)
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    store = AnswerStore.for_notebook(NOTEBOOK)
    assert store.read_only
    assert store.record("ex-single", "a") == "a"
    assert store.get("ex-single") == "a"  # kept in memory for the grading cells of the same run
    assert not path.exists()
    path.write_text("{ broken", encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        broken = AnswerStore(path)
    assert broken.backup_path is None and "left untouched" in str(caught[0].message)
    assert sorted(p.name for p in env.iterdir()) == [path.name]


def test_two_stores_on_one_file_do_not_lose_each_others_answers(env):
    path = answers_file(env)
    first, second = AnswerStore(path), AnswerStore(path)
    first.record("ex-single", "a")
    second.record("ex-rate", 5)
    first.record("ex-text", "third")
    assert set(json.loads(path.read_text(encoding="utf-8"))["answers"]) == {"ex-single", "ex-rate", "ex-text"}


def test_module_level_record_finds_the_notebook(env, monkeypatch):
    # The bank names its notebook, so code can record without answers.use().
    assert answers.record("ex-single", "c") == "c"
    assert answers.get("ex-single") == "c"
    assert answers_file(env).exists()
    answers.use("other-notebook")
    answers.record("ex-rate", 1)
    assert (env / "other-notebook.answers.json").exists()


def test_session_name_and_the_message_when_nothing_names_the_notebook(env, monkeypatch):
    monkeypatch.setenv("JPY_SESSION_NAME", "lessons/03-hedges.ipynb")
    assert answers.current_store().path.name == "03-hedges.answers.json"
    monkeypatch.delenv("JPY_SESSION_NAME")
    with pytest.raises(LookupError, match=r"answers.use\('<notebook name>'\)"):
        answers.current_store()
    assert answers.current_store(find_question("ex-single")).notebook == NOTEBOOK
