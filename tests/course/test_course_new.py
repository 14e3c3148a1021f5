"""``medialit course new``: an empty course that works, end to end.

A new course is made in a temporary folder; an article is added to it, and a lesson is built
for its practice article and released by nbgrader.  The released folder, moved where no course
is (a student's machine), works from its public bank alone and holds no graded key.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest
import yaml

from medialit.course.course import Course, lesson_ids
from medialit.course.new import CONFIG_TEMPLATE
from tests.support.paths import FIXTURES, REPO, SEED_ID

PRACTICE = "wrenmouth-tide-2025-06-04-desalination-plant"


def clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MEDIALIT_") and k != "NBGRADER_EXECUTION"}
    env["PATH"] = f"{os.path.dirname(sys.executable)}{os.pathsep}{env.get('PATH', '')}"
    return env


def medialit(*args, cwd):
    return subprocess.run([sys.executable, "-m", "medialit.cli", *map(str, args)], capture_output=True, text=True,
                          encoding="utf-8", timeout=900, cwd=cwd, env=clean_env())


def test_a_new_course_holds_the_set_up_and_the_article_texts(tmp_path):
    out = medialit("course", "new", tmp_path / "c", cwd=REPO)  # from the repository: the practice reference too
    assert out.returncode == 0, out.stderr
    root = tmp_path / "c"
    assert (root / "autograder" / "nbgrader_config.py").read_text(encoding="utf-8") == CONFIG_TEMPLATE.read_text(
        encoding="utf-8")
    assert lesson_ids(root) == [] and (root / "autograder" / "lesson-sources").is_dir()
    files = {p.relative_to(root / "seeds").as_posix() for p in (root / "seeds").rglob("*") if p.is_file()}
    assert files == {f"{SEED_ID}/article.txt", f"{SEED_ID}/meta.yaml", f"{SEED_ID}/structure.json",
                     f"{PRACTICE}/article.txt", f"{PRACTICE}/meta.yaml", f"{PRACTICE}/structure.json",
                     f"{PRACTICE}/reference.json", f"{PRACTICE}/reference.src.yaml"}
    assert "status: draft" in (root / "seeds" / SEED_ID / "meta.yaml").read_text(encoding="utf-8")
    assert (root / "seeds" / PRACTICE / "reference.json").read_bytes() == (
        REPO / "seeds" / PRACTICE / "reference.json").read_bytes()
    assert "with its reference annotation" in out.stdout and "status draft" in out.stdout
    # outside any course there is no reference to give: the practice article comes as text only
    bare = medialit("course", "new", tmp_path / "bare", cwd=tmp_path)
    assert bare.returncode == 0, bare.stderr
    assert not list((tmp_path / "bare" / "seeds").rglob("reference.*"))
    again = medialit("course", "new", root, cwd=tmp_path)
    assert again.returncode == 2 and "is not an empty folder" in again.stderr


@pytest.mark.nbgrader
def test_a_new_course_takes_an_article_and_builds_and_releases_a_lesson(tmp_path):
    root = tmp_path / "c"
    assert medialit("course", "new", root, cwd=REPO).returncode == 0
    added = medialit("article", "add", FIXTURES / "instructor" / "courier-harbour-page.txt", "--outlet",
                     "The Merrowby Courier", "--date", "2024-05-02", "--yes", "--no-annotation", cwd=root)
    assert added.returncode == 0, added.stderr
    new_id = "merrowby-courier-2024-05-02-merrowby-harbour-toll-double"
    state = medialit("article", "review", new_id, cwd=root / "seeds")
    assert state.returncode == 0 and state.stdout.startswith(f"{new_id}: status draft"), state.stderr
    built = medialit("build", PRACTICE, "--prefix", "wren", "--lessons", "hedges", "--no-check", cwd=root)
    assert built.returncode == 0, built.stdout + built.stderr
    assert "ok        no key in the release" in built.stdout
    assert lesson_ids(root) == ["wren-hedges"]
    assert sorted(p.name for p in (root / "lessons" / "wren-hedges").iterdir()) == [
        "wren-hedges.ipynb", "wren-hedges.questions.yaml"]
    assert Course(root).bank_for("wren-hedges").path == root / "autograder" / "lesson-sources" / "wren-hedges" / \
        "questions.yaml"

    # a student's copy of the release, where no course is: the public bank beside the notebook serves it
    student = tmp_path / "student" / "wren-hedges"
    shutil.copytree(root / "lessons" / "wren-hedges", student)
    probe = ("import json\nfrom medialit.questions import questions_for_notebook\n"
             "from medialit.lesson.widgets import reveal\n"
             "qs = questions_for_notebook('wren-hedges')\n"
             "print(json.dumps({'banks': sorted({str(q.bank_path) for q in qs}), "
             "'keys': {q.id: q.has_key for q in qs}, "
             "'reveal': repr(reveal('wren-hedges-hdg-spans', confirm=True))}))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=student, env=clean_env(),
                         timeout=300)
    assert out.returncode == 0, out.stderr
    seen = json.loads(out.stdout)
    assert seen["banks"] == [str(student / "wren-hedges.questions.yaml")]
    public = yaml.safe_load((student / "wren-hedges.questions.yaml").read_text(encoding="utf-8"))
    modes = {q["id"]: q["mode"] for q in public["questions"]}
    assert seen["keys"] == {qid: mode == "practice" for qid, mode in modes.items()}
    assert "Your teacher holds the key to wren-hedges-hdg-spans" in seen["reveal"]
