"""PolNeAR (Political News Attribution Relations corpus): reading it and scoring against it.

The corpus is evaluation data and is never copied into the project: it is read at run time
from a folder (default ``../shared/polnear`` next to the repository, or ``$MEDIALIT_POLNEAR``)
holding ``<split>/text/<id>.txt`` and ``<split>/attributions/<id>_<annotator>.ann`` (brat).

:func:`score` is the project's attribution metric, the same computation as
``/work/shared/eval/score_attributions.py`` (a test checks both give identical numbers):

- one annotator file per article, the first by name; discontinuous spans are merged to
  their outer bounds;
- a gold attribution is found when a not-yet-used predicted content span covers at least
  half of its word tokens (``\\w+``) and at least half of the predicted tokens fall inside
  it; predictions are tried in their order, the first whose source is also right wins,
  else the first that matches;
- the source is right when the predicted speaker span overlaps the gold source span, or
  the predicted ``speaker_name`` shares a word with the gold source text (ignoring "the",
  "a", "an", "of", "said", "says");
- content F1 and source F1 are ``2 TP / (predicted + gold)``.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from medialit.errors import MedialitError

_REPO = Path(__file__).resolve().parents[2]
_WORD = re.compile(r"\w+")
_STOP = {"the", "a", "an", "of", "said", "says"}


class PolnearMissing(MedialitError, FileNotFoundError):
    """The PolNeAR folder (or a split of it) is not there."""


def default_polnear_dir() -> Path:
    """``$MEDIALIT_POLNEAR`` if set, else ``../shared/polnear`` relative to the repository."""
    env = os.environ.get("MEDIALIT_POLNEAR")
    return Path(env) if env else (_REPO.parent / "shared" / "polnear")


@dataclass(frozen=True)
class GoldAttribution:
    content: tuple[int, int]
    source: tuple[int, int] | None
    source_text: str
    cue: tuple[int, int] | None


def _outer(ranges: str) -> tuple[int, int]:
    parts = [tuple(map(int, p.split())) for p in ranges.split(";")]
    return min(p[0] for p in parts), max(p[1] for p in parts)


def parse_ann(content: str) -> list[GoldAttribution]:
    """The attributions of a brat ``.ann`` file (events with a Content argument)."""
    spans: dict[str, tuple[str, int, int, str]] = {}
    out: list[GoldAttribution] = []
    for line in content.splitlines():
        if line.startswith("T"):
            fields = (line.split("\t") + [""])[:3]
            if len(fields) < 3 or " " not in fields[1]:
                continue  # a stray line of text continuing the previous one
            tid, mid, txt = fields
            label, rng = mid.split(" ", 1)
            start, end = _outer(rng)
            spans[tid] = (label, start, end, txt)
        elif line.startswith("E"):
            args = dict(a.split(":", 1) for a in line.split("\t")[1].split())
            c = spans.get(args.get("Content", ""))
            s = spans.get(args.get("Source", ""))
            q = spans.get(args.get("Cue", ""))
            if c:
                out.append(GoldAttribution((c[1], c[2]), (s[1], s[2]) if s else None, s[3] if s else "",
                                           (q[1], q[2]) if q else None))
    return out


def split_dir(polnear: str | os.PathLike[str] | None, split: str) -> Path:
    """The folder of ``split`` ("train" or "dev"); :class:`PolnearMissing` says how to fix it."""
    base = Path(polnear) if polnear else default_polnear_dir()
    path = base / split
    if not (path / "text").is_dir() or not (path / "attributions").is_dir():
        raise PolnearMissing(
            f"no PolNeAR {split} split at {path} (expected text/ and attributions/ inside); "
            "pass --polnear DIR or set MEDIALIT_POLNEAR to the folder that holds train/ and dev/"
        )
    return path


def annotation_files(split: Path) -> dict[str, Path]:
    """Article id -> its first annotator file by name."""
    anns: dict[str, Path] = {}
    for f in sorted((split / "attributions").glob("*.ann")):
        anns.setdefault(f.stem.rsplit("_", 1)[0], f)
    return anns


def iter_split(split: Path) -> Iterator[tuple[str, str, list[GoldAttribution]]]:
    """``(article_id, text, gold attributions)`` for every article of a split folder."""
    for doc_id, ann in annotation_files(split).items():
        text = (split / "text" / f"{doc_id}.txt").read_text(encoding="utf-8")
        yield doc_id, text, parse_ann(ann.read_text(encoding="utf-8"))


def _tokens(text: str, start: int, end: int) -> set[int]:
    return {m.start() + start for m in _WORD.finditer(text[start:end])}


def _words(s: str) -> set[str]:
    return {w for w in _WORD.findall(s.lower()) if w not in _STOP}


def score_document(text: str, gold: list[GoldAttribution], pred: list[Mapping[str, Any]]) -> tuple[int, int]:
    """``(content true positives, source true positives)`` for one article."""
    used: set[int] = set()
    tc = ts = 0
    for g in gold:
        gt = _tokens(text, *g.content)
        if not gt:
            continue
        best: tuple[int, bool] | None = None
        for i, p in enumerate(pred):
            c = p.get("content") or {}
            if i in used or "start" not in c:
                continue
            pt = _tokens(text, c["start"], c["end"])
            if not pt:
                continue
            ov = len(gt & pt)
            if ov / len(gt) < 0.5 or ov / len(pt) < 0.5:
                continue
            sp = p.get("speaker") or {}
            ok = False
            if g.source:
                if "start" in sp and sp["start"] < g.source[1] and g.source[0] < sp["end"]:
                    ok = True
                elif _words(g.source_text) & _words(p.get("speaker_name") or ""):
                    ok = True
            if best is None or ok:
                best = (i, ok)
            if ok:
                break
        if best:
            used.add(best[0])
            tc += 1
            ts += best[1]
    return tc, ts


def score(split: Path, predictions: Mapping[str, list[Mapping[str, Any]]]) -> dict[str, Any]:
    """The metric over a split, given ``article_id -> predicted attributions``."""
    g_total = p_total = tc_total = ts_total = 0
    docs = 0
    for doc_id, text, gold in iter_split(split):
        docs += 1
        pred = list(predictions.get(doc_id, []))
        g_total += len(gold)
        p_total += len(pred)
        tc, ts = score_document(text, gold, pred)
        tc_total += tc
        ts_total += ts

    def f1(tp: int) -> float:
        return (2 * tp / (p_total + g_total)) if p_total + g_total else 0.0

    return {
        "docs": docs,
        "gold": g_total,
        "pred": p_total,
        "content_p": round(tc_total / p_total, 3) if p_total else 0,
        "content_r": round(tc_total / g_total, 3),
        "content_f1": round(f1(tc_total), 3),
        "source_f1": round(f1(ts_total), 3),
    }


def read_prediction_folder(split: Path, folder: str | os.PathLike[str]) -> dict[str, list[Mapping[str, Any]]]:
    """Predictions stored as ``<folder>/<article_id>.json`` (``medialit analyze`` output)."""
    out: dict[str, list[Mapping[str, Any]]] = {}
    for doc_id in annotation_files(split):
        path = Path(folder) / f"{doc_id}.json"
        if path.exists():
            out[doc_id] = json.loads(path.read_text(encoding="utf-8")).get("attributions", [])
    return out
