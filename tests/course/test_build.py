"""`medialit build`: a lesson set for a reviewed article, checked like the seed's lessons."""

from __future__ import annotations

import copy
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from medialit.articles.article import load_article
from medialit.core import annotation as ann
from medialit.course.build import TEMPLATES, make_questions, parse_source, read_template, release_leaks, render
from medialit.course.lessons import lesson_ids, solution_text
from medialit.questions import load_bank
from tests.support.nbgrader_course import make_course

PRACTICE = "wrenmouth-tide-2025-06-04-desalination-plant"


def medialit(*args, env=None, timeout=1800):
    return subprocess.run([sys.executable, "-m", "medialit.cli", *args], capture_output=True, text=True,
                          encoding="utf-8", timeout=timeout, env=env)


def test_questions_come_from_the_reference(seed):
    qs, left = make_questions("sources", seed, lambda name: f"t-{name}")
    ref = seed.reference
    named = {s["name"] for s in ref["sources"] if s["named"]}
    options = qs["src-named"]["options"]
    assert {o["text"] for o in options if o["correct"]} == named & {o["text"] for o in options}
    assert {o["text"] for o in options if not o["correct"]} == {s["name"] for s in ref["sources"] if not s["named"]}
    top = next(o["text"] for o in qs["src-top"]["options"] if o["correct"])
    counts = {}
    names = {s["id"]: s["name"] for s in ref["sources"]}
    for a in ref["attributions"]:
        who = names.get(a.get("source_id") or "") or a.get("speaker_name")
        counts[who] = counts.get(who, 0) + 1
    assert counts[top] == max(counts.values())
    loaded = {o["text"].strip("“”") for o in qs["src-verbs"]["options"] if o["correct"]}
    assert loaded <= {a["cue"]["text"] for a in ref["attributions"] if a.get("cue_connotation") == "loaded"}
    region = qs["src-contents"]["region"]
    assert seed.part_at(region["start"]) == "body"
    assert all(q["id"].startswith("t-") for q in qs.values())

    hq, _ = make_questions("hedges", seed, lambda name: f"t-{name}")
    boosters = {b["cue"]["text"] for b in ref["boosters"]}
    assert {o["text"].strip("“”") for o in hq["hdg-boosters"]["options"] if o["correct"]} <= boosters
    assert {i["answer"] for i in hq["hdg-claims"]["items"]} <= {"reported_fact", "attributed_claim", "speculation",
                                                               "opinion"}


def test_a_thin_reference_leaves_questions_out_and_says_why(seed, tmp_path, monkeypatch):
    folder = tmp_path / seed.id
    shutil.copytree(seed.path, folder)
    doc = copy.deepcopy(seed.reference)
    doc["hedges"], doc["boosters"], doc["claims"] = [], [], []
    (folder / "reference.json").write_text(ann.dumps(doc), encoding="utf-8")
    monkeypatch.setenv("MEDIALIT_SEEDS", str(tmp_path))
    thin = load_article(seed.id)
    qs, left = make_questions("hedges", thin, lambda name: f"t-{name}")
    assert not [q for q in qs.values() if q["mode"] == "graded"]
    assert any(item.startswith("hdg-spans: needs two hedges") for item in left)


def test_templates_render_to_valid_lessons(seed):
    for template in TEMPLATES:
        front, body = read_template(template)
        assert front["provenance"] and front["licence"]
        qs, _ = make_questions(template, seed, lambda name, t=template: f"x-{t}-{name}")
        values = {k: "v" for k in ("title", "article_title", "outlet", "date", "assignment", "article_id",
                                   "top_speaker", "example_hedge", "example_loaded", "main_frame")}
        cells = parse_source(render(template, body, qs, values, seed), template)
        grade_ids = [c["id"] for c in cells if "grade" in c["flags"]]
        for q in qs.values():
            if q["mode"] == "graded":
                assert q["id"] in grade_ids
        assert cells[-1]["type"] == "markdown" and "Rubric" in cells[-1]["source"]
        assert sum("solution" in c["flags"] and c["type"] == "code" for c in cells) == 1  # one code exercise


