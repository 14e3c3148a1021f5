"""Where banks are found: $MEDIALIT_QUESTIONS, then the course's lesson folders, then the package."""

from __future__ import annotations

import pytest

from medialit.core import paths
from medialit.questions import find_question, lookup, questions_for_notebook
from tests.support.paths import FIXTURES, REPO

BANK = """\
provenance: test bank
licence: MIT
notebook: {notebook}
questions:
  - id: {qid}
    type: single
    mode: practice
    points: 0
    prompt: Which harbour does the Harbourford ferry leave from?
    options:
      - {{id: a, text: the north quay, correct: true, feedback: Right.}}
      - {{id: b, text: the south quay, correct: false, feedback: The ferry leaves from the north quay.}}
"""


def lesson(course, name, *, source=True, bank=True, qid=None):
    """A lesson folder in ``course``: ``lesson.md`` and a one-question ``questions.yaml``."""
    folder = course / "autograder" / "lesson-sources" / name
    folder.mkdir(parents=True)
    if source:
        (folder / "lesson.md").write_text("%% markdown\n# A lesson\n", encoding="utf-8")
    if bank:
        (folder / "questions.yaml").write_text(BANK.format(notebook=name, qid=qid or f"{name}-q"), encoding="utf-8")
    return folder


@pytest.fixture
def course(monkeypatch, tmp_path):
    """A course standing where the package looks for one, and an empty package bank folder."""
    root = tmp_path / "course"
    root.mkdir()
    monkeypatch.setattr(paths, "SOURCE_ROOT", root)
    data = tmp_path / "data"
    (data / "questions").mkdir(parents=True)
    monkeypatch.setattr(lookup, "DATA_DIR", data)
    monkeypatch.delenv("MEDIALIT_QUESTIONS", raising=False)
    return root


def test_the_repository_checkout_is_the_course_and_its_lesson_banks_are_found(monkeypatch):
    monkeypatch.setenv("MEDIALIT_QUESTIONS", str(FIXTURES / "questions"))
    files = lookup.bank_files()
    sources = REPO / "autograder" / "lesson-sources"
    lessons = ["00-orientation", "01-sources", "02-framing", "03-hedges", "04-capstone"]
    assert files[0] == FIXTURES / "questions" / "example.yaml"
    assert files[1:6] == [sources / name / "questions.yaml" for name in lessons]
    # the questions a lesson's notebook asks are those of the bank in its folder
    for name in lessons:
        asked = questions_for_notebook(name)
        assert asked and {q.bank_path for q in asked} == {sources / name / "questions.yaml"}


def test_lookup_order_env_then_lesson_folders_then_package(course, tmp_path, monkeypatch):
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "more.yml").write_text(BANK.format(notebook="other", qid="more-q"), encoding="utf-8")
    monkeypatch.setenv("MEDIALIT_QUESTIONS", str(extra))
    b = lesson(course, "02-b")
    a = lesson(course, "01-a")
    packaged = lookup.DATA_DIR / "questions" / "packaged.yaml"
    packaged.write_text(BANK.format(notebook="packaged", qid="packaged-q"), encoding="utf-8")
    assert lookup.question_dirs() == [extra, a, b, lookup.DATA_DIR / "questions"]
    assert lookup.bank_files() == [extra / "more.yml", a / "questions.yaml", b / "questions.yaml", packaged]
    assert [q.id for q in questions_for_notebook("01-a")] == ["01-a-q"]


def test_a_lesson_folder_holds_one_bank_and_a_folder_without_lesson_md_is_no_lesson(course):
    a = lesson(course, "01-a")
    (a / "notes.yaml").write_text("not: a bank\n", encoding="utf-8")
    lesson(course, "02-draft", source=False)
    assert lookup.bank_files() == [a / "questions.yaml"]
    assert find_question("01-a-q").notebook == "01-a"
    with pytest.raises(LookupError, match="02-draft-q"):
        find_question("02-draft-q")


def test_without_a_course_only_the_package_banks_are_found(course):
    packaged = lookup.DATA_DIR / "questions" / "01-a.yaml"
    packaged.write_text(BANK.format(notebook="01-a", qid="01-a-q"), encoding="utf-8")
    assert lookup.bank_files() == [packaged]  # the course root has no autograder/lesson-sources/
    assert find_question("01-a-q").notebook == "01-a"
