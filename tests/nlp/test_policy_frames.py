"""Frame dimensions proposed from cue words, and sources scored by name (constructed text)."""

from __future__ import annotations

import pytest

from medialit.nlp.evaluate import pair_sources, score_sources


@pytest.fixture(scope="module")
def nlp():
    from medialit.nlp import load_nlp

    return load_nlp()


def test_frames_per_scope_with_the_primary_first(nlp):
    from medialit.nlp.policy_frames import propose_frames

    text = ("Dunmore council votes to raise ferry fares\n\n"
            "The fare for a car will cost £24 from June, up from £20. The council said fuel prices had risen. "
            "A legal challenge is possible.")
    doc = nlp(text)
    head_end = text.index("\n")
    props = propose_frames(doc, lambda i: "headline" if i < head_end else "body")
    headline = [p for p in props if p.scope == "headline"]
    body = [p for p in props if p.scope == "body"]
    assert headline[0].primary and {p.frame for p in headline} == {"political", "economic"}
    assert headline[0].frame == "political"  # a tie: the dimension cued first ("votes" before "fares")
    assert body[0].primary and body[0].frame == "economic"
    assert "amount of money" in body[0].words and "cost" in body[0].words
    assert [text[s:e] for s, e in next(p for p in body if p.frame == "legality").cues] == ["legal challenge"]
    assert sum(p.primary for p in body) == 1 and abs(sum(p.share for p in body) - 1) < 0.02


def test_sources_are_paired_by_name():
    pred = [{"id": "p1", "name": "Penhallow", "type": "official", "named": True},
            {"id": "p2", "name": "furious residents", "type": "unnamed_group", "named": False},
            {"id": "p3", "name": "a push", "type": "other", "named": False}]
    ref = [{"id": "ruth", "name": "Ruth Penhallow", "type": "official", "named": True},
           {"id": "res", "name": "residents", "type": "unnamed_group", "named": False},
           {"id": "vale", "name": "Imogen Vale", "type": "expert", "named": True}]
    assert pair_sources(pred, ref) == [(0, 0), (1, 1)]
    text = "x said y"
    span = {"start": 7, "end": 8, "text": "y"}
    scored = score_sources(pred, ref, [{"content": span, "source_id": "p1"}], [{"content": span, "source_id": "ruth"}],
                           text)
    assert scored["sources"] == {"precision": 0.667, "recall": 0.667, "f1": 0.667}
    assert (scored["type_right"], scored["named_right"], scored["links"], scored["links_right"]) == (2, 2, 1, 1)
