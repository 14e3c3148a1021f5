"""Real JupyterLab 4 in headless Chromium, driven with Playwright: the shared pieces of the browser tests.

:func:`jupyterlab_server` starts JupyterLab on a free port in a folder (always stopped
afterwards); :func:`chromium` opens the Debian Chromium (browsers cannot be downloaded
here); :func:`chromium_page` is a bare page for HTML files; :func:`open_notebook` opens a
notebook and waits for its kernel; the rest are the steps the tests share (menus, Run All,
screenshots, mouse selection, answers on disk).

Every server runs for one fixed learner, :data:`LEARNER` (``$JUPYTERHUB_USER``), so the
widgets show options and items in the same shuffled order on every run and machine;
:func:`shown_ids` gives that order, for tests that press keys to reach a given choice.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.support.paths import ARTIFACTS

CHROMIUM = "/usr/bin/chromium"
TIMEOUT_MS = int(os.environ.get("MEDIALIT_E2E_TIMEOUT_MS", "90000"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
#: The learner id the JupyterLab servers run for ($JUPYTERHUB_USER; see medialit.lesson.order).
LEARNER = "learner-odile"


def require_browser() -> None:
    """Skip when Chromium or Playwright is missing (``make browser`` installs Chromium)."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is not installed (make browser installs it)")
    pytest.importorskip("playwright")



