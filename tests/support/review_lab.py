"""The review panel in a real JupyterLab: a draft copy of the seed article and a notebook that
shows its panel (used by the browser test and ``scripts/bench_review_keys.py``)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from tests.support.paths import REPO, SEED_ID

NOTEBOOK = "review.ipynb"


def draft_copy(seeds: Path, analyzers: bool = False) -> Path:
    """Copy the seed article into ``seeds/`` as a draft: status draft, no reference source, and a
    reference whose items all carry the analyzers' note; with ``analyzers``, the reference is the
    analyzers' own draft (as ``medialit article add`` writes it; needs spaCy and the model).
    Returns the article's folder.  Set ``MEDIALIT_SEEDS`` to ``seeds`` to use it."""
    from medialit.core import annotation as ann

    folder = seeds / SEED_ID
    shutil.copytree(REPO / "seeds" / SEED_ID, folder)
    (folder / "reference.src.yaml").unlink(missing_ok=True)
    meta = folder / "meta.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("status: reviewed", "status: draft"), encoding="utf-8")
    text = (folder / "article.txt").read_text(encoding="utf-8")
    if analyzers:
        from medialit.articles.ingest.draft import draft_reference

        structure = json.loads((folder / "structure.json").read_text(encoding="utf-8"))["parts"]
        doc, why = draft_reference(SEED_ID, text, structure)
        if doc is None:
            raise RuntimeError(f"no draft: {why}")
    else:
        doc = json.loads((folder / "reference.json").read_text(encoding="utf-8"))
        doc["producer"] = {"kind": "analyzer", "name": "medialit.nlp", "reviewed": False}
        for _, item in ann.iter_items(doc):
            item["draft"] = {"confidence": 0.8, "rule": "a lexicon entry"}
    ann.save(doc, folder / "reference.json", text)
    return folder


def write_review_notebook(folder: Path, layer: str = "hedges", reviewer: str = "Ada Quillfeather") -> Path:
    """A notebook showing the review panel of the seed article's draft, open on ``layer``."""
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(
        "from medialit.articles.review import DraftReview\n"
        "from medialit.articles.review_panel import ReviewPanel\n\n"
        f'panel = ReviewPanel(DraftReview("{SEED_ID}"), layer="{layer}", reviewer="{reviewer}")\n'
        "panel.widget")]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = folder / NOTEBOOK
    nbformat.write(nb, path)
    return path


def focused_label(page: Any) -> str | None:
    """The accessible label (``aria-label``) of the focused element."""
    return page.evaluate("() => document.activeElement && document.activeElement.getAttribute('aria-label')")


def wait_focus(page: Any, label: str) -> None:
    """Wait until the element named ``label`` (``aria-label``) has the focus."""
    page.wait_for_function("(l) => document.activeElement && document.activeElement.getAttribute('aria-label') === l",
                           arg=label)
