"""How long a keyboard review of the seed-sized draft takes in the review panel, in a real browser.

Makes the analyzers' draft of the seed article (``scmp-2021-03-18-alaska-talks``, about 1,000
words) in a temporary copy, opens the review notebook in JupyterLab in headless Chromium, and
reviews it with keys alone: for every layer, Shift+Tab to the Layer drop-down and ArrowDown to the
next layer, Tab into the item list, then Enter on every item (keep, and on to the next); at the
end Tab to Save and to Accept article.  An item's time runs from its key press until the panel
shows it kept (the kernel has checked it and the browser has drawn it) with the focus on the
next item.  Prints the number of items, the seconds of software time per item (mean and
slowest), the time spent switching layers, and the total.

Usage: ``python scripts/bench_review_keys.py``.  Needs spaCy and the model, JupyterLab,
Playwright and ``/usr/bin/chromium`` (``make browser``).  Limits: software time only, measured on
this machine; the instructor's reading time per item comes on top (``scripts/bench_review.py``
adds an assumed pace).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    argparse.ArgumentParser(description=__doc__.split("\n")[0]).parse_args()
    from medialit.core import layers
    from tests.support.browser import chromium, jupyterlab_server, open_notebook, run_all, tab_until, wait_idle
    from tests.support.review_lab import NOTEBOOK, draft_copy, focused_label, write_review_notebook

    first = layers.SPAN_LAYERS[0].path
    per_item: list[float] = []
    switching = 0.0
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        seeds, lab = tmp / "seeds", tmp / "lab"
        draft_copy(seeds, analyzers=True)
        lab.mkdir()
        write_review_notebook(lab, layer=first)
        with jupyterlab_server(tmp, lab, {"MEDIALIT_SEEDS": str(seeds)}) as (base, token), chromium() as page:
            open_notebook(page, base, token, NOTEBOOK)
            run_all(page)
            wait_idle(page)
            panel = page.locator(".ml-review")
            panel.locator(".ml-review-keys").wait_for(state="attached")
            started = time.perf_counter()
            page.keyboard.press("Escape")
            tab_until(page, lambda: (page.evaluate("document.activeElement.tagName") == "SELECT"
                                     and panel.locator("select:focus").count() == 1), limit=40)
            for n, layer in enumerate(layers.SPAN_LAYERS):
                t0 = time.perf_counter()
                if n:  # from the list (or the layer drop-down) back to the drop-down, then the next layer
                    if page.evaluate("document.activeElement.tagName") != "SELECT":
                        tab_until(page, lambda: page.evaluate("document.activeElement.tagName") == "SELECT",
                                  key="Shift+Tab", limit=5)
                    page.keyboard.press("ArrowDown")
                    page.wait_for_function("(l) => [...document.querySelectorAll('.ml-review-editor')]"
                                           ".some(e => e.textContent.includes(l))", arg=f"Add a {layer.path} item")
                rows = panel.locator(".ml-review-row")
                ids = [rows.nth(i).get_attribute("aria-label") or "" for i in range(rows.count())]
                ids = [i.removeprefix("Item ") for i in ids]
                if not ids:
                    switching += time.perf_counter() - t0
                    continue
                page.wait_for_function("(l) => document.querySelector(`[aria-label='${l}']`)?.tabIndex === 0",
                                       arg=f"Keep {ids[0]}")
                page.keyboard.press("Tab")
                switching += time.perf_counter() - t0
                for k, item in enumerate(ids):
                    assert focused_label(page) == f"Keep {item}", (focused_label(page), item)
                    t = time.perf_counter()
                    page.keyboard.press("Enter")
                    page.wait_for_function("(l) => document.querySelector(`[aria-label='${l}']`)"
                                           "?.getAttribute('aria-pressed') === 'true'", arg=f"Keep {item}")
                    if k + 1 < len(ids):
                        page.wait_for_function("(l) => document.activeElement?.getAttribute('aria-label') === l",
                                               arg=f"Keep {ids[k + 1]}")
                    per_item.append(time.perf_counter() - t)
            t0 = time.perf_counter()
            tab_until(page, lambda: page.evaluate("document.activeElement.textContent.trim()") == "Save", limit=60)
            page.keyboard.press("Enter")
            page.wait_for_function("document.querySelector('.ml-review').textContent.includes('saved ')")
            tab_until(page, lambda: page.evaluate("document.activeElement.textContent.trim()") == "Accept article",
                      limit=5)
            page.keyboard.press("Enter")
            page.wait_for_function("document.querySelector('.ml-review').textContent.includes('status: reviewed')")
            finishing = time.perf_counter() - t0
            total = time.perf_counter() - started
    print(f"{len(per_item)} items reviewed with the keyboard (Enter on each) in JupyterLab, headless Chromium")
    print(f"software time per item: mean {statistics.mean(per_item):.2f} s, "
          f"median {statistics.median(per_item):.2f} s, slowest {max(per_item):.2f} s")
    print(f"switching layers {switching:.1f} s ({len(layers.SPAN_LAYERS)} layers); save and accept {finishing:.1f} s")
    print(f"total {total:.1f} s of software time")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
