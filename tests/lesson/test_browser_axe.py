"""axe-core over every widget type, rendered in real JupyterLab 4 (headless Chromium).

Each widget's output area is checked on its own (axe's context is that element), as
first shown and again after it was answered and its hint, feedback and reference are
shown: no violation of impact "serious" or "critical" may remain.  Across the widgets of
the page, no landmark name or id may repeat.  Lesser findings, and
what axe finds in JupyterLab's own interface around the widgets (reported, not fixed
here), go to test-artifacts/axe-widgets.json and test-artifacts/axe-jupyterlab.json.

axe-core comes inside the ``axe-playwright-python`` wheel (a test dependency), so nothing
is downloaded while the tests run.
"""

from __future__ import annotations

import json

import pytest

from tests.lesson.conftest import QUESTIONS
from tests.support.browser import chromium, open_notebook, question, run_all_and_wait, shot
from tests.support.paths import ARTIFACTS
from tests.support.quiz_env import NOTEBOOK

pytestmark = pytest.mark.browser

BLOCKING = {"serious", "critical"}
#: Every widget type and the question (or panel) that shows it in the example notebook.
WIDGETS = {
    "single": "ex-single", "multiple": "ex-multiple", "spans (practice)": "ex-hedges",
    "spans (graded)": "ex-headline", "classify": "ex-classify", "rate": "ex-rate", "text": "ex-text",
    "progress panel": ".ml-progress-panel", "reveal panel": ".ml-reveal",
}


def axe_script() -> str:
    axe = pytest.importorskip("axe_playwright_python.base", reason="the test extra installs axe-playwright-python")
    return axe.AXE_SCRIPT


def output_area(page, widget: str):
    """The output area (of its cell) that shows ``widget``."""
    inner = page.locator(widget) if widget.startswith(".") else question(page, widget)
    return page.locator(".jp-OutputArea-output", has=inner)


def check(area) -> dict:
    """axe's findings in one element: {rule id: {impact, nodes, help}}."""
    result = area.evaluate("(el) => axe.run(el, {resultTypes: ['violations']})")
    return {v["id"]: {"impact": v["impact"], "nodes": len(v["nodes"]), "help": v["help"],
                      "targets": [n["target"] for n in v["nodes"]][:5]} for v in result["violations"]}


def use_every_widget(page) -> None:
    """Answer each question and open what it hides (hint, feedback, reference), so axe sees it all."""
    from playwright.sync_api import expect

    question(page, "ex-single").get_by_label("Tomas Brell, a commuter").check()
    question(page, "ex-multiple").get_by_label("probably").check()
    hedges = question(page, "ex-hedges")
    hedges.locator(".ml-hl-text").focus()
    for key in ["Home", "ArrowRight", "ArrowRight", "ArrowRight", "1"]:
        page.keyboard.press(key)
    hedges.get_by_role("button", name="Check my passages").click()
    expect(hedges.locator(".ml-span-check")).to_be_visible()
    hedges.get_by_role("button", name="Show answer").click()
    question(page, "ex-headline").locator(".ml-hl-text").focus()
    for key in ["Home", "ArrowRight", "ArrowRight", "ArrowRight", "1"]:
        page.keyboard.press(key)
    question(page, "ex-classify").get_by_label("Critics").select_option(label="Unnamed")
    question(page, "ex-rate").get_by_label("3", exact=True).check()
    question(page, "ex-text").locator("textarea").fill("The ferry operator is never asked what fuel really costs.")
    for qid in QUESTIONS:
        hint = question(page, qid).get_by_role("button", name="Hint")
        if hint.count():
            hint.click()
    page.locator(".ml-progress-panel").get_by_role("button", name="Refresh").click()
    # reveal() shows its panel once the question is answered: run its cell again
    reveal_cell = page.locator(".jp-Notebook .jp-Cell", has_text='reveal("ex-multiple")')
    reveal_cell.locator(".jp-InputPrompt").first.click()
    page.keyboard.press("Control+Enter")
    page.locator(".ml-reveal").wait_for()
    page.locator(".ml-reveal").get_by_role("button", name="Show the reference answer").click()
    expect(page.locator(".ml-reveal .ml-reference")).to_be_visible()
    expect(question(page, "ex-text").locator(".ml-status").last).to_contain_text("10 words")


def test_every_widget_type_passes_axe(jupyterlab):
    base, token, folder = jupyterlab
    script = axe_script()
    found: dict[str, dict] = {}
    with chromium() as page:
        open_notebook(page, base, token, f"{NOTEBOOK}.ipynb")
        run_all_and_wait(page, len(QUESTIONS))
        page.evaluate(script)
        for state in ("as shown", "answered"):
            if state == "answered":
                use_every_widget(page)
            for name, widget in WIDGETS.items():
                if name == "reveal panel" and state == "as shown":
                    continue  # before an answer, reveal() shows a note, not its panel
                area = output_area(page, widget)
                assert area.count() == 1, f"{name}: {area.count()} output areas"
                found[f"{name}, {state}"] = check(area)
        shot(output_area(page, ".ml-reveal"), "reveal-panel")
        # The check finds what it should: a text box without a name, planted in an output area.
        area = output_area(page, ".ml-progress-panel")
        area.evaluate("el => el.append(Object.assign(document.createElement('input'), {id: 'ml-planted'}))")
        planted = check(area)
        area.evaluate("el => el.querySelector('#ml-planted').remove()")
        # Across widgets: landmarks and ids must not repeat from one widget to the next.
        across = page.evaluate("""async () => {
            const r = await axe.run(document, {elementRef: true, resultTypes: ['violations'],
                runOnly: ['landmark-unique', 'duplicate-id', 'duplicate-id-aria', 'duplicate-id-active']});
            return r.violations.flatMap(v => v.nodes.filter(n => n.element.closest('.jp-OutputArea-output'))
                                                  .map(n => [v.id, v.impact, n.html.slice(0, 120)]));
        }""")
        # JupyterLab's own interface, outside the widgets: reported only.
        chrome = page.evaluate("""() => axe.run({exclude: [...document.querySelectorAll('.jp-OutputArea-output')]
                                                  .map(e => [e])}, {resultTypes: ['violations']})""")
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "axe-widgets.json").write_text(json.dumps(found, indent=1), encoding="utf-8")
    (ARTIFACTS / "axe-jupyterlab.json").write_text(json.dumps(
        {v["id"]: {"impact": v["impact"], "nodes": len(v["nodes"]), "help": v["help"],
                   "targets": [n["target"] for n in v["nodes"]][:5]}
         for v in chrome["violations"]}, indent=1), encoding="utf-8")
    blocking = {where: {rule: f["targets"] for rule, f in rules.items() if f["impact"] in BLOCKING}
                for where, rules in found.items()}
    assert {where: rules for where, rules in blocking.items() if rules} == {}
    assert len(found) == 2 * len(WIDGETS) - 1  # every widget twice; the reveal panel once answered
    assert across == []
    assert planted["label"]["impact"] == "critical" and planted["label"]["targets"] == [["#ml-planted"]]
