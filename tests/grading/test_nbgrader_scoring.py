"""The pieces of medialit's grading step for nbgrader, without running nbgrader (the red-team
and autograde tests run them for real)."""

from __future__ import annotations

import os
import stat

import nbformat
from traitlets.config import Config

from medialit.grading import run_guard
from medialit.grading.nbgrader_scoring import (
    hide_paths,
    instructor_paths,
    out_of_range_value,
    restore_released_cell,
    source_answers_files,
)


def grade_cell(value: str | None, points: float = 3) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_code_cell("...")
    cell.metadata["nbgrader"] = {"grade": True, "grade_id": "ex", "points": points, "solution": False}
    if value is not None:
        cell.outputs = [nbformat.v4.new_output("execute_result", {"text/plain": value}, execution_count=1)]
    return cell


def test_a_grade_value_must_be_a_number_from_zero_to_the_points():
    assert out_of_range_value(grade_cell(None)) is None  # no value: nbgrader goes by the errors
    for ok in ("0.0", "1.5", "3"):
        assert out_of_range_value(grade_cell(ok)) is None, ok
    for bad in ("3.5", "1e9", "-1.0", "nan", "inf", "'full marks'"):
        assert out_of_range_value(grade_cell(bad)) is not None, bad
    long = out_of_range_value(grade_cell("'" + "x" * 10_000 + "'"))
    assert long is not None and len(long) < 100


def test_instructor_folders_are_hidden_as_whole_path_prefixes(tmp_path):
    course = tmp_path / "course"
    pairs = instructor_paths(course)
    text = f"cwd {course}/autograder/autograded/ada and {course}-old/x and {course}"
    assert hide_paths(text, pairs) == f"cwd <course>/autograder/autograded/ada and {course}-old/x and <course>"


def test_a_locked_cell_left_as_released_gets_its_hidden_tests_back_and_a_changed_one_does_not():
    source = "check()\n### BEGIN HIDDEN TESTS\nassert secret()\n### END HIDDEN TESTS"
    sources = {"ex": (source, True), "open": (source, False)}
    cell = grade_cell(None)
    cell.source = "check()"
    assert restore_released_cell(cell, sources) and cell.source == source
    cell.source = "check()\nprint('mine')"
    assert not restore_released_cell(cell, sources) and cell.source == "check()\nprint('mine')"
    cell.metadata["nbgrader"]["grade_id"] = "open"  # an unlocked cell is the student's
    cell.source = "check()"
    assert not restore_released_cell(cell, sources)


def test_the_submitted_folder_is_put_back_as_it_was(tmp_path):
    folder = tmp_path / "sub"
    (folder / "deep").mkdir(parents=True)
    (folder / "a.answers.json").write_text("mine", encoding="utf-8")
    (folder / "deep" / "timestamp.txt").write_text("2026", encoding="utf-8")
    os.chmod(folder / "a.answers.json", 0o444)
    kept = run_guard.snapshot_folder(folder)
    os.chmod(folder / "a.answers.json", 0o644)
    (folder / "a.answers.json").write_text("the key", encoding="utf-8")
    os.chmod(folder / "a.answers.json", 0o444)
    (folder / "deep" / "timestamp.txt").unlink()
    (folder / "extra.json").write_text("{}", encoding="utf-8")
    changes = run_guard.restore_folder(folder, kept)
    assert changes == ["a.answers.json: changed", "deep/timestamp.txt: deleted", "extra.json: added"]
    assert run_guard.snapshot_folder(folder) == kept
    assert not os.stat(folder / "a.answers.json").st_mode & stat.S_IWUSR  # still read-only
    assert run_guard.restore_folder(folder, kept) == []


def test_a_changed_file_is_set_aside_before_it_is_put_back(tmp_path):
    bank = tmp_path / "questions.yaml"
    bank.write_text("questions: []\n", encoding="utf-8")
    kept = run_guard.keep_files([bank])
    bank.write_text("questions: [cheat]\n", encoding="utf-8")
    changed = run_guard.restore_files(kept, set_aside="changed-while-grading-x")
    assert len(changed) == 1 and "questions.yaml.changed-while-grading-x" in changed[0]
    assert bank.read_text(encoding="utf-8") == "questions: []\n"
    assert (tmp_path / "questions.yaml.changed-while-grading-x").read_text(encoding="utf-8") == "questions: [cheat]\n"


def test_every_answers_file_of_a_source_folder_is_kept_from_autograde(tmp_path):
    for rel in ("l1/l1.answers.json", "l1/notes/old.answers.json", "l2/l2.ipynb"):
        (tmp_path / "solutions" / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "solutions" / rel).write_text("{}", encoding="utf-8")
    c = Config()
    c.CourseDirectory.root = str(tmp_path)
    c.CourseDirectory.source_directory = "solutions"
    assert source_answers_files(c) == {"l1": ["l1.answers.json", "notes/old.answers.json"]}
