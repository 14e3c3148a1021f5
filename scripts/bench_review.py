"""How long a scripted review of the seed-sized draft takes in the review panel.

Copies the seed article (``scmp-2021-03-18-alaska-talks``, about 1,000 words) to a temporary
folder, replaces its reference by the analyzers' draft (as ``medialit article add`` writes it),
then goes through the review panel as an instructor would: every layer in turn, every item
kept with its Keep button (one key press each in the browser: Enter, which moves on to the next
item), then Save and Accept article.  ``scripts/bench_review_keys.py`` measures the same review
driven by the keyboard in a real JupyterLab.  Prints the number of items, the time the panel
took, and an estimate of the instructor's time at a reading pace given by
``--seconds-per-item`` (default 6 s: read the sentence and the reason, decide).

Usage: ``python scripts/bench_review.py [--seconds-per-item 6]``.  Needs the analyzers (spaCy
and the model) and ipywidgets.  Limits: the panel time is the software's share only; the
reading pace is an assumption, not a measurement of people.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SEED = "scmp-2021-03-18-alaska-talks"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds-per-item", type=float, default=6.0)
    args = parser.parse_args()
    from medialit.articles.article import load_article
    from medialit.articles.ingest.draft import draft_reference
    from medialit.articles.review import DraftReview
    from medialit.articles.review_panel import ReviewPanel
    from medialit.core import annotation as ann
    from medialit.core import layers

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / SEED
        shutil.copytree(ROOT / "seeds" / SEED, folder)
        (folder / "reference.src.yaml").unlink(missing_ok=True)
        meta = folder / "meta.yaml"
        meta.write_text(meta.read_text(encoding="utf-8").replace("status: reviewed", "status: draft"),
                        encoding="utf-8")
        os.environ["MEDIALIT_SEEDS"] = tmp
        article = load_article(SEED)
        doc, why = draft_reference(SEED, article.text, article.structure)
        if doc is None:
            print(why, file=sys.stderr)
            return 1
        ann.save(doc, folder / "reference.json", article.text)
        started = time.perf_counter()
        panel = ReviewPanel(DraftReview(load_article(SEED)), reviewer="Ada Quillfeather")
        kept = 0
        for layer in layers.SPAN_LAYERS:
            panel.layer.value = layer.path
            for row in panel.rows.children:
                if getattr(row, "item_id", None):
                    row.keep_button.click()
                    kept += 1
        panel.save_button.click()
        panel.accept_button.click()
        spent = time.perf_counter() - started
        if not load_article(SEED).reviewed:
            print(f"not accepted: {panel.status.value}", file=sys.stderr)
            return 1
    reading = kept * args.seconds_per_item
    print(f"{kept} drafted items kept in the panel; panel time {spent:.1f} s; "
          f"with {args.seconds_per_item:g} s of reading per item about {(spent + reading) / 60:.1f} minutes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