def test_key_scan_finds_leaks():
    cells = [{"type": "code", "flags": {"grade"}, "source": "### BEGIN HIDDEN TESTS\nsecret_check_value = 42\n"
              "### END HIDDEN TESTS"}]
    q = {"id": "q", "mode": "graded", "options": [{"feedback": "Right: it is the mayor's word."}]}
    assert release_leaks("nothing here", cells, [q]) == []
    assert release_leaks("x secret_check_value = 42 y", cells, [q])
    assert release_leaks('"correct": true', cells, [q])
    assert release_leaks("Right: it is the mayor's word.", cells, [q])


def test_unreviewed_article_is_refused(tmp_path):
    from medialit.course.new import new_course

    course = new_course(tmp_path / "course").course  # the practice article comes with its reference
    meta = course.seeds / PRACTICE / "meta.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("status: reviewed", "status: draft"), encoding="utf-8")
    out = medialit("build", PRACTICE, "--course", str(course.root))
    assert out.returncode == 2 and "is not reviewed" in out.stderr and "--accept" in out.stderr
    assert "Traceback" not in out.stderr


@pytest.mark.nbgrader
def test_build_releases_and_checks_a_lesson_set_that_grades(tmp_path):
    course = make_course(tmp_path / "course", ["00-orientation"])
    folders = {t: course / "autograder" / "lesson-sources" / f"wren-{t}" for t in TEMPLATES}
    out = medialit("build", PRACTICE, "--course", str(course), "--prefix", "wren")
    assert out.returncode == 0, out.stdout + out.stderr
    assert out.stdout.count("ok        nbgrader validate (solution)") == 3
    assert out.stdout.count("ok        nbgrader validate --invert (release)") == 3
    assert out.stdout.count("ok        no key in the release") == 3
    for template in TEMPLATES:
        name = f"wren-{template}"
        # the notebook and the lesson's public bank (no graded key), which nbgrader copies into the release
        for folder in ("solutions", "lessons"):
            assert sorted(p.name for p in (course / folder / name).iterdir()) == [f"{name}.ipynb",
                                                                                 f"{name}.questions.yaml"]
        assert load_bank(course / "lessons" / name / f"{name}.questions.yaml").public
        release = (course / "lessons" / name / f"{name}.ipynb").read_text(encoding="utf-8")
        assert "BEGIN HIDDEN TESTS" not in release and "medialit.grading" not in release
        for folder in ("solutions", "lessons"):
            nb = json.loads((course / folder / name / f"{name}.ipynb").read_text(encoding="utf-8"))
            assert all(c["outputs"] == [] for c in nb["cells"] if c["cell_type"] == "code")
        assert sorted(p.name for p in folders[template].iterdir()) == ["lesson.md", "questions.yaml"]
        # the lesson's source rebuilds its solution, as the seed lessons' sources do
        solution = course / "solutions" / name / f"{name}.ipynb"
        assert solution_text(course, name) == solution.read_text(encoding="utf-8")
    assert {f"wren-{t}" for t in TEMPLATES} <= set(lesson_ids(course))

    # building again is refused without --force
    again = medialit("build", PRACTICE, "--course", str(course), "--prefix", "wren",
                     "--lessons", "hedges", "--no-check")
    assert again.returncode == 2 and "exists already" in again.stderr and "--force" in again.stderr

    # a class submits the generated hedges lesson and medialit grade scores it
    from tests.support.synthetic_class import make_class, write_submission

    banks = os.pathsep.join(str(folder) for folder in folders.values())
    env = dict(os.environ, MEDIALIT_QUESTIONS=banks)
    os.environ["MEDIALIT_QUESTIONS"] = banks
    try:
        release = json.loads((course / "lessons" / "wren-hedges" / "wren-hedges.ipynb").read_text(encoding="utf-8"))
        for sub in make_class("wren-hedges", release, 12, seed=3):
            write_submission(course / "autograder" / "submitted", "wren-hedges", sub)
    finally:
        os.environ.pop("MEDIALIT_QUESTIONS", None)
    graded = medialit("grade", str(course / "autograder"), "wren-hedges", "--csv", str(tmp_path / "s.csv"), env=env)
    assert graded.returncode == 0, graded.stderr
    assert "code exercise cells scored by running the code here: 12" in graded.stdout, graded.stdout
    rows = (tmp_path / "s.csv").read_text(encoding="utf-8")
    assert "wren-hedges-hdg-spans" in rows and ",question," in rows
    assert "wren-hedges-matcher" in rows and ",code," in rows  # the built lesson's exercise, run here
    assert Path(course / "autograder" / "gradebook.db").exists()
