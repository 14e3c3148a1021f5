"""medialit's PolNeAR metric gives exactly the numbers of the shared scoring script.

Skipped when the shared PolNeAR folder or the script is not next to the repository.  The
prediction folder is built in a temporary directory (nothing from the corpus is kept):
real analyzer output for some articles, and for others predictions derived from the gold
spans with deliberate near-misses (shifted spans, speaker given only by name, no speaker,
duplicates, a content without offsets) that exercise every branch of the metric.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from medialit.nlp import polnear
from tests.support.paths import REPO

SCRIPT = REPO.parent / "shared" / "eval" / "score_attributions.py"


@pytest.fixture(scope="module")
def dev() -> Path:
    if not SCRIPT.exists():
        pytest.skip(f"shared scoring script not found at {SCRIPT}")
    try:
        return polnear.split_dir(None, "dev")
    except polnear.PolnearMissing as exc:
        pytest.skip(str(exc))


def _perturbed(text: str, gold: list[polnear.GoldAttribution], variant: int) -> list[dict]:
    preds: list[dict] = []
    for k, g in enumerate(gold):
        start, end = g.content
        choice = (k + variant) % 6
        if choice == 0:  # exact content, speaker span on the gold source
            sp = {"start": g.source[0], "end": g.source[1]} if g.source else None
            preds.append({"content": {"start": start, "end": end}, "speaker": sp})
        elif choice == 1:  # half the content, speaker only by name
            preds.append({"content": {"start": start, "end": start + max(1, (end - start) // 2)},
                          "speaker": None, "speaker_name": g.source_text.split(" ")[-1] if g.source_text else None})
        elif choice == 2:  # content running on past the gold, no speaker
            preds.append({"content": {"start": start, "end": min(len(text), end + (end - start))}})
        elif choice == 3:  # twice the same prediction, wrong speaker
            p = {"content": {"start": start, "end": end}, "speaker": {"start": 0, "end": 1}, "speaker_name": "zzz"}
            preds += [p, dict(p)]
        elif choice == 4:  # a content without offsets
            preds.append({"content": {"text": "no offsets"}})
        # choice 5: no prediction for this one
    return preds


def test_same_numbers_as_the_shared_script(dev: Path, tmp_path: Path) -> None:
    from medialit.nlp import load_nlp
    from medialit.nlp.analyze import pipe_docs

    items = list(polnear.iter_split(dev))
    folder = tmp_path / "predictions"
    folder.mkdir()
    analysed = items[:12]
    nlp = load_nlp()
    for (doc_id, _, _), doc in zip(analysed, pipe_docs(nlp, [t for _, t, _ in analysed]), strict=True):
        atts = [a.to_json(f"a{i}") for i, a in enumerate(doc._.attributions, 1)]
        (folder / f"{doc_id}.json").write_text(json.dumps({"attributions": atts}), encoding="utf-8")
    for variant, (doc_id, text, gold) in enumerate(items[12:40]):
        preds = _perturbed(text, gold, variant)
        (folder / f"{doc_id}.json").write_text(json.dumps({"attributions": preds}), encoding="utf-8")
    # the remaining articles have no prediction file at all

    run = subprocess.run([sys.executable, str(SCRIPT), str(dev), str(folder)], capture_output=True, text=True,
                         check=True)
    theirs = json.loads(run.stdout)
    ours = polnear.score(dev, polnear.read_prediction_folder(dev, folder))
    assert ours == theirs
    assert 0 < ours["content_f1"] < 1 and ours["docs"] == len(items)
