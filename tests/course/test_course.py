"""A course is a folder: how medialit finds it, what it reads from it, and that nothing an
instructor does writes into the installed package."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from medialit.core import paths
from medialit.course.course import Course, CourseError, course_at, find_course, require_course, using_course
from tests.support.paths import FIXTURES, REPO, SEED_ID

PRACTICE = "wrenmouth-tide-2025-06-04-desalination-plant"


def make_course(root):
    """The least a folder needs to be a course."""
    (root / "autograder" / "lesson-sources").mkdir(parents=True)
    (root / "autograder" / "nbgrader_config.py").write_text("c = get_config()  # noqa: F821\n", encoding="utf-8")
    return root


@pytest.fixture
def clean_env(monkeypatch):
    for name in ("MEDIALIT_COURSE", "MEDIALIT_SEEDS", "MEDIALIT_QUESTIONS"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def medialit(*args, cwd=None, env=None):
    env = {k: v for k, v in (env or os.environ).items() if not k.startswith("MEDIALIT_")} | (
        {k: v for k, v in (env or {}).items() if k.startswith("MEDIALIT_")})
    return subprocess.run([sys.executable, "-m", "medialit.cli", *map(str, args)], capture_output=True, text=True,
                          encoding="utf-8", timeout=600, cwd=cwd, env=env)


def test_the_course_is_found_from_the_working_directory_upward(clean_env, tmp_path):
    root = make_course(tmp_path / "course")
    deep = root / "autograder" / "submitted" / "ada" / "01-a"
    deep.mkdir(parents=True)
    clean_env.chdir(deep)
    assert find_course() == Course(root)
    assert course_at(deep / "01-a.ipynb") == Course(root)  # the course of a submission, wherever the process runs
    clean_env.chdir(tmp_path)
    assert find_course() is None
    with pytest.raises(CourseError, match=r"no medialit course here .*--course DIR.*MEDIALIT_COURSE.*course new"):
        require_course()
    # the repository is the default course of a clone
    clean_env.chdir(REPO / "lessons")
    assert find_course() == Course(REPO)


def test_an_explicit_course_or_medialit_course_wins_and_must_be_a_course(clean_env, tmp_path):
    root = make_course(tmp_path / "course")
    other = make_course(tmp_path / "other")
    clean_env.chdir(other)
    assert find_course(root) == Course(root)
    assert find_course(root / "autograder") == Course(root)  # the folder nbgrader runs from will do
    clean_env.chdir(root / "autograder")
    assert find_course(".") == Course(root)  # `medialit grade . LESSON` where nbgrader runs
    clean_env.chdir(other)
    clean_env.setenv("MEDIALIT_COURSE", str(root))
    assert find_course() == Course(root)
    assert find_course(other) == Course(other)
    for bad in (tmp_path, tmp_path / "missing"):
        with pytest.raises(CourseError, match="is not a medialit course: it has no nbgrader_config.py in autograder/"):
            find_course(bad)
    clean_env.setenv("MEDIALIT_COURSE", str(tmp_path))
    with pytest.raises(CourseError, match=r"\$MEDIALIT_COURSE=.* is not a medialit course"):
        find_course()


def test_using_course_sets_the_course_for_the_block_and_the_processes_it_starts(clean_env, tmp_path):
    from medialit.course.course import course_environment

    root = make_course(tmp_path / "course")
    clean_env.chdir(tmp_path)
    clean_env.setenv("MEDIALIT_COURSE", str(tmp_path / "not-a-course"))  # the block wins over the environment
    with using_course(root) as course:
        assert find_course() == course == Course(root)
        child = subprocess.run([sys.executable, "-c", "from medialit.course.course import find_course; "
                                                      "print(find_course().root)"],
                               capture_output=True, text=True, timeout=120, env=course_environment())
        assert child.stdout.strip() == str(root)
    assert os.environ["MEDIALIT_COURSE"] == str(tmp_path / "not-a-course")  # the process's environment untouched
    clean_env.delenv("MEDIALIT_COURSE")
    assert find_course() is None and "MEDIALIT_COURSE" not in course_environment()


def test_bank_for_gives_the_courses_full_bank_whatever_the_lookup_says(clean_env, tmp_path):
    """What grading code asks for: the course's own bank of a notebook, keys included."""
    clean_env.chdir(tmp_path)  # no course here, so the lookup finds only public banks
    clean_env.setenv("MEDIALIT_QUESTIONS", str(FIXTURES / "questions"))
    course = Course(REPO)
    bank = course.bank_for("01-sources.ipynb")
    assert bank.path == REPO / "autograder" / "lesson-sources" / "01-sources" / "questions.yaml"
    assert not bank.public and all(q.has_key for q in bank.questions)
    spans = next(q for q in bank.questions if q.type == "spans")
    assert spans.course_root == REPO and spans.key_spans()  # its article's reference comes from its course
    assert course.bank_for("example-lesson") is None  # a bank elsewhere is not the course's
    assert [q.id for q in course.questions_for("00-orientation")] == [q.id for q in course.bank_for(
        "00-orientation").questions]


