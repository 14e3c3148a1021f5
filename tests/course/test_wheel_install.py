"""What students install holds no graded key.

The wheel is built from this checkout and installed with ``--no-deps`` into a fresh virtual
environment outside the checkout, whose dependencies come from the project's environment (a
``.pth`` line naming its site-packages; the editable install's own ``.pth`` there is not
processed, so only the installed wheel provides ``medialit``).  From a working directory
outside any course, every public way to a key is tried: the Python API, every command, the
widgets, ``reveal`` and ``grade``, and every file of the installed package is read.  The
course's graded keys (one for every graded question) are then looked for in all of it: zero may be found.

``test_the_key_scan_finds_every_key_in_the_course`` shows the scan finds each of those keys
where they are kept (the course's banks, references and answers files), so a key that
reached the wheel would fail the install test.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
import yaml

from medialit.core.layers import show_choices
from medialit.course.course import Course
from tests.support.key_scan import KeyScanner, graded_keys, merge
from tests.support.paths import REPO

COURSE = Course(REPO)
ARTICLES = sorted(p.name for p in (REPO / "seeds").iterdir() if (p / "article.txt").is_file())


@pytest.fixture(scope="module")
def keys():
    return graded_keys(COURSE)


def test_the_key_scan_finds_every_key_in_the_course(keys):
    """Each graded key is found in the files the course keeps it in: the scan can fail."""
    scanner = KeyScanner(keys)
    found: dict[str, list[str]] = {}
    files = [*COURSE.bank_files(), *sorted(COURSE.seeds.glob("*/reference.json")),
             *sorted(COURSE.solutions.glob("*/*.answers.json"))]
    for path in files:
        merge(found, scanner.scan_file(path), str(path.relative_to(REPO)))
    with_material = {qid for qid, g in keys.items() if g.has_key_material}
    graded = {q["id"] for path in COURSE.bank_files() for q in yaml.safe_load(path.read_text(encoding="utf-8"))
              ["questions"] if q.get("mode") == "graded"}
    assert with_material == set(keys) == graded and len(graded) >= 25  # every graded question gives something away
    assert set(found) == with_material
    # and none of them in what the package ships from the course
    shipped: dict[str, list[str]] = {}
    for path in sorted((REPO / "medialit" / "data" / "questions").glob("*.yaml")):
        merge(shipped, scanner.scan_file(path), str(path.relative_to(REPO)))
    assert shipped == {}


def _run(cmd: list[str], **kw) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", timeout=600, **kw)


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """(python, medialit command, site-packages, working dir, environment) of a fresh install of the wheel."""
    tmp = tmp_path_factory.mktemp("wheel-install")
    dist = tmp / "dist"
    built = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-q",
                  "-w", str(dist), str(REPO)])
    assert built.returncode == 0, built.stdout + built.stderr
    (wheel,) = dist.glob("medialit-*.whl")
    venv = tmp / "venv"
    made = _run([sys.executable, "-m", "venv", "--without-pip", str(venv)])
    assert made.returncode == 0, made.stderr
    python = venv / "bin" / "python"
    site = Path(_run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]).stdout.strip())
    (site / "project_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    done = _run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index", "-q",
                 str(wheel)])
    assert done.returncode == 0, done.stdout + done.stderr
    work = tmp / "work"
    work.mkdir()
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("MEDIALIT_") and k not in ("JPY_SESSION_NAME", "NBGRADER_EXECUTION", "PYTHONPATH")}
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    return python, venv / "bin" / "medialit", site, work, env


def _commands() -> list[list[str]]:
    """Every command a student could try for a key (the analyzers' own output is not a key)."""
    cmds = [["articles"], ["articles", "--format", "json"], ["questions", "list"],
            ["questions", "list", "--format", "json"], ["questions", "check"], ["course", "show"],
            ["reference-build", "--all", "--check"], ["codebook", "--check"]]
    for lesson in COURSE.lesson_ids():
        cmds.append(["questions", "list", "--notebook", lesson, "--format", "json"])
    for article in ARTICLES:
        cmds += [["reference", article], ["reference", article, "--format", "table"], ["show", article],
                 ["article", "review", article], ["export", article, "--to", "label-studio"],
                 ["export", article, "--to", "doccano", "--relations"], ["build", article, "--no-check"]]
        cmds += [["show", article, "--layer", layer] for layer in show_choices()]
    return cmds


@pytest.mark.wheel
def test_the_installed_wheel_gives_no_graded_key_away(installed, keys, tmp_path):
    python, medialit, site, work, env = installed
    scanner = KeyScanner(keys)
    found: dict[str, list[str]] = {}
    counts: dict[str, int] = {}

    # 1. every file the install put in site-packages
    package = site / "medialit"
    files = [p for p in site.rglob("*") if p.is_file() and (p.is_relative_to(package) or "medialit-" in str(p))]
    for path in files:
        merge(found, scanner.scan_file(path), f"file {path.relative_to(site)}")
    counts["installed files read"] = len(files)
    odd: list[str] = []  # what else is wrong with the install, checked after the key count is printed
    # no reference annotation of a course article and no full bank (the analyzers' evaluation texts in
    # medialit/data/eval/ keep theirs: no question is asked about them)
    course_files = [str(p.relative_to(site)) for p in files if p.name == "questions.yaml" or (
        p.name.startswith("reference.") and (p.parent.name in ARTICLES or "_seeds" in p.parts))]
    if course_files:
        odd.append(f"course files in the install: {course_files}")
    if [p for p in files if p.name.endswith(".answers.json") or "tests" in p.relative_to(site).parts]:
        odd.append("answers files or tests in the install")
    if sorted(p.name for p in (package / "_seeds").iterdir()) != ARTICLES or \
            {p.name for p in (package / "_seeds").rglob("*") if p.is_file()} != {"article.txt", "meta.yaml",
                                                                                "structure.json"}:
        odd.append("_seeds/ holds more than the article texts")

    # 2. the Python API, reveal, grade and the widgets, from a folder outside any course
    spec = {"work": str(work), "lessons": COURSE.lesson_ids(), "articles": ARTICLES,
            "graded": {qid: {"lesson": g.lesson, "key": g.key if g.key is not None else "a written answer"}
                       for qid, g in keys.items()}}
    (tmp_path / "spec.json").write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
    probe = work.parent / "wheel_probe.py"
    probe.write_text((REPO / "tests" / "support" / "wheel_probe.py").read_text(encoding="utf-8"), encoding="utf-8")
    ran = _run([str(python), str(probe), str(tmp_path / "spec.json")], cwd=work, env=env)
    assert ran.returncode == 0, ran.stderr[-3000:]
    out = json.loads(ran.stdout)
    assert Path(out["package"]) == package and out["course"] == "None"  # the wheel, and no course around
    assert all(Path(f).is_relative_to(package) for f in out["bank_files"])
    for section in ("api", "reveal", "grade", "widgets"):
        for label, result in out[section].items():
            if label.startswith("record("):
                continue  # what the student recorded: the key the test itself gave
            merge(found, scanner.scan(json.dumps(result, ensure_ascii=False), result), f"{section} {label}")
            counts[f"{section} calls"] = counts.get(f"{section} calls", 0) + 1
    for qid in keys:
        shown = out["reveal"][f"reveal({qid}, confirm=True)"]
        if "Your teacher holds the key" not in shown.get("value", ""):
            odd.append(f"reveal({qid}, confirm=True) does not say the teacher holds the key")
        graded = out["grade"][f"grade({qid})"]
        if graded["points"] != 0.0 or "Your teacher holds the key" not in graded["printed"]:
            odd.append(f"grade({qid}) gave {graded['points']} points: {graded['printed'][:200]!r}")
        if "KeyWithTeacherError" not in out["api"][f"{qid}.key_answer"].get("error", ""):
            odd.append(f"key_answer({qid}) did not raise KeyWithTeacherError")
    for article in ARTICLES:
        if "kept by your teacher's course" not in out["api"][f"load_article({article}).reference"].get("error", ""):
            odd.append(f"load_article({article}).reference did not say the teacher's course keeps it")

    # 3. every command
    for cmd in _commands():
        done = _run([str(medialit), *cmd], cwd=work, env=env)
        text = done.stdout + "\n" + done.stderr
        try:
            data = json.loads(done.stdout)
        except ValueError:
            data = None
        merge(found, scanner.scan(text, data), "medialit " + " ".join(cmd))
        if "Traceback" in done.stderr:
            odd.append(f"medialit {' '.join(cmd)} crashed: {done.stderr[-1000:]}")
        if (cmd[0] == "reference" or (cmd[0] == "show" and "--layer" in cmd)) and not (
                done.returncode == 2 and "kept by your teacher's course" in done.stderr):
            odd.append(f"medialit {' '.join(cmd)} did not say the teacher's course keeps the reference")
    counts["commands run"] = len(_commands())
    counts["graded questions looked for"] = len(keys)

    print("wheel install:", ", ".join(f"{k} {v}" for k, v in counts.items()),
          f"; graded keys recovered: {len(found)}")
    assert found == {}, json.dumps(found, ensure_ascii=False, indent=1)[:4000]
    assert odd == []
