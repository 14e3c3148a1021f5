"""End to end: real JupyterLab 4 in headless Chromium, driven with Playwright.

Starts JupyterLab on a free port in a temporary folder, opens a notebook that asks the
example questions, answers a multiple-choice question with the mouse, highlights a
passage with the mouse (after an emoji, so UTF-16 and Python offsets differ) and another
with the keyboard, restarts the kernel, runs the notebook again and checks that the
answers are on disk and shown again.  Screenshots of every widget go to test-artifacts/.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.support.paths import ARTIFACTS
from tests.support.quiz_env import FIXTURES, NOTEBOOK, offsets

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
TIMEOUT_MS = int(os.environ.get("MEDIALIT_E2E_TIMEOUT_MS", "90000"))
QUESTIONS = ["ex-single", "ex-multiple", "ex-hedges", "ex-headline", "ex-classify", "ex-rate", "ex-text"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def write_notebook(folder: Path) -> Path:
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("from medialit.widgets import ask, progress")]
    nb.cells += [nbformat.v4.new_code_cell(f'ask("{qid}")') for qid in QUESTIONS]
    nb.cells.append(nbformat.v4.new_code_cell(f'progress("{NOTEBOOK}")'))
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = folder / f"{NOTEBOOK}.ipynb"
    nbformat.write(nb, path)
    return path


@pytest.fixture
def jupyterlab(tmp_path):
    """A running JupyterLab server: yields (base_url, token, folder); always stopped."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is not installed (make browser installs it)")
    pytest.importorskip("playwright")
    folder = tmp_path / "lab"
    folder.mkdir()
    write_notebook(folder)
    port, token = free_port(), secrets.token_hex(16)
    venv_bin = str(Path(sys.executable).parent)
    env = dict(os.environ)
    env.update({
        "PATH": venv_bin + os.pathsep + env.get("PATH", ""),
        "MEDIALIT_SEEDS": str(FIXTURES / "seeds"),
        "MEDIALIT_QUESTIONS": str(FIXTURES / "questions"),
        "JUPYTER_CONFIG_DIR": str(tmp_path / "config"),
        "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
        "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "workspaces"),
        "JUPYTERLAB_SETTINGS_DIR": str(tmp_path / "settings"),
    })
    env.pop("NBGRADER_EXECUTION", None)
    env.pop("JPY_SESSION_NAME", None)
    # No "get notified about Jupyter news?" toast over the widgets.
    notes = tmp_path / "settings" / "@jupyterlab" / "apputils-extension"
    notes.mkdir(parents=True)
    (notes / "notification.jupyterlab-settings").write_text('{"fetchNews": "false", "checkForUpdates": false}')
    log = (tmp_path / "jupyter.log").open("w")
    cmd = [sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root", f"--port={port}",
           "--ip=127.0.0.1", f"--ServerApp.token={token}", f"--ServerApp.root_dir={folder}",
           "--ServerApp.port_retries=0", "--LabApp.news_url=None",
           "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
    proc = subprocess.Popen(cmd, cwd=folder, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                log.flush()
                pytest.fail("JupyterLab did not start:\n" + (tmp_path / "jupyter.log").read_text()[-3000:])
            time.sleep(0.5)
        yield base, token, folder
    finally:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=20)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.wait(timeout=10)
        log.close()


def menu(page, top: str, item: str) -> None:
    page.locator("#jp-MainMenu").get_by_role("menuitem", name=top, exact=True).click()
    page.get_by_role("menuitem", name=item).first.click()


def run_all_and_wait(page) -> None:
    """Run every cell and wait for all the widgets.  A click that comes while the kernel is
    still connecting can be lost, so Run All is repeated until the first cell runs."""
    page.get_by_text("Python 3 (ipykernel) | Idle").wait_for(timeout=TIMEOUT_MS)
    for _attempt in range(4):
        menu(page, "Run", "Run All Cells")
        try:
            page.wait_for_function(
                "[...document.querySelectorAll('.jp-InputArea-prompt')].some(p => /\\[\\d+\\]/.test(p.textContent))",
                timeout=15_000)
            break
        except Exception:  # noqa: BLE001 - playwright's TimeoutError; try again
            continue
    questions = page.locator(".ml-question")
    page.wait_for_function(f"document.querySelectorAll('.ml-question').length === {len(QUESTIONS)}",
                           timeout=TIMEOUT_MS)
    page.locator(".ml-progress").wait_for(timeout=TIMEOUT_MS)
    questions.first.wait_for(state="visible", timeout=TIMEOUT_MS)


def question(page, qid: str):
    return page.locator(".ml-question", has=page.locator(f".ml-q-meta:has-text('{qid}')"))


def shot(locator, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    locator.scroll_into_view_if_needed()
    locator.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def select_word_with_mouse(page, container, word: str) -> None:
    """Drag the mouse across the first ``word`` in ``container`` (found through a DOM Range)."""
    box = container.evaluate(
        """(root, word) => {
            const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
            let node;
            while ((node = walker.nextNode())) {
                const i = node.textContent.indexOf(word);
                if (i < 0) continue;
                node.parentElement.scrollIntoView({block: "center"});
                const range = document.createRange();
                range.setStart(node, i);
                range.setEnd(node, i + word.length);
                const r = range.getBoundingClientRect();
                return {x: r.left, y: r.top, w: r.width, h: r.height};
            }
            return null;
        }""", word)
    assert box, f"{word!r} is not in the highlighter text"
    y = box["y"] + box["h"] / 2
    page.mouse.move(box["x"] + 1, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["w"] / 2, y, steps=4)
    page.mouse.move(box["x"] + box["w"] - 1, y, steps=4)
    page.mouse.up()


def read_answers(folder: Path) -> dict:
    return json.loads((folder / f"{NOTEBOOK}.answers.json").read_text(encoding="utf-8"))["answers"]


def test_answer_highlight_restart_and_restore(jupyterlab):
    from playwright.sync_api import expect, sync_playwright

    base, token, folder = jupyterlab
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--no-first-run"])
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 1000})
            page.set_default_timeout(TIMEOUT_MS)
            console: list[str] = []
            page.on("console", lambda msg: console.append(f"{msg.type}: {msg.text}"))
            page.goto(f"{base}/lab/tree/{NOTEBOOK}.ipynb?token={token}")
            page.locator(".jp-NotebookPanel").wait_for()
            page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").wait_for()
            run_all_and_wait(page)

            # Multiple choice (graded): tick two options with the mouse.
            multiple = question(page, "ex-multiple")
            multiple.get_by_label("may (headline)").check()
            multiple.get_by_label("probably").check()
            expect(multiple.locator(".ml-status")).to_contain_text("Saved: 2 options selected")
            expect(multiple.locator(".ml-feedback")).to_have_count(0)  # graded: no feedback in the browser
            shot(multiple, "multiple-choice-graded")

            # Single choice (practice): instant feedback.
            single = question(page, "ex-single")
            single.get_by_label("Tomas Brell, a commuter").check()
            expect(single.locator(".ml-feedback")).to_contain_text("only once, as a reaction")
            shot(single, "single-choice-practice-feedback")

            # Span highlighter: "might" comes after an emoji (two UTF-16 units, one character).
            hedges = question(page, "ex-hedges")
            text_box = hedges.locator(".ml-hl-text")
            select_word_with_mouse(page, text_box, "might")
            expect(hedges.locator(".ml-pending")).to_have_text("might")
            hedges.get_by_role("button", name="Modal verb").click()
            expect(hedges.locator("mark.ml-mark", has_text="might")).to_have_count(1)
            expect(hedges.locator(".ml-status")).to_contain_text("Saved: 1 span selected")

            # ...and "could" with the keyboard only: Home, three words right, key 1 (Modal verb).
            text_box.focus()
            assert text_box.evaluate("e => getComputedStyle(e).outlineStyle") != "none"  # visible focus
            expect(hedges.get_by_role("textbox", name="Article text")).to_be_focused()
            expect(hedges.get_by_role("toolbar", name="Mark the selection as")).to_be_visible()
            for key in ["Home", "ArrowRight", "ArrowRight", "ArrowRight"]:
                page.keyboard.press(key)
            expect(hedges.locator(".ml-pending")).to_have_text("could")
            page.keyboard.press("1")
            expect(hedges.locator(".ml-status")).to_contain_text("Saved: 2 spans selected")
            expect(hedges.locator(".ml-hl-live")).to_contain_text("Marked “could” as Modal verb")
            expect(hedges.locator(".ml-hl-live")).to_have_attribute("aria-live", "polite")
            page.keyboard.press("Tab")  # from the text to the first label button
            expect(hedges.get_by_role("button", name="Modal verb")).to_be_focused()
            assert hedges.get_by_role("button", name="Modal verb").evaluate(
                "e => getComputedStyle(e).outlineStyle") != "none"

            # Edit and remove: mark "suggest", relabel it from the list, then remove it.
            select_word_with_mouse(page, text_box, "suggest")
            hedges.get_by_role("button", name="Modal verb").click()
            expect(hedges.locator(".ml-status")).to_contain_text("Saved: 3 spans selected")
            hedges.get_by_label("Label for “suggest”").select_option(label="Epistemic verb")
            expect(hedges.locator(".ml-hl-live")).to_contain_text("Label changed to Epistemic verb")
            expect(hedges.locator("mark.ml-mark[data-tag='Epistemic verb']")).to_have_text("suggest")
            assert [h["category"] for h in read_answers(folder)["ex-hedges"]["value"]["hedges"]] == [
                "modal", "epistemic_verb", "modal"]
            hedges.get_by_role("button", name="Remove “suggest”").click()
            expect(hedges.locator(".ml-status")).to_contain_text("Saved: 2 spans selected")
            expect(hedges.locator("mark.ml-mark", has_text="suggest")).to_have_count(0)
            shot(hedges, "span-highlighter-practice")
            hedges.get_by_role("button", name="Show answer").click()
            expect(hedges.locator(".ml-ref").first).to_be_visible()
            shot(hedges, "span-highlighter-show-answer")

            classify = question(page, "ex-classify")
            classify.get_by_label("Critics").select_option(label="Unnamed")
            expect(classify.locator(".ml-status")).to_contain_text("1 of 3 items classified")
            shot(classify, "classification-table")
            rate = question(page, "ex-rate")
            rate.get_by_label("3", exact=True).check()
            expect(rate.locator(".ml-feedback")).to_contain_text("one step from the reference")
            shot(rate, "rating-scale")
            written = question(page, "ex-text")
            written.locator("textarea").fill("The ferry operator is never asked what fuel really costs.")
            expect(written.locator(".ml-status").last).to_contain_text("10 words written")
            shot(written, "written-answer")
            shot(question(page, "ex-headline"), "span-highlighter-graded-headline")
            page.locator(".ml-progress-panel").get_by_role("button", name="Refresh").click()
            expect(page.locator(".ml-progress")).to_contain_text("6 of 7 questions answered")
            expect(page.locator(".ml-progress")).to_contain_text("Practice score: 2.21 of 5 points")
            shot(page.locator(".ml-progress"), "progress-panel")

            on_disk = read_answers(folder)
            assert on_disk["ex-multiple"]["value"] == ["may", "probably"]
            hedges_doc = on_disk["ex-hedges"]["value"]
            cues = [(h["cue"]["text"], h["cue"]["start"], h["category"]) for h in hedges_doc["hedges"]]
            assert cues == [("could", offsets("could")[0], "modal"), ("might", offsets("might")[0], "modal")]
            assert on_disk["ex-classify"]["value"] == {"critics": "unnamed"}
            assert on_disk["ex-rate"]["value"] == 3

            # Restart the kernel, run everything again: the answers come back from the file.
            menu(page, "Kernel", "Restart Kernel and Clear Outputs of All Cells…")
            page.locator(".jp-Dialog .jp-mod-accept").click()
            page.wait_for_function("document.querySelectorAll('.ml-question').length === 0")
            page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").wait_for()
            run_all_and_wait(page)
            multiple = question(page, "ex-multiple")
            expect(multiple.get_by_label("may (headline)")).to_be_checked()
            expect(multiple.get_by_label("probably")).to_be_checked()
            expect(multiple.get_by_label("clearly")).not_to_be_checked()
            expect(multiple.locator(".ml-status")).to_contain_text("Restored: 2 options selected")
            hedges = question(page, "ex-hedges")
            expect(hedges.locator("mark.ml-mark", has_text="might")).to_have_count(1)
            expect(hedges.locator("mark.ml-mark", has_text="could")).to_have_count(1)
            expect(question(page, "ex-classify").get_by_label("Critics")).to_have_value("Unnamed")
            expect(question(page, "ex-text").locator("textarea")).to_have_value(
                "The ferry operator is never asked what fuel really costs.")
            shot(multiple, "multiple-choice-restored")
            shot(hedges, "span-highlighter-restored")
            assert read_answers(folder) == on_disk | {"ex-single": read_answers(folder)["ex-single"],
                                                     "ex-text": read_answers(folder)["ex-text"]}
        except Exception:
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "failure-page.png"), full_page=True)
            (ARTIFACTS / "failure-console.txt").write_text("\n".join(console), encoding="utf-8")
            raise
        finally:
            browser.close()
    leftovers = [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []
    shutil.rmtree(folder / ".ipynb_checkpoints", ignore_errors=True)
