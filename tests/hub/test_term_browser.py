"""The whole term on the class hub, in real Chromium: release, fetch, answer, submit, collect,
grade, feedback.

The instructor releases 01-sources in the formgrader.  Two students log in with their
passwords, fetch it from the Assignments tab, answer two graded questions in the widgets
(one student well, one badly; the first also writes the code exercise) and submit.  The
instructor collects in the formgrader, grades (``medialit grade``, the fast path for the
question cells and the code exercise, then ``nbgrader autograde``, which gives the same scores
and the graded copies feedback is made from) from the course folder, generates and releases
feedback in the formgrader.  Each student fetches their feedback and
sees their own score.  Screenshots go to test-artifacts/hub-*.png.
"""

from __future__ import annotations

import json
import os
import re

import pytest

from medialit.hub.course_folder import nbgrader_dir
from tests.support import hub_actions as act
from tests.support.browser import question
from tests.support.nbgrader_course import ROOT, read_notebook, solution_code
from tests.support.paths import ARTIFACTS

pytestmark = [pytest.mark.hub, pytest.mark.browser]

CHROMIUM = "/usr/bin/chromium"
TIMEOUT_MS = int(os.environ.get("MEDIALIT_E2E_TIMEOUT_MS", "180000"))
LESSON = "01-sources"
#: The answers a good and a bad student give in the widgets (option labels as shown).
NAMED = {"good": ["Cui Tiankai", "Zhao Lijian", "Wang Yiwei", "Liu Weidong"], "bad": ["“Chinese diplomats”"]}
WANG = {"good": "Wang Yiwei, the professor at Renmin University", "bad": "Wang Yi, China’s Foreign Minister"}
CODE_ID = "l1-speakers-code"  # the code exercise in the released notebook


def code_cell_index(lesson: str, grade_id: str) -> int:
    """Where the solution cell ``grade_id`` sits among the released notebook's cells."""
    cells = read_notebook(ROOT / "lessons" / lesson / f"{lesson}.ipynb")["cells"]
    return next(i for i, cell in enumerate(cells) if cell["metadata"].get("nbgrader", {}).get("grade_id") == grade_id)


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"hub-{name}.png"))


