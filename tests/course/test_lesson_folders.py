"""One folder per lesson: the lesson list, the nbgrader set-up and the wheel all read it,
and the build notices a source that changed."""

from __future__ import annotations

import subprocess
import sys
import tomllib

import pytest

from medialit.course import lessons
from medialit.questions import load_bank
from tests.support.nbgrader_course import make_course
from tests.support.paths import REPO


def test_a_lesson_is_a_subfolder_holding_lesson_md(tmp_path):
    assert lessons.lesson_ids(tmp_path) == []  # no autograder/lesson-sources/ at all
    sources = tmp_path / "autograder" / "lesson-sources"
    for name in ("02-b", "01-a", "03-draft"):
        (sources / name).mkdir(parents=True)
    (sources / "02-b" / "lesson.md").write_text("%% markdown\n# B\n", encoding="utf-8")
    (sources / "01-a" / "lesson.md").write_text("%% markdown\n# A\n", encoding="utf-8")
    (sources / "03-draft" / "questions.yaml").write_text("questions: []\n", encoding="utf-8")
    (sources / "04-loose.md").write_text("%% markdown\n# Loose\n", encoding="utf-8")
    assert lessons.lesson_ids(tmp_path) == ["01-a", "02-b"]
    assert lessons.lesson_dir(tmp_path, "01-a") == sources / "01-a"


def test_every_lesson_folder_holds_its_source_and_the_bank_of_its_notebook():
    ids = lessons.lesson_ids(REPO)
    assert ids == ["00-orientation", "01-sources", "02-framing", "03-hedges", "04-capstone"]
    for lesson in ids:
        folder = lessons.lesson_dir(REPO, lesson)
        assert sorted(p.name for p in folder.iterdir()) == ["lesson.md", "questions.yaml"]
        assert load_bank(folder / "questions.yaml").notebook == lesson


def test_nbgrader_config_scores_outside_the_kernel_and_copies_no_source_answers_file():
    from traitlets.config.loader import PyFileConfigLoader

    config = PyFileConfigLoader("nbgrader_config.py", path=str(REPO / "autograder")).load_config()
    steps = [str(p).rsplit(".", 1)[-1] for p in config.Autograde.autograde_preprocessors]
    assert steps.index("ScoreSubmittedAnswers") < steps.index("ExecuteToTheEnd") < steps.index("LimitOutput") \
        < steps.index("ScoreQuestionCells") < steps.index("SaveAutoGrades") < steps.index("ShowRubrics")
    sanitize = [str(p).rsplit(".", 1)[-1] for p in config.Autograde.sanitize_preprocessors]
    assert sanitize.index("RestoreReleasedCells") < sanitize.index("OverwriteCells")
    # every answers file of a solution folder, whatever its name, is kept from the graded folders
    found = {lesson: sorted(p.name for p in (REPO / "solutions" / lesson).glob("*.answers.json"))
             for lesson in lessons.lesson_ids(REPO)}
    assert config.Autograde.exclude_overwriting == {k: v for k, v in found.items() if v}
    assert "*.answers.json" in config.GenerateAssignmentApp.CourseDirectory.ignore


def test_the_wheel_carries_article_texts_and_no_course_material():
    """The wheel takes the article texts from seeds/ (never a reference annotation) and nothing
    from the lesson folders: the public banks are in the package's data folder."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    wheel = project["tool"]["hatch"]["build"]["targets"]["wheel"]
    assert wheel["packages"] == ["medialit"]
    articles = sorted(p.name for p in (REPO / "seeds").iterdir() if (p / "article.txt").is_file())
    assert wheel["force-include"] == {f"seeds/{a}/{name}": f"medialit/_seeds/{a}/{name}" for a in articles
                                      for name in ("article.txt", "meta.yaml", "structure.json")}
    assert sorted(p.stem for p in (REPO / "medialit" / "data" / "questions").iterdir()) == lessons.lesson_ids(REPO)


def test_build_script_names_the_known_lessons():
    out = subprocess.run([sys.executable, str(REPO / "scripts" / "build_lessons.py"), "05-nowhere"],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 2
    assert "unknown lesson(s) 05-nowhere; known: 00-orientation, 01-sources" in out.stderr


@pytest.mark.nbgrader
def test_stale_files_finds_what_a_changed_source_would_rebuild(tmp_path):
    course = make_course(tmp_path, ["00-orientation"])
    assert lessons.stale_files(course, ["00-orientation"]) == []
    source = lessons.lesson_dir(course, "00-orientation") / "lesson.md"
    source.write_text(source.read_text(encoding="utf-8") + "\n%% markdown\nOne more paragraph.\n", encoding="utf-8")
    assert lessons.stale_files(course, ["00-orientation"]) == [
        "solutions/00-orientation/00-orientation.ipynb", "lessons/00-orientation/00-orientation.ipynb"]