def test_a_course_inside_the_package_is_refused(clean_env, tmp_path):
    inside = paths.PACKAGE_DIR / "not-a-course"
    with pytest.raises(paths.PackageWriteError, match="refusing to write a course into the installed medialit"):
        Course(inside)
    assert not inside.exists()
    out = medialit("course", "new", inside, cwd=tmp_path)
    assert out.returncode == 2 and "refusing to write a course into the installed medialit package" in out.stderr
    assert not inside.exists()
    assert paths.inside_package(paths.DATA_DIR / "questions") and not paths.inside_package(REPO / "seeds")


def test_no_instructor_command_writes_into_the_package(clean_env, tmp_path):
    page = FIXTURES / "instructor" / "courier-harbour-page.txt"
    add = ["article", "add", page, "--outlet", "The Merrowby Courier", "--date", "2024-05-02", "--yes",
           "--no-annotation"]
    out = medialit(*add, "--dest", paths.PACKAGE_DIR / "_seeds", cwd=tmp_path)
    assert out.returncode == 2 and "refusing to write a new article into the installed medialit" in out.stderr
    out = medialit(*add, cwd=tmp_path, env={"MEDIALIT_SEEDS": str(paths.PACKAGE_DIR / "data")})
    assert out.returncode == 2 and "refusing to write a new article into the installed medialit" in out.stderr
    out = medialit("export", SEED_ID, "--to", "doccano", "--out", paths.PACKAGE_DIR / "x.jsonl", cwd=REPO)
    assert out.returncode == 2 and "refusing to write the output into the installed medialit" in out.stderr
    # outside a course, the package's articles are texts only: nothing may annotate them
    out = medialit("reference-build", PRACTICE, cwd=tmp_path)
    assert out.returncode == 2 and "one of the texts the medialit package carries" in out.stderr
    out = medialit("article", "review", PRACTICE, "--accept", cwd=tmp_path)
    assert out.returncode == 2 and "one of the texts the medialit package carries" in out.stderr
    assert not list(paths.PACKAGE_DIR.rglob("merrowby-*"))


def test_article_add_writes_into_the_course_it_runs_in(clean_env, tmp_path):
    """Run from another course (or given --course), a new article goes into that course's seeds/."""
    page = FIXTURES / "instructor" / "courier-harbour-page.txt"
    add = ["article", "add", page, "--outlet", "The Merrowby Courier", "--date", "2024-05-02", "--yes",
           "--no-annotation"]
    mine = make_course(tmp_path / "mine")
    out = medialit(*add, cwd=mine / "autograder")
    assert out.returncode == 0, out.stderr
    assert [p.name for p in (mine / "seeds").iterdir()] == ["merrowby-courier-2024-05-02-merrowby-harbour-toll-double"]
    theirs = make_course(tmp_path / "theirs")
    out = medialit(*add, "--course", theirs, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert (theirs / "seeds" / "merrowby-courier-2024-05-02-merrowby-harbour-toll-double" / "article.txt").exists()
    out = medialit(*add, cwd=tmp_path)
    assert out.returncode == 2 and "no medialit course here" in out.stderr and "--course DIR" in out.stderr
    assert not (REPO / "seeds" / "merrowby-courier-2024-05-02-merrowby-harbour-toll-double").exists()


def test_outside_a_course_references_are_the_teachers(clean_env, tmp_path):
    """The package's article texts serve lessons; their references stay in courses, also in a checkout."""
    from medialit import load_article

    clean_env.chdir(tmp_path)
    article = load_article(SEED_ID)
    assert article.packaged and not article.has_reference and article.text.startswith(
        (REPO / "seeds" / SEED_ID / "article.txt").read_text(encoding="utf-8")[:40])
    with pytest.raises(LookupError, match="kept by your teacher's course"):
        article.reference  # noqa: B018
    for args in (["reference", SEED_ID], ["show", SEED_ID, "--layer", "hedges"]):
        out = medialit(*args, cwd=tmp_path)
        assert out.returncode == 2 and "kept by your teacher's course" in out.stderr, args
        assert "Traceback" not in out.stderr
    assert medialit("show", SEED_ID, cwd=tmp_path).returncode == 0  # the page structure is no key
    out = medialit("reference", SEED_ID, "--course", REPO, cwd=tmp_path)  # a teacher names the course
    assert out.returncode == 0 and '"hedges"' in out.stdout


def test_course_show_names_the_course_its_lessons_and_articles(clean_env, tmp_path):
    out = medialit("course", "show", cwd=REPO / "lessons" / "01-sources")
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith(f"course: {REPO}\nlessons (5):\n  00-orientation: ")
    assert f"  {SEED_ID}: reviewed, reference annotation" in out.stdout
    out = medialit("course", "show", cwd=tmp_path)
    assert out.returncode == 2 and "no medialit course here" in out.stderr
