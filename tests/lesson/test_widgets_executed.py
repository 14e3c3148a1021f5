"""Widgets in a real kernel without a browser (as nbconvert and nbgrader run notebooks):
the display carries a text fallback, grade() prints and returns the points, and under
NBGRADER_EXECUTION the answers are shown read-only, the file is never written and grade()
scores nothing (the grading step outside the kernel does)."""

from __future__ import annotations

import pytest

from tests.support.paths import REPO
from tests.support.quiz_env import NOTEBOOK, answers_file, setup_quiz_env

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

CELLS = [
    "from medialit import answers\nfrom medialit.widgets import ask\nfrom medialit.grading import grade",
    'answers.record("ex-multiple", ["may", "probably"])',
    'ask("ex-multiple")',
    'grade("ex-multiple")',
]


def run(folder):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(src) for src in CELLS]
    client = nbclient.NotebookClient(nb, timeout=120, kernel_name="python3",
                                     resources={"metadata": {"path": str(folder)}})
    client.execute()
    return nb


def test_fallback_and_grade_in_a_kernel_then_read_only_under_nbgrader(monkeypatch, tmp_path):
    folder = setup_quiz_env(monkeypatch, tmp_path)
    nb = run(folder)
    shown = nb.cells[2].outputs[0]["data"]
    assert "application/vnd.jupyter.widget-view+json" in shown
    assert "answers.record('ex-multiple', ['<option id>', '<option id>'])" in shown["text/plain"]  # never the key
    recorded = next(ln for ln in shown["text/plain"].splitlines() if ln.startswith("Recorded answer: "))
    assert sorted(recorded.removeprefix("Recorded answer: ").split("; ")) == ["may (headline)", "probably"]
    graded = nb.cells[3].outputs
    assert graded[0]["text"].startswith("ex-multiple: 2 / 2 points")
    assert graded[-1]["data"]["text/plain"] == "2.0"
    before = answers_file(folder).read_bytes()

    CELLS[1] = 'answers.record("ex-multiple", ["clearly"])'  # what a student's edited cell might do
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    try:
        nb = run(folder)
    finally:
        CELLS[1] = 'answers.record("ex-multiple", ["may", "probably"])'
    assert answers_file(folder).read_bytes() == before  # nothing written while nbgrader runs
    static = nb.cells[2].outputs[0]["data"]
    assert "application/vnd.jupyter.widget-view+json" not in static
    assert "Recorded answer (1 option selected)" in static["text/html"]
    # under autograde, grade() in the notebook scores nothing: the grading step outside the kernel does
    assert nb.cells[3].outputs[-1]["data"]["text/plain"] == "0.0"
    assert "scored by medialit's grading step" in nb.cells[3].outputs[0]["text"]


def test_a_graded_lesson_setup_imports_no_widget_library(tmp_path):
    """While nbgrader runs, the progress panel and the questions are static: no ipywidgets import."""
    import json
    import os
    import subprocess
    import sys

    lesson = "01-sources"
    root = REPO
    for suffix in (".ipynb", ".answers.json"):
        (tmp_path / f"{lesson}{suffix}").write_bytes((root / "solutions" / lesson / f"{lesson}{suffix}").read_bytes())
    code = (
        "import sys\n"
        "from medialit.checks import answered\n"
        "from medialit.widgets import ask, progress\n"
        f"panel = progress({lesson!r}); text = repr(panel); html = panel._repr_html_()\n"
        "ask('l1-he')\n"
        "from medialit.grading import grade\n"
        "grade('l1-named')\n"
        "print(json.dumps({'widgets': [m for m in ('ipywidgets', 'anywidget') if m in sys.modules], 'text': text}))\n"
    )
    env = {**os.environ, "NBGRADER_EXECUTION": "autograde"}
    out = subprocess.run([sys.executable, "-c", "import json\n" + code], cwd=tmp_path, env=env,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["widgets"] == []
    assert result["text"].startswith(f"Notebook {lesson}: ")


def test_the_set_up_cell_runs_twice_in_one_kernel(monkeypatch, tmp_path):
    """A learner re-runs the set-up cell: ``progress`` must still be the function, by either import path."""
    folder = setup_quiz_env(monkeypatch, tmp_path)
    cells = [f"from medialit.checks import answered\nfrom medialit.widgets import ask, progress, reveal\n"
             f"progress({NOTEBOOK!r})",
             f"from medialit.lesson.widgets import ask, progress, reveal\nprogress({NOTEBOOK!r})"]
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(src) for src in cells * 2]
    nbclient.NotebookClient(nb, timeout=120, kernel_name="python3", allow_errors=True,
                            resources={"metadata": {"path": str(folder)}}).execute()
    for cell in nb.cells:
        kinds = [o["output_type"] for o in cell.outputs]
        assert "error" not in kinds, [o.get("evalue") for o in cell.outputs]
        shown = [o for o in cell.outputs if o["output_type"] == "execute_result"]
        assert shown and shown[0]["data"]["text/plain"].startswith(f"Notebook {NOTEBOOK}: ")