@contextmanager
def chromium_page(width: int = 1200, height: int = 900) -> Iterator[Any]:
    """A new page of a headless Chromium (no JupyterLab), closed afterwards; skips without a browser."""
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser.new_page(viewport={"width": width, "height": height})
        finally:
            browser.close()

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def jupyterlab_server(tmp_path: Path, folder: Path, env_extra: dict[str, str] | None = None
                      ) -> Iterator[tuple[str, str]]:
    """A JupyterLab server serving ``folder``: yields (base_url, token); always stopped.

    Its kernels run for the learner :data:`LEARNER` unless ``env_extra`` names another
    ``JUPYTERHUB_USER``."""
    port, token = free_port(), secrets.token_hex(16)
    venv_bin = str(Path(sys.executable).parent)
    env = dict(os.environ)
    env.update({
        "PATH": venv_bin + os.pathsep + env.get("PATH", ""),
        "JUPYTER_CONFIG_DIR": str(tmp_path / "config"),
        "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
        "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "workspaces"),
        "JUPYTERLAB_SETTINGS_DIR": str(tmp_path / "settings"),
        "JUPYTERHUB_USER": LEARNER,
        **(env_extra or {}),
    })
    env.pop("NBGRADER_EXECUTION", None)
    env.pop("JPY_SESSION_NAME", None)
    # No "get notified about Jupyter news?" toast over the widgets.
    notes = tmp_path / "settings" / "@jupyterlab" / "apputils-extension"
    notes.mkdir(parents=True, exist_ok=True)
    (notes / "notification.jupyterlab-settings").write_text('{"fetchNews": "false", "checkForUpdates": false}')
    log_path = tmp_path / "jupyter.log"
    log = log_path.open("w")
    cmd = [sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root", f"--port={port}",
           "--ip=127.0.0.1", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={folder}",
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
                pytest.fail("JupyterLab did not start:\n" + log_path.read_text()[-3000:])
            time.sleep(0.5)
        yield base, token
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


@contextmanager
def chromium(viewport: dict[str, int] | None = None) -> Iterator[Any]:
    """A Playwright page in headless Chromium; on failure, a screenshot and the console go to test-artifacts/."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport=viewport or {"width": 1280, "height": 1000})
        page.set_default_timeout(TIMEOUT_MS)
        console: list[str] = []
        page.on("console", lambda msg: console.append(f"{msg.type}: {msg.text}"))
        try:
            yield page
        except BaseException:
            ARTIFACTS.mkdir(exist_ok=True)
            try:
                page.screenshot(path=str(ARTIFACTS / "failure-page.png"), full_page=True)
            except Exception:  # noqa: BLE001 - the page may be gone; the console is still worth keeping
                pass
            (ARTIFACTS / "failure-console.txt").write_text("\n".join(console), encoding="utf-8")
            raise
        finally:
            browser.close()


def open_notebook(page: Any, base: str, token: str, path: str, app: str = "lab") -> None:
    """Open ``path`` (relative to the server's folder) in JupyterLab (``app="lab"``) or
    Notebook 7 (``app="notebooks"``) and wait until its kernel is idle."""
    # A workspace of its own: JupyterLab would otherwise reopen the notebooks of earlier pages.
    route = f"{base}/lab/workspaces/t{secrets.token_hex(4)}/tree/{path}" if app == "lab" else f"{base}/notebooks/{path}"
    page.goto(f"{route}?token={token}")
    page.locator(".jp-NotebookPanel").wait_for()
    idle = page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']")
    kernel_dialog = page.locator(".jp-Dialog", has_text="Select Kernel")
    idle.or_(kernel_dialog).first.wait_for()
    if kernel_dialog.count():  # asked which kernel to start (Notebook 7 at times): the notebook's own
        kernel_dialog.locator(".jp-mod-accept").click()
    idle.wait_for()


def shown_ids(bank: Path, qid: str, learner: str = LEARNER) -> list[str]:
    """The ids of the options (single and multiple choice) or items (classify) of question
    ``qid`` of the bank file ``bank``, in the order ``learner`` sees them in the widget.

    The bank must be the one the notebook's kernel finds: a course's full bank and a lesson's
    public bank may list a question's options in different orders, and so shuffle differently."""
    from medialit.core.yaml_text import read_yaml
    from medialit.lesson.order import presented
    from medialit.questions.question import Question

    found = [q for q in read_yaml(bank)["questions"] if q["id"] == qid]
    assert found, f"{bank} has no question {qid!r}"
    shown = presented(Question(found[0]), learner)
    return [c["id"] for c in (shown.items if shown.type == "classify" else shown.options)]


def menu(page: Any, top: str, item: str) -> None:
    page.locator("#jp-MainMenu").get_by_role("menuitem", name=top, exact=True).click()
    page.get_by_role("menuitem", name=item).first.click()


def run_all(page: Any, app: str = "lab") -> None:
    """Run All Cells from the menu.  A click that comes while the kernel is still connecting
    can be lost, so Run All is repeated until a cell has run."""
    if app == "lab":
        page.get_by_text("Python 3 (ipykernel) | Idle").wait_for(timeout=TIMEOUT_MS)
    for _attempt in range(4):
        menu(page, "Run", "Run All Cells")
        try:
            page.wait_for_function(
                "[...document.querySelectorAll('.jp-InputArea-prompt')].some(p => /\\[\\d+\\]/.test(p.textContent))",
                timeout=15_000)
            return
        except Exception:  # noqa: BLE001 - playwright's TimeoutError; try again
            continue


def wait_idle(page: Any) -> None:
    """Wait until no cell is queued or running (the prompts show no ``[*]``) and the kernel is idle."""
    page.wait_for_function(
        "![...document.querySelectorAll('.jp-InputArea-prompt')].some(p => p.textContent.includes('*'))",
        timeout=TIMEOUT_MS * 3)
    page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").wait_for()


def run_all_and_wait(page: Any, questions: int) -> None:
    """Run every cell and wait for ``questions`` question widgets and the progress panel."""
    run_all(page)
    page.wait_for_function(f"document.querySelectorAll('.ml-question').length === {questions}",
                           timeout=TIMEOUT_MS)
    page.locator(".ml-progress").wait_for(timeout=TIMEOUT_MS)
    page.locator(".ml-question").first.wait_for(state="visible", timeout=TIMEOUT_MS)


def question(page: Any, qid: str) -> Any:
    """The widget of question ``qid`` (its header ends with the id: "l4-he" is not "l4-headline")."""
    import re

    return page.locator(".ml-question", has=page.locator(".ml-q-meta", has_text=re.compile(rf"· {re.escape(qid)}$")))


def shot(locator: Any, name: str) -> None:
    """A screenshot of ``locator`` in test-artifacts/<name>.png."""
    ARTIFACTS.mkdir(exist_ok=True)
    locator.scroll_into_view_if_needed()
    locator.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def select_word_with_mouse(page: Any, container: Any, word: str) -> None:
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


def read_answers(folder: Path, notebook: str) -> dict:
    """The answers recorded in ``<folder>/<notebook>.answers.json``."""
    return json.loads((folder / f"{notebook}.answers.json").read_text(encoding="utf-8"))["answers"]


def active_cell_index(page: Any) -> int:
    """The index of the notebook's active cell."""
    return page.evaluate("[...document.querySelectorAll('.jp-Notebook .jp-Cell')]"
                         ".findIndex(c => c.classList.contains('jp-mod-active'))")


def focused(page: Any) -> dict:
    """What has the keyboard focus: tag, type, role, accessible label and classes."""
    return page.evaluate("""() => { const e = document.activeElement; return e ? {tag: e.tagName.toLowerCase(),
        type: e.type || null, role: e.getAttribute('role'), label: e.getAttribute('aria-label'),
        text: (e.textContent || '').trim().slice(0, 80), cls: e.className || ''} : null; }""")


def focused_question(page: Any) -> str | None:
    """The id of the question whose widget has the focus (None outside every question)."""
    return page.evaluate("""() => { const q = document.activeElement && document.activeElement.closest('.ml-question');
        return q ? q.querySelector('.ml-q-meta').textContent.split(' · ').pop().trim() : null; }""")


def tab_until(page: Any, done: Any, limit: int = 80, key: str = "Tab") -> None:
    """Press Tab (or ``key``) until ``done()`` is true, at most ``limit`` times."""
    for _ in range(limit):
        page.keyboard.press(key)
        if done():
            return
    raise AssertionError(f"{key} pressed {limit} times; the focus is on {focused(page)}")


def active_cell_text(page: Any) -> str:
    """The source shown in the notebook's active cell."""
    return page.evaluate("(() => { const c = document.querySelector('.jp-Notebook .jp-Cell.jp-mod-active');"
                         " const e = c && c.querySelector('.jp-InputArea-editor'); return e ? e.textContent : ''; })()")


def shutdown_kernels(base: str, token: str) -> None:
    """Stop every kernel of the server (each lesson opened starts one)."""
    import urllib.request

    with urllib.request.urlopen(f"{base}/api/kernels?token={token}", timeout=10) as r:
        kernels = json.loads(r.read())
    for kernel in kernels:
        request = urllib.request.Request(f"{base}/api/kernels/{kernel['id']}?token={token}", method="DELETE")
        urllib.request.urlopen(request, timeout=30).close()


def wait_for_text(path: Path, text: str, timeout_s: float = 30) -> None:
    """Wait until the file ``path`` holds ``text`` (a save from the browser takes a moment)."""
    deadline = time.monotonic() + timeout_s
    while text not in (path.read_text(encoding="utf-8") if path.exists() else ""):
        if time.monotonic() > deadline:
            raise AssertionError(f"{path.name} does not hold {text[:60]!r} after {timeout_s:g} s")
        time.sleep(0.2)
