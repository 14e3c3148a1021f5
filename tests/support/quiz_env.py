"""Test set-up for the answers, question, grading and widget tests: the constructed
article and example bank in tests/fixtures, an empty working folder, nbgrader off."""

from __future__ import annotations

import os
from pathlib import Path

from tests.support.paths import FIXTURES

ARTICLE_ID = "harbourford-ferry-fares"
NOTEBOOK = "example-lesson"


def setup_quiz_env(monkeypatch, tmp_path: Path) -> Path:
    """Point medialit at the fixtures, chdir into ``tmp_path`` and return it."""
    from medialit.answers import store as answers

    monkeypatch.setenv("MEDIALIT_SEEDS", str(FIXTURES / "seeds"))
    monkeypatch.setenv("MEDIALIT_QUESTIONS", str(FIXTURES / "questions"))
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
    monkeypatch.setattr(answers, "_current", None)
    monkeypatch.setattr(answers.AnswerStore, "_shared", {})
    monkeypatch.chdir(tmp_path)
    return tmp_path


def article_text() -> str:
    return (FIXTURES / "seeds" / ARTICLE_ID / "article.txt").read_text(encoding="utf-8")


def offsets(needle: str, occurrence: int = 1) -> tuple[int, int]:
    """Python offsets of the ``occurrence``-th ``needle`` in the fixture article."""
    text, pos = article_text(), -1
    for _ in range(occurrence):
        pos = text.index(needle, pos + 1)
    return pos, pos + len(needle)


def answers_file(folder: Path) -> Path:
    return folder / f"{NOTEBOOK}.answers.json"


__all__ = ["ARTICLE_ID", "FIXTURES", "NOTEBOOK", "answers_file", "article_text", "offsets", "setup_quiz_env", "os"]
