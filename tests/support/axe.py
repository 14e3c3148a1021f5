"""Accessibility checks with axe-core on a page open in Playwright (headless Chromium).

axe-core's script is the ``axe.min.js`` bundled in the ``axe-playwright-python`` package
(a test dependency in pyproject.toml, so ``make test`` installs it): nothing is downloaded
when the tests run.  :func:`axe_violations` injects it into the page and runs
``axe.run`` with the WCAG 2.0/2.1 A and AA rules and axe's best practices;
:func:`assert_accessible` fails with a readable list of what is wrong and where.

Use with :func:`tests.support.browser.chromium_page`::

    with chromium_page() as page:
        page.goto(url)
        assert_accessible(page)

Limits: axe finds about half of the WCAG problems a person would (contrast, names,
structure, ARIA); it cannot judge whether alt texts or headings make sense.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

#: The rule sets checked by default: WCAG 2.0 and 2.1, levels A and AA, and axe's best practices.
AXE_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice")


@cache
def axe_script() -> str:
    """The text of axe-core's ``axe.min.js`` (from the installed axe-playwright-python package)."""
    import axe_playwright_python

    path = Path(axe_playwright_python.__file__).parent / "axe.min.js"
    if not path.is_file():
        raise FileNotFoundError(f"{path} is missing; reinstall the test extras (pip install -e '.[test]')")
    return path.read_text(encoding="utf-8")


def axe_version(page: Any) -> str:
    """The version of axe-core injected into ``page``."""
    page.evaluate(axe_script())
    return page.evaluate("axe.version")


def axe_violations(page: Any, context: str | None = None, tags: tuple[str, ...] = AXE_TAGS,
                   disable: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """axe-core's violations on ``page`` (all of it, or the CSS selector ``context``), for the rules
    tagged ``tags`` minus the rule ids in ``disable``."""
    page.evaluate(axe_script())
    options = {"runOnly": {"type": "tag", "values": list(tags)}, "resultTypes": ["violations"],
               "rules": {rule: {"enabled": False} for rule in disable}}
    return page.evaluate("([context, options]) => axe.run(context || document, options)",
                         [context, options])["violations"]


def format_violations(violations: list[dict[str, Any]]) -> str:
    """One paragraph per violated rule: its id, impact, help text and the elements (at most five)."""
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} [{v['helpUrl']}]")
        for node in v["nodes"][:5]:
            lines.append(f"    {', '.join(map(str, node['target']))}: {node.get('failureSummary', '').strip()}")
            lines.append(f"      {node['html'][:200]}")
        if len(v["nodes"]) > 5:
            lines.append(f"    ... and {len(v['nodes']) - 5} more elements")
    return "\n".join(lines)


def assert_accessible(page: Any, context: str | None = None, tags: tuple[str, ...] = AXE_TAGS,
                      disable: tuple[str, ...] = ()) -> None:
    """Fail when axe-core finds any violation on ``page`` (see :func:`axe_violations`)."""
    found = axe_violations(page, context, tags, disable)
    assert not found, f"axe-core found {len(found)} accessibility problem(s):\n{format_violations(found)}"
