"""Each learner sees options and items in an order of their own, the same after a restart,
and nothing a learner is shown hints at the answer: not the position, not the code example."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from medialit.lesson.order import learner_id, presented, shuffled
from medialit.lesson.widgets import ask
from medialit.lesson.widgets.render import StaticAnswer, fallback_text
from medialit.questions import all_questions, find_question
from tests.support.quiz_env import answers_file, setup_quiz_env


@pytest.fixture
def env(monkeypatch, tmp_path):
    return setup_quiz_env(monkeypatch, tmp_path)


def test_the_learner_is_the_hub_user_else_the_os_user(monkeypatch):
    import getpass

    monkeypatch.setenv("JUPYTERHUB_USER", "ana-k")
    assert learner_id() == "ana-k"
    monkeypatch.delenv("JUPYTERHUB_USER")
    assert learner_id() == getpass.getuser()


def test_the_order_is_stable_across_restarts_and_differs_between_learners(env, monkeypatch):
    q = find_question("ex-multiple")
    ids = q.option_ids
    monkeypatch.setenv("JUPYTERHUB_USER", "ana-k")
    mine = [o["id"] for o in presented(q).options]
    assert sorted(mine) == sorted(ids)
    code = ("import json\nfrom medialit.lesson.order import presented\n"
            "from medialit.questions import find_question\n"
            "print(json.dumps([o['id'] for o in presented(find_question('ex-multiple')).options]))")
    again = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    assert json.loads(again.stdout) == mine  # a new process (a restarted kernel) sees the same order
    orders = {tuple(shuffled(ids, q.id, "options", learner=f"student{n}")) for n in range(30)}
    assert len(orders) > 10  # learners see different orders


def test_widgets_fallback_and_summary_show_the_learners_order_and_record_by_id(env, monkeypatch):
    monkeypatch.setenv("JUPYTERHUB_USER", "ana-k")
    q = find_question("ex-multiple")
    order = shuffled(q.option_ids, q.id, "options", learner="ana-k")
    assert order != q.option_ids, "pick a learner whose order differs from the bank's for this test"
    w = ask("ex-multiple")
    assert list(w.boxes) == order
    text = fallback_text(q, None)
    listed = [line.split(":")[0].strip() for line in text.splitlines() if line.startswith("  ") and ":" in line
              and not line.startswith("    ")]
    assert listed == order
    for oid in reversed(order):  # tick in the shown order: stored in the bank's order, by id
        w.boxes[oid].value = oid in ("probably", "may")
    stored = json.loads(answers_file(env).read_text(encoding="utf-8"))["answers"]["ex-multiple"]["value"]
    assert stored == [o for o in q.option_ids if o in ("probably", "may")]
    summary = repr(StaticAnswer(q, stored))
    texts = [q.option(o)["text"] for o in order if o in stored]
    assert "; ".join(texts) in summary


def test_classification_items_follow_the_learners_order(env, monkeypatch):
    monkeypatch.setenv("JUPYTERHUB_USER", "ana-k")
    q = find_question("ex-classify")
    order = shuffled([it["id"] for it in q.items], q.id, "items", learner="ana-k")
    assert list(ask("ex-classify").choices) == order
    assert [c["id"] for c in presented(q).categories] == [c["id"] for c in q.categories]  # categories stay


def test_code_examples_never_show_a_right_answer():
    """The text fallback's ``answers.record(...)`` example holds placeholders, for every question of every bank."""
    from medialit.questions import key_answer

    checked = 0
    for q in all_questions().values():
        example = q.kind.example()
        assert "<" in example and ">" in example, (q.id, example)
        if not q.kind.auto_scored:
            continue
        key = key_answer(q)
        values = key if isinstance(key, list) else list(key.values()) if isinstance(key, dict) else [key]
        for v in values:
            if isinstance(v, str):
                assert repr(v) not in example, (q.id, example)
            elif isinstance(v, int) and not isinstance(v, bool):  # a rating: the whole scale, not a point on it
                lo, hi = q.scale
                assert f"from {lo} to {hi}" in example, (q.id, example)
        checked += 1
    assert checked > 20
