"""try_exercise: an unfinished or broken exercise function never stops the notebook, and says what to do."""

from __future__ import annotations

import pytest

from medialit.checks import try_exercise


def finished(parts, label):
    return [p["text"] for p in parts if p["label"] == label]


def unfinished(parts, label):
    """As released: nbgrader's stub leaves only the docstring."""
    # YOUR CODE HERE
    pass


def old_stub(parts, label):
    raise NotImplementedError()


def broken(parts, label):
    return [p["txt"] for p in parts]


PARTS = [{"label": "headline", "text": "Ferry to Lund Island resumes"}, {"label": "body", "text": "It sailed."}]


def test_a_finished_function_gives_its_result_and_says_nothing(capsys):
    assert try_exercise(finished, PARTS, "headline") == ["Ferry to Lund Island resumes"]
    assert try_exercise(finished, PARTS, label="body") == ["It sailed."]
    assert capsys.readouterr() == ("", "")


@pytest.mark.parametrize("function", [unfinished, old_stub])
def test_an_unfinished_function_asks_to_finish_the_exercise_on_stderr(function, capsys):
    assert try_exercise(function, PARTS, "headline") is None
    out, err = capsys.readouterr()
    assert out == ""
    assert f"{function.__name__} is not finished yet" in err
    assert "finish the exercise above first" in err
    assert err.count("\n") == 1


def test_a_none_argument_from_another_unfinished_exercise_skips_the_call(capsys):
    calls = []
    assert try_exercise(lambda doc, matcher: calls.append(1), "text", None) is None
    assert calls == []
    assert "finish the exercise above first" in capsys.readouterr().err


def test_a_bug_names_the_error_and_the_students_line_without_raising(capsys):
    assert try_exercise(broken, PARTS, "headline") is None
    err = capsys.readouterr().err
    assert "broken raised KeyError: 'txt'" in err
    assert 'return [p["txt"] for p in parts]' in err
    assert "Fix the exercise above" in err


def test_a_name_that_is_not_a_function_says_to_run_the_exercise_cell(capsys):
    assert try_exercise([1, 2], PARTS) is None
    assert "is not a function: run the exercise's cell above" in capsys.readouterr().err


def test_the_stop_button_still_stops(capsys):
    def endless(*_args):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        try_exercise(endless, PARTS)
