"""answered(): an unanswered question says what to do on stderr and shows no number that reads as a score."""

from __future__ import annotations

import pytest

from medialit.checks import answered
from tests.support.quiz_env import setup_quiz_env


@pytest.fixture
def quiz_env(monkeypatch, tmp_path):
    return setup_quiz_env(monkeypatch, tmp_path)


def test_an_unanswered_question_prints_what_to_do_on_stderr_and_returns_nothing(quiz_env, capsys):
    assert answered("ex-multiple") is None
    out, err = capsys.readouterr()
    assert out == ""
    assert "ex-multiple has no answer yet: answer it in the widget above" in err


def test_an_unknown_question_is_named_on_stderr(quiz_env, capsys):
    assert answered("no-such-question") is None
    assert "no-such-question: cannot be checked" in capsys.readouterr().err
