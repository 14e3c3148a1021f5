"""The analyzers' output on the seed article is pinned, so any change to it is seen.

A change of model, lexicon, cue model or rule that alters what ``medialit analyze`` says
about the seed article makes this test fail and shows what changed.  When the change is
intended, update the stored output on purpose and commit it with the change:

    MEDIALIT_UPDATE_SNAPSHOTS=1 .venv/bin/python -m pytest tests/nlp/test_seed_snapshot.py
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from medialit.core import annotation as ann

SEED_ID = "scmp-2021-03-18-alaska-talks"
SNAPSHOT = Path(__file__).resolve().parent / "snapshots" / f"{SEED_ID}.analyzer.json"


def _items(doc: dict) -> dict[str, list[str]]:
    """One line per item of every layer, for a readable difference."""
    out: dict[str, list[str]] = {}
    for layer, item in ann.iter_items(doc):
        out.setdefault(layer, []).append(json.dumps(item, ensure_ascii=False, sort_keys=True))
    return out


def test_seed_output_matches_the_snapshot() -> None:
    from medialit import load_article
    from medialit.nlp import load_nlp, to_annotation

    article = load_article(SEED_ID)
    doc = to_annotation(load_nlp()(article.text), article.id, article.part_at)
    ann.validate(doc, article.text)
    if os.environ.get("MEDIALIT_UPDATE_SNAPSHOTS") == "1":
        ann.atomic_write_text(SNAPSHOT, ann.dumps(doc))
        pytest.skip(f"snapshot rewritten: {SNAPSHOT}; review the difference and commit it")
    assert SNAPSHOT.exists(), f"no snapshot yet: run with MEDIALIT_UPDATE_SNAPSHOTS=1 to create {SNAPSHOT}"
    stored = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    if stored != doc:
        old, new = _items(stored), _items(doc)
        lines = []
        for layer in sorted(set(old) | set(new)):
            gone = [x for x in old.get(layer, []) if x not in new.get(layer, [])]
            came = [x for x in new.get(layer, []) if x not in old.get(layer, [])]
            lines += [f"- {layer}: {x}" for x in gone] + [f"+ {layer}: {x}" for x in came]
        if not lines:
            lines = [f"- producer {stored.get('producer')}", f"+ producer {doc.get('producer')}"]
        pytest.fail(
            "the analyzers' output on the seed article changed:\n" + "\n".join(lines[:40])
            + "\nIf this is intended, update the snapshot: MEDIALIT_UPDATE_SNAPSHOTS=1 "
            "python -m pytest tests/nlp/test_seed_snapshot.py, then commit it."
        )