def log_in(browser, hub, user: str):
    """A fresh browser context logged in as ``user``, on their JupyterLab."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(f"{hub.site.url}/hub/login")
    page.locator("#username_input").fill(user)
    page.locator("#password_input").fill(hub.passwords[user])
    page.locator("#login_submit").click()
    page.wait_for_url(re.compile(rf"/user/{re.escape(user)}/lab"))
    page.locator("#jp-MainMenu").wait_for()
    return page


def nbgrader_menu(page, item: str) -> None:
    page.locator("#jp-MainMenu").get_by_role("menuitem", name="Nbgrader", exact=True).click()
    page.get_by_role("menuitem", name=item, exact=True).click()


def formgrader_row(page, lesson: str):
    frame = page.frame_locator("iframe")
    return frame, frame.locator("tr", has=frame.locator("td.name a", has_text=lesson))


def formgrader_action(page, lesson: str, column: str, name: str) -> None:
    """Click a formgrader button of ``lesson`` and wait for its success message."""
    frame, row = formgrader_row(page, lesson)
    row.locator(f"td.{column} a").click()
    modal = frame.locator("#success-modal")
    modal.wait_for()
    frame.locator("#success-modal.in").wait_for()  # faded in
    page.wait_for_timeout(300)
    shot(page, f"instructor-{name}")
    modal.locator("button.close").last.click()
    modal.wait_for(state="detached")


def open_formgrader(page):
    nbgrader_menu(page, "Formgrader")
    frame, row = formgrader_row(page, LESSON)
    row.wait_for()
    return frame, row


def open_assignments(page):
    nbgrader_menu(page, "Assignment List")
    panel = page.locator("#assignments")
    panel.wait_for()
    return panel


def lesson_row(page, listing, lesson: str):
    """The header line of ``lesson`` in one of the Assignments tab's lists (not its notebooks' lines)."""
    name = page.locator(".item_name", has_text=re.compile(rf"^{re.escape(lesson)}$"))
    return listing.locator(":scope > .list_item > .col-md-12", has=name)


def run_all(page) -> None:
    page.get_by_text("Python 3 (ipykernel) | Idle").wait_for()
    for _attempt in range(4):  # a click while the kernel still connects can be lost
        page.locator("#jp-MainMenu").get_by_role("menuitem", name="Run", exact=True).click()
        page.get_by_role("menuitem", name="Run All Cells").first.click()
        try:
            page.wait_for_function("[...document.querySelectorAll('.jp-InputArea-prompt')]"
                                   ".some(p => /\\[\\d+\\]/.test(p.textContent))", timeout=20_000)
            return
        except Exception:  # noqa: BLE001 - playwright's TimeoutError: try again
            continue
    raise AssertionError("Run All Cells never started the notebook")


def student_works(browser, hub, student: str, quality: str) -> None:
    from playwright.sync_api import expect

    page = log_in(browser, hub, student)
    panel = open_assignments(page)
    released = panel.locator("#released_assignments_list")
    expect(released).to_contain_text(LESSON)
    shot(page, f"{quality}-student-released")
    lesson_row(page, released, LESSON).get_by_role("button", name="Fetch").click()
    fetched = panel.locator("#fetched_assignments_list")
    expect(lesson_row(page, fetched, LESSON)).to_be_visible()
    # open the lesson: expand the assignment, then its notebook
    lesson_row(page, fetched, LESSON).locator("a.assignment-notebooks-link").click()
    fetched.locator(f"#nbgrader-medialit-{LESSON} .nested_list_item a", has_text=LESSON).click()
    page.locator(".jp-NotebookPanel").wait_for()
    page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").wait_for()
    if quality == "good":
        editor = page.locator(".jp-Notebook .jp-Cell").nth(code_cell_index(LESSON, CODE_ID)).locator(".cm-content")
        editor.click()
        page.keyboard.press("Control+a")
        page.keyboard.insert_text(solution_code(LESSON, CODE_ID))
    run_all(page)
    named, wang = question(page, "l1-named"), question(page, "l1-wang")
    wang.wait_for()
    for label in NAMED[quality]:
        named.get_by_label(label, exact=True).check()
    expect(named.locator(".ml-status")).to_contain_text(f"Saved: {len(NAMED[quality])} option")
    wang.get_by_label(WANG[quality], exact=True).check()
    expect(wang.locator(".ml-status")).to_contain_text("Saved")
    named.scroll_into_view_if_needed()
    shot(page, f"{quality}-student-answers")
    page.keyboard.press("Control+s")
    expect(page.locator(".jp-mod-current .jp-mod-dirty")).to_have_count(0)
    panel = open_assignments(page)
    lesson_row(page, panel.locator("#fetched_assignments_list"), LESSON).get_by_role("button", name="Submit").click()
    expect(lesson_row(page, panel.locator("#submitted_assignments_list"), LESSON)).to_be_visible()
    shot(page, f"{quality}-student-submitted")
    page.context.close()


def student_feedback(browser, hub, student: str, quality: str) -> str:
    """Fetch the feedback in the Assignments tab, open it, return the score line shown."""
    from playwright.sync_api import expect

    page = log_in(browser, hub, student)
    panel = open_assignments(page)
    submitted = panel.locator("#submitted_assignments_list")
    lesson_row(page, submitted, LESSON).get_by_role("button", name="Fetch Feedback").click()
    link = submitted.locator(f"#nbgrader-medialit-{LESSON}-submissions").get_by_text("(view feedback)")
    expect(link).to_be_visible()
    link.click()  # the file browser goes to the feedback folder
    page.locator(".jp-DirListing-item", has_text=f"{LESSON}.html").dblclick()
    score = page.frame_locator(".jp-HTMLViewer iframe").get_by_text(re.compile(r"Score: [\d.]+ / [\d.]+")).first
    expect(score).to_be_visible()
    shot(page, f"{quality}-student-feedback")
    text = score.inner_text()
    page.context.close()
    return text


def _gradebook_total(hub, student: str) -> float:
    return act.gradebook_submission(hub, student, LESSON)["score"]


def test_a_whole_term_in_the_browser(class_hub):
    pytest.importorskip("playwright")
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"{CHROMIUM} is not installed (make browser installs it)")
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=TIMEOUT_MS)
    hub = class_hub
    good, bad = hub.students[:2]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--no-first-run"])
        try:
            # The instructor releases the lesson from the formgrader.
            teacher = log_in(browser, hub, hub.teacher)
            open_formgrader(teacher)
            shot(teacher, "instructor-formgrader")
            formgrader_action(teacher, LESSON, "release", "released")
            assert (hub.site.exchange / hub.site.course_id / "outbound" / LESSON / f"{LESSON}.ipynb").exists()

            student_works(browser, hub, good, "good")
            student_works(browser, hub, bad, "bad")

            # Collect in the formgrader, grade from the course folder, feedback in the formgrader.
            teacher.reload()
            teacher.locator("#jp-MainMenu").wait_for()
            open_formgrader(teacher)
            formgrader_action(teacher, LESSON, "collect", "collected")
            submitted = nbgrader_dir(hub.site.course_dir) / "submitted"
            for student in (good, bad):
                answers = json.loads((submitted / student / LESSON / f"{LESSON}.answers.json").read_text())
                assert {"l1-named", "l1-wang"} <= set(answers["answers"]), student
            fast = act.teacher(hub, "medialit", "grade", ".", LESSON).stdout
            assert "graded 2 of 2 submissions" in fast, fast
            after_fast = {s: _gradebook_total(hub, s) for s in (good, bad)}
            act.instructor_nbgrader_ok(hub, "autograde", LESSON)
            after_autograde = {s: _gradebook_total(hub, s) for s in (good, bad)}
            # l1-named 2 + l1-wang 1 + the code exercise 3, by either grader
            assert after_fast[good] == 6.0 and after_fast[bad] == 0.0, after_fast
            assert after_autograde == after_fast, after_autograde
            open_formgrader(teacher)
            formgrader_action(teacher, LESSON, "generate-feedback", "feedback-generated")
            formgrader_action(teacher, LESSON, "release-feedback", "feedback-released")

            # Each student fetches their feedback and sees their own score.
            good_score = student_feedback(browser, hub, good, "good")
            bad_score = student_feedback(browser, hub, bad, "bad")
            assert "Score: 6.0 / 23.0" in good_score, good_score  # the lesson is worth 23 points
            assert "Score: 0.0 / 23.0" in bad_score, bad_score
        except Exception:
            for i, context in enumerate(browser.contexts):
                for j, page in enumerate(context.pages):
                    shot(page, f"failure-{i}-{j}")
            raise
        finally:
            browser.close()
