"""Grades to the school's system: the gradebook as Canvas and Moodle import CSVs."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from medialit.cli import main
from medialit.hub.grades_export import ExportError, export_grades, read_roster

LESSONS = {"00-orientation": {"o1": 2.0, "o2": 1.0}, "01-sources": {"s1": 4.0}}


@pytest.fixture
def course(tmp_path: Path) -> Path:
    """A course folder with a gradebook: ana and bram submitted 00-orientation, only ana 01-sources (late)."""
    import warnings
    from datetime import datetime

    from nbgrader.api import Gradebook

    folder = tmp_path / "autograder"
    folder.mkdir()
    db = folder / "gradebook.db"
    (folder / "nbgrader_config.py").write_text(
        f'c = get_config()\nc.CourseDirectory.course_id = "medialit"\nc.CourseDirectory.db_url = "sqlite:///{db}"\n')
    with warnings.catch_warnings(), Gradebook(f"sqlite:///{db}", "medialit") as gb:
        warnings.simplefilter("ignore")  # SQLAlchemy on nbgrader's own autoflush pattern
        for lesson, cells in LESSONS.items():
            gb.add_assignment(lesson, duedate=datetime(2026, 3, 1, 12, 0))
            gb.add_notebook(lesson, lesson)
            for cell, points in cells.items():
                gb.add_grade_cell(cell, lesson, lesson, max_score=points, cell_type="code")
        gb.add_student("ana", first_name="Ana", last_name="Kovacs", email="ana@school.invalid")
        gb.add_student("bram", first_name="Bram", last_name="Oduya")
        gb.add_student("chen", first_name="Chen", last_name="Marlowe")
        scores = {("00-orientation", "ana"): {"o1": 2, "o2": 1}, ("00-orientation", "bram"): {"o1": 0.5, "o2": 0},
                  ("01-sources", "ana"): {"s1": 3}}
        for (lesson, student), cells in scores.items():
            gb.add_submission(lesson, student)
            for cell, score in cells.items():
                gb.find_grade(cell, lesson, lesson, student).auto_score = score
        sub = gb.find_submission("01-sources", "ana")
        sub.notebooks[0].late_submission_penalty = 1.0
        gb.db.commit()
    return folder


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def _db(course: Path) -> str:
    return f"sqlite:///{course / 'gradebook.db'}"


def test_canvas_has_one_column_per_lesson_points_possible_and_the_total(course):
    export = export_grades(_db(course), "medialit", "canvas")
    rows = _rows(export.text)
    assert rows[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "00-orientation", "01-sources",
                       "Final Points"]
    assert rows[1] == ["    Points Possible", "", "", "", "", "3", "4", "7"]
    by_id = {r[2]: r for r in rows[2:]}
    assert by_id["ana"][0] == "Kovacs, Ana"
    assert by_id["ana"][5:] == ["3", "2", "5"]  # 01-sources: 3 points minus the late penalty of 1
    assert by_id["bram"][5:] == ["0.5", "", "0.5"]
    assert by_id["chen"][5:] == ["", "", ""]  # in the class, nothing submitted: empty, not zero
    assert export.no_submission == {"00-orientation": ["chen"], "01-sources": ["bram", "chen"]}


def test_moodle_maps_by_id_number_with_a_total_column(course):
    export = export_grades(_db(course), "medialit", "moodle", lessons=["01-sources"])
    rows = _rows(export.text)
    assert rows[0] == ["ID number", "Username", "Email address", "First name", "Last name", "01-sources", "Total"]
    assert ["ana", "ana", "ana@school.invalid", "Ana", "Kovacs", "2", "2"] in rows


def test_the_roster_gives_school_ids_and_nobody_is_dropped(course, tmp_path):
    roster_file = tmp_path / "roster.csv"
    roster_file.write_text("username,sis_id,login_id,section\nana,S1001,ana.k,A\nghost,S1099,,A\nchen,S1003,,B\n",
                           encoding="utf-8")
    export = export_grades(_db(course), "medialit", "canvas", read_roster(roster_file))
    rows = {r[2]: r for r in _rows(export.text)[2:]}
    assert rows["S1001"][3:] == ["ana.k", "A", "3", "2", "5"]
    assert rows["S1099"][5:] == ["", "", ""]  # in the roster, missing from the gradebook: kept, empty
    assert rows["bram"][5:] == ["0.5", "", "0.5"]  # in the gradebook, missing from the roster: kept
    notes = "\n".join(export.notes())
    assert "in the roster but not in the gradebook" in notes and "ghost" in notes
    assert "in the gradebook but not in the roster" in notes and "bram" in notes


def test_bad_rosters_and_lessons_are_refused_with_a_reason(course, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("id,name\nana,Ana\n", encoding="utf-8")
    with pytest.raises(ExportError, match="at least 'username'"):
        read_roster(bad)
    bad.write_text("username\nana\nana\n", encoding="utf-8")
    with pytest.raises(ExportError, match="line 3: ana is listed twice"):
        read_roster(bad)
    with pytest.raises(ExportError, match="not in the gradebook: 09-missing"):
        export_grades(_db(course), "medialit", "canvas", lessons=["09-missing"])


def test_command_line_export_and_notes(course, tmp_path, capsys):
    out = tmp_path / "grades.csv"
    assert main(["hub", "export-grades", "--to", "canvas", "--course-dir", str(course), "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert f"wrote {out}: 3 students, lessons 00-orientation, 01-sources (canvas)" in printed
    assert "01-sources: no submission from 2 student(s)" in printed
    assert _rows(out.read_text(encoding="utf-8"))[0][-1] == "Final Points"
    assert main(["hub", "export-grades", "--to", "canvas", "--course-dir", str(course), "-o", str(out)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert main(["hub", "export-grades", "--to", "moodle", "--course-dir", str(tmp_path), "-o", str(out)]) == 2
    assert "has no nbgrader_config.py" in capsys.readouterr().err
