"""An article the project has never seen: `medialit article add` → a scripted review →
`medialit build` with the default (long) article id, and a forced failure that leaves the
course exactly as it was."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from medialit.course.build_ids import CELL_ID_LIMIT, default_prefix
from medialit.questions import load_bank
from tests.support.paths import REPO

PAGE = REPO / "tests" / "fixtures" / "instructor" / "herald-bridge-page.html"
ARTICLE = "calderwick-herald-2025-09-17-calderwick-bridge-repairs-could"


def medialit(*args: str, timeout: int = 1800) -> subprocess.CompletedProcess:
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    env.pop("MEDIALIT_SEEDS", None)
    return subprocess.run([sys.executable, "-m", "medialit.cli", *args], capture_output=True, text=True,
                          encoding="utf-8", timeout=timeout, env=env)


def git(course: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(course), *args], capture_output=True, text=True, check=True).stdout


def test_long_default_ids_are_shortened_stably():
    prefix = default_prefix(ARTICLE)
    assert prefix == default_prefix(ARTICLE) and prefix.startswith("calderwick-herald-")
    assert len(f"{prefix}-sources-src-kind-practice") <= CELL_ID_LIMIT
    assert default_prefix(ARTICLE + "-x") != prefix  # two long ids with the same start differ
    assert default_prefix("harbour-fees") == "harbour-fees"


@pytest.mark.nbgrader
def test_an_unseen_article_goes_from_page_to_graded_lessons(tmp_path, monkeypatch):
    course = tmp_path / "course"
    assert medialit("course", "new", str(course)).returncode == 0
    added = medialit("article", "add", str(PAGE), "--course", str(course), "--yes", "--constructed")
    assert added.returncode == 0, added.stderr
    assert (course / "seeds" / ARTICLE / "reference.json").exists()

    # not reviewed: --accept refuses and says how many items are left
    refused = medialit("article", "review", ARTICLE, "--accept", "--course", str(course))
    assert refused.returncode == 2 and "drafted items are not reviewed yet" in refused.stderr

    # the scripted review: keep every drafted item (what the review notebook does item by item)
    from medialit.articles.article import load_article
    from medialit.articles.review import DraftReview, accept_article
    from medialit.course.course import using_course

    with using_course(course):
        review = DraftReview(load_article(ARTICLE))
        started = time.perf_counter()
        for layer, item in list(review.items()):
            if layer != "sources":
                review.accept(item["id"])
        review.save()
        print(f"scripted review of {len(review.accepted)} items: {time.perf_counter() - started:.2f} s")
        accept_article(ARTICLE, reviewer="Ada Quillfeather")
    meta = yaml.safe_load((course / "seeds" / ARTICLE / "meta.yaml").read_text(encoding="utf-8"))
    assert meta["status"] == "reviewed" and "accepted_unreviewed" not in meta

    # a build that fails a check leaves nothing behind: no bank, no folder, no gradebook row
    git(course, "init", "-q")
    git(course, "add", "-A")
    git(course, "-c", "user.name=Course", "-c", "user.email=course@example.invalid", "commit", "-qm", "course")
    import medialit.course.build as build_module

    monkeypatch.setattr(build_module, "release_leaks", lambda *a, **k: ["a forced failure"])
    with pytest.raises(build_module.BuildError, match="nothing was written to the course"):
        build_module.build(ARTICLE, course_root=course, templates=("hedges",), log=lambda *_: None)
    monkeypatch.undo()
    assert git(course, "status", "--porcelain", "--ignored") == ""

    # the real build, default ids
    started = time.perf_counter()
    out = medialit("build", ARTICLE, "--course", str(course))
    print(f"medialit build: {time.perf_counter() - started:.1f} s")
    assert out.returncode == 0, out.stdout + out.stderr
    prefix = default_prefix(ARTICLE)
    for template in ("sources", "framing", "hedges"):
        name = f"{prefix}-{template}"
        bank = load_bank(course / "autograder" / "lesson-sources" / name / "questions.yaml")
        graded = [q for q in bank.questions if q.mode == "graded"]
        assert len(graded) >= 4, (name, [q.id for q in graded])
        assert (course / "lessons" / name / f"{name}.ipynb").exists()
        quoted = [i["text"] for q in graded for i in q.data.get("items") or []]
        assert quoted and not any("…" in t for t in quoted)  # the article's sentences are short: quoted whole
    assert out.stdout.count("ok        nbgrader validate (solution)") == 3
    assert out.stdout.count("ok        nbgrader validate --invert (release)") == 3
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'autograder' / 'gradebook.db'}", course_id="medialit") as gb:
        assert {a.name for a in gb.assignments} >= {f"{prefix}-{t}" for t in ("sources", "framing", "hedges")}
