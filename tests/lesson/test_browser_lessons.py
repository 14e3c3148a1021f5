"""Every released lesson, run as a student runs it: in real JupyterLab 4 (headless Chromium),
in a fresh kernel, the set-up cell twice and then Run All; every widget must render.

Nothing may stop Run All: a code exercise is released with a stub that returns None, and
every cell that calls the student's function says "finish the exercise above first" instead
of raising.  One Run All must run every cell with no error; the only lines on stderr are
those that say what is left to do (an unanswered graded question, an unfinished exercise).
"""

from __future__ import annotations

import json
import re

import pytest

from tests.support.browser import (
    chromium,
    open_notebook,
    question,
    run_all,
    shot,
    shutdown_kernels,
    wait_idle,
)
from tests.support.paths import ARTIFACTS, REPO

pytestmark = pytest.mark.browser

LESSONS = sorted(p.name for p in (REPO / "lessons").iterdir() if (p / f"{p.name}.ipynb").is_file())
#: What a blank lesson may say on stderr: the lines that tell the student what is left.
TOLD = ("has no answer yet: answer it in the widget above", "finish the exercise above first")


def code_cells(nb: dict) -> list[tuple[int, str]]:
    """(index among all cells, source) of every code cell."""
    return [(i, "".join(c["source"])) for i, c in enumerate(nb["cells"]) if c["cell_type"] == "code"]


def save_and_read(page, path) -> dict:
    """Save the notebook from the browser and read what was saved."""
    before = path.stat().st_mtime_ns
    page.keyboard.press("Control+S")
    for _ in range(150):
        if path.stat().st_mtime_ns != before:
            break
        page.wait_for_timeout(200)
    page.wait_for_timeout(500)  # the file is written in one go; give the write a moment to finish
    return json.loads(path.read_text(encoding="utf-8"))


def select_cell(page, index: int) -> None:
    """Make cell ``index`` the active cell, in command mode."""
    cell = page.locator(".jp-Notebook .jp-Cell").nth(index)
    cell.scroll_into_view_if_needed()
    cell.locator(".jp-InputPrompt").first.click()
    page.wait_for_function(
        f"document.querySelectorAll('.jp-Notebook .jp-Cell')[{index}].classList.contains('jp-mod-active')")


@pytest.mark.parametrize("lesson", LESSONS)
def test_run_all_in_a_fresh_kernel_renders_every_widget(lessons_lab, lesson):
    base, token, folder = lessons_lab
    path = folder / lesson / f"{lesson}.ipynb"
    released = json.loads(path.read_text(encoding="utf-8"))
    cells = code_cells(released)
    setup_index, setup_source = cells[0]
    assert "from medialit.widgets import ask, progress, reveal" in setup_source
    assert not any("raise NotImplementedError" in src for _, src in cells), "a released stub raises"
    asked = [(i, m.group(1)) for i, src in cells for m in re.finditer(r'^ask\("([^"]+)"\)', src, re.M)]
    with chromium() as page:
        open_notebook(page, base, token, f"{lesson}/{lesson}.ipynb")
        page.get_by_text("Python 3 (ipykernel) | Idle").wait_for()

        # The set-up cell, twice (a student who runs it again must not get an error).
        select_cell(page, setup_index)
        for run in (1, 2):
            page.keyboard.press("Control+Enter")
            page.wait_for_function(
                f"document.querySelectorAll('.jp-Notebook .jp-Cell')[{setup_index}]"
                f".querySelector('.jp-InputPrompt').textContent.includes('[{run}]')")
            wait_idle(page)
        setup_cell = page.locator(".jp-Notebook .jp-Cell").nth(setup_index)
        assert setup_cell.locator(".ml-progress-panel").count() == 1
        assert setup_cell.locator("[data-mime-type='application/vnd.jupyter.stderr']").count() == 0, \
            setup_cell.inner_text()

        # One Run All reaches the last cell.
        run_all(page)
        wait_idle(page)
        saved = save_and_read(page, path)
        stops = [(i, o["ename"], o["evalue"]) for i, c in enumerate(saved["cells"]) if c["cell_type"] == "code"
                 for o in c["outputs"] if o["output_type"] == "error"]
        assert stops == [], stops
        not_run = [i for i, c in enumerate(saved["cells"])
                   if c["cell_type"] == "code" and c.get("execution_count") is None]
        assert not_run == [], f"cells {not_run} did not run"
        shot(page.locator(".jp-NotebookPanel"), f"run-all-{lesson}")

        # Every question's widget, and the progress panel, once each.
        for _index, qid in asked:
            widget = question(page, qid)
            assert widget.count() == 1, f"{qid}: {widget.count()} widgets"
            widget.evaluate("e => e.scrollIntoView({block: 'center'})")
            assert widget.is_visible() and widget.bounding_box()["height"] > 40, f"{qid}: not drawn"
            assert widget.locator(".ml-q-text").text_content(), f"{qid}: no prompt shown"
            controls = widget.locator("input, select, textarea, .ml-hl-text").count()
            assert controls, f"{qid}: the widget shows no control"
        assert page.locator(".ml-progress-panel").count() == 1
        assert page.locator(".jp-OutputArea-output", has_text="Cannot show question").count() == 0
        for hl in page.locator(".ml-hl-text").all():
            assert hl.text_content().strip(), "a highlighter shows no text"

    shutdown_kernels(base, token)
    saved = json.loads(path.read_text(encoding="utf-8"))
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"run-all-{lesson}.json").write_text(json.dumps(
        {"widgets": [qid for _, qid in asked], "stops": stops}, indent=1), encoding="utf-8")
    assert all(c.get("execution_count") for c in saved["cells"] if c["cell_type"] == "code")
    # per cell, all of its stderr (the kernel may send one line in more than one message)
    stderr = [(i, "".join("".join(o["text"]) for o in c["outputs"]
                          if o["output_type"] == "stream" and o["name"] == "stderr"))
              for i, c in enumerate(saved["cells"]) if c["cell_type"] == "code"]
    untold = [(i, line[:300]) for i, text in stderr for line in text.splitlines()
              if line.strip() and not any(t in line for t in TOLD)]
    assert untold == []
