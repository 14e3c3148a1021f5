"""Where banks are found: $MEDIALIT_QUESTIONS, the course's lesson folders, beside the notebook, the package."""

from __future__ import annotations

from pathlib import Path

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


PUBLIC = """\
provenance: public form
licence: MIT
notebook: {notebook}
public: true
questions:
  - id: {qid}
    type: single
    mode: graded
    points: 1
    prompt: Which harbour does the Harbourford ferry leave from?
    options:
      - {{id: a, text: the north quay}}
      - {{id: b, text: the south quay}}
"""


@pytest.fixture
def course(monkeypatch, tmp_path):
    """A course (nbgrader_config.py and lesson-sources/), the working directory inside it, and an
    empty package bank folder."""
    root = tmp_path / "course"
    (root / "autograder" / "lesson-sources").mkdir(parents=True)
    (root / "autograder" / "nbgrader_config.py").write_text("c = get_config()\n", encoding="utf-8")
    work = root / "lessons" / "01-a"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)
    data = tmp_path / "data"
    (data / "questions").mkdir(parents=True)
    monkeypatch.setattr(lookup, "DATA_DIR", data)
    for name in ("MEDIALIT_QUESTIONS", "MEDIALIT_COURSE", "JPY_SESSION_NAME"):
        monkeypatch.delenv(name, raising=False)
    return root


def test_the_repository_checkout_is_the_course_and_its_lesson_banks_are_found(monkeypatch):
    monkeypatch.chdir(REPO)
    monkeypatch.delenv("MEDIALIT_COURSE", raising=False)
    monkeypatch.setenv("MEDIALIT_QUESTIONS", str(FIXTURES / "questions"))
    files = lookup.bank_files()
    sources = REPO / "autograder" / "lesson-sources"
    lessons = ["00-orientation", "01-sources", "02-framing", "03-hedges", "04-capstone"]
    assert files[0] == FIXTURES / "questions" / "example.yaml"
    assert files[1:6] == [sources / name / "questions.yaml" for name in lessons]
    # the package's public banks come last, and the course's full banks replace them
    assert files[6:] == [paths.DATA_DIR / "questions" / f"{name}.yaml" for name in lessons]
    for name in lessons:
        asked = questions_for_notebook(name)
        assert asked and {q.bank_path for q in asked} == {sources / name / "questions.yaml"}
        assert all(q.has_key for q in asked)


def test_lookup_order_env_then_lesson_folders_then_notebook_folder_then_package(course, tmp_path, monkeypatch):
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "more.yml").write_text(BANK.format(notebook="other", qid="more-q"), encoding="utf-8")
    monkeypatch.setenv("MEDIALIT_QUESTIONS", str(extra))
    b = lesson(course, "02-b")
    a = lesson(course, "01-a")
    work = Path.cwd()
    beside = work / "01-a.questions.yaml"
    beside.write_text(PUBLIC.format(notebook="01-a", qid="01-a-q"), encoding="utf-8")
    (work / "notes.yaml").write_text("not: a bank\n", encoding="utf-8")  # only *.questions.yaml beside a notebook
    packaged = lookup.DATA_DIR / "questions" / "packaged.yaml"
    packaged.write_text(BANK.format(notebook="packaged", qid="packaged-q"), encoding="utf-8")
    assert lookup.question_dirs() == [extra, a, b, work, lookup.DATA_DIR / "questions"]
    assert lookup.bank_files() == [extra / "more.yml", a / "questions.yaml", b / "questions.yaml", beside, packaged]
    # the course's full bank provides 01-a: the public bank of the same notebook is skipped, not a clash
    asked = questions_for_notebook("01-a")
    assert [q.id for q in asked] == ["01-a-q"] and asked[0].bank_path == a / "questions.yaml"
    from medialit.questions import bank_problems

    assert bank_problems() == []


def test_a_lesson_folder_holds_one_bank_and_a_folder_without_lesson_md_is_no_lesson(course):
    a = lesson(course, "01-a")
    (a / "notes.yaml").write_text("not: a bank\n", encoding="utf-8")
    lesson(course, "02-draft", source=False)
    assert lookup.bank_files() == [a / "questions.yaml"]
    assert find_question("01-a-q").notebook == "01-a"
    with pytest.raises(LookupError, match="02-draft-q"):
        find_question("02-draft-q")


def test_without_a_course_the_bank_beside_the_notebook_then_the_package_banks_are_found(course, tmp_path,
                                                                                        monkeypatch):
    elsewhere = tmp_path / "home" / "01-a"
    elsewhere.mkdir(parents=True)
    monkeypatch.chdir(elsewhere)
    packaged = lookup.DATA_DIR / "questions" / "01-a.yaml"
    packaged.write_text(BANK.format(notebook="01-a", qid="01-a-q"), encoding="utf-8")
    assert lookup.bank_files() == [packaged]  # no course above the working directory
    assert find_question("01-a-q").notebook == "01-a"
    beside = elsewhere / "01-a.questions.yaml"
    beside.write_text(PUBLIC.format(notebook="01-a", qid="01-a-q"), encoding="utf-8")
    assert lookup.bank_files() == [beside, packaged]
    q = find_question("01-a-q")
    assert q.bank_path == beside and not q.has_key  # the released lesson's public bank comes first


def test_the_folder_of_the_session_notebook_is_searched_too(course, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "released" / "07-x"
    folder.mkdir(parents=True)
    bank = folder / "07-x.questions.yaml"
    bank.write_text(PUBLIC.format(notebook="07-x", qid="07-x-q"), encoding="utf-8")
    monkeypatch.setenv("JPY_SESSION_NAME", str(folder / "07-x.ipynb"))
    assert bank in lookup.bank_files()
    assert find_question("07-x-q").notebook == "07-x"


def test_medialit_course_names_the_course_wherever_the_working_directory_is(course, tmp_path, monkeypatch):
    a = lesson(course, "01-a")
    monkeypatch.chdir(tmp_path)
    assert a / "questions.yaml" not in lookup.bank_files()
    monkeypatch.setenv("MEDIALIT_COURSE", str(course))
    assert lookup.bank_files()[0] == a / "questions.yaml"
    monkeypatch.setenv("MEDIALIT_COURSE", str(tmp_path / "nowhere"))
    with pytest.raises(LookupError, match="is not a medialit course"):
        lookup.bank_files()
