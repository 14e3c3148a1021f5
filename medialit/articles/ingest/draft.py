"""The draft reference annotation of an added article: every layer a lesson needs, each item
with its confidence and the rule that produced it.

:func:`draft_reference` runs the analyzers (:func:`medialit.nlp.load_nlp`) on the article
text and assembles, in the shared annotation format:

- ``sources``: each distinct source once, named or not, with its type, role and affiliation
  (:mod:`medialit.nlp.sources`); attributions point at them with ``source_id`` (a joint
  attribution, "Beijing and Washington said", has none) and repeat the type;
- ``attributions`` (direct, indirect or mixed), as the attributions component finds them;
- ``hedges`` and ``boosters`` with their holder, and the source when a source holds them;
- ``framing``: loaded language and scare quotes as the framing component finds them, and
  the frame dimensions of the headline and the body with their cue words
  (:mod:`medialit.nlp.policy_frames`): for the headline the primary frame only (the others
  it cues are named in its note), for the body every cued dimension, the primary one marked
  as a proposal.

Every item carries ``draft: {confidence, rule}`` (sources also ``entity``): what produced
it and how sure the analyzers are, so that the reviewer sees why and can start with the
least sure.  Confidences rank items for the review; they are not calibrated probabilities,
except that an attribution found by the cue model carries the model's probability.

Attributions, hedges and boosters in page furniture, credits, related links, bylines and
date lines are left out (the codebook annotates none there), and so is an attribution
whose verb is no reporting verb and whose subject cannot speak ("The delay follows a push
to ..."); one with a reporting verb and such a subject stays, flagged in its rule.

Limits: no metaphors and no claims are proposed (the analyzers do not look for them): the
reviewer adds them; everything the analyzers miss is missing here too.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from medialit.core.spans import text_sha256

#: What the producer note of a draft says.
PRODUCER_NOTE = ("Draft made by the analyzers when the article was added; every item needs checking. Each item's "
                 "draft field gives its confidence and the rule that produced it; the primary frames are proposals. "
                 "No metaphors or claims are drafted: add them in the review.")
_CONTINUATION = "quotation going on"
_COLON = "punctuation as the cue"
_SURE_STANCE = {"adverb", "adjective", "noun", "approximator", "attribution_shield", "epistemic_verb"}


def draft_reference(article_id: str, text: str,
                    parts: list[dict[str, Any]] | None = None) -> tuple[dict[str, Any] | None, str]:
    """A draft reference made by the analyzers, or (None, reason) when they are unavailable or fail.

    ``parts`` (the proposed structure) give each attribution its part, keep the reporting
    layers out of page furniture and tell the headline from the body for the frames.
    """
    try:
        from medialit.nlp import load_nlp  # loaded only here: it imports spaCy
        from medialit.nlp.analyze import pipe_docs
    except ImportError as exc:
        return None, f"the analyzers are not available ({exc}); no draft annotation written"

    def part_at(offset: int) -> str | None:
        for p in parts or []:
            if p["start"] <= offset < p["end"]:
                return str(p["label"])
        return None

    try:
        nlp = load_nlp()
        analysed = next(pipe_docs(nlp, [text]))
        doc = build_draft(analysed, article_id, part_at if parts else None)
    except Exception as exc:  # the draft is optional: report, keep the article
        return None, f"the analyzers failed on this text ({type(exc).__name__}: {exc}); no draft annotation written"
    return doc, ""


def _span(text: str, start: int, end: int) -> dict[str, Any]:
    return {"start": start, "end": end, "text": text[start:end]}


def attribution_confidence(a: Any) -> float:
    """How sure the draft is of an attribution: the cue model's probability, or the rule's."""
    from medialit.nlp.attributions import QUOTE_THEN_SAID

    if a.rule == QUOTE_THEN_SAID:
        return 0.85
    if a.rule.startswith(_CONTINUATION) or a.rule.startswith("quotation paragraph"):
        return 0.8
    if a.rule.startswith(_COLON):
        return 0.7
    return round(min(max(a.score, 0.0), 1.0), 2)


def _speaker_check(doc: Any, a: Any) -> str:
    """A warning when the speaker phrase cannot be a source ("a push", "the delay")."""
    from medialit.nlp.attributions import can_speak

    if a.speaker_start is None:
        return ""
    span = doc.char_span(a.speaker_start, a.speaker_end, alignment_mode="expand")
    if span is None or not len(span) or can_speak(span):
        return ""
    return f"; check the speaker: “{span.text}” is not a person, group, organisation or document"


def _mute(doc: Any, a: Any) -> bool:
    from medialit.nlp.lexicons import reporting_verbs

    lemma = a.cue_lemma or ""
    if a.speaker_start is None or lemma in reporting_verbs() or lemma.split(" ")[0] in reporting_verbs():
        return False
    return bool(_speaker_check(doc, a))


def stance_rule(hit: Any, kind: str, speaker: str | None) -> str:
    """In words: which entry of the stance lexicon matched and why the holder is who it is."""
    from medialit.nlp.lexicons import stance_cues

    words = tuple(hit.text.lower().split())
    entry = next((c for c in stance_cues() if c.category == hit.category and c.words == words), None)
    if entry is None:
        entry = next((c for c in stance_cues() if c.category == hit.category and c.words[-1] == words[-1]), None)
    rule = f"{kind} cue “{hit.text}” ({hit.category}) from stance_cues.yaml"
    if entry is not None and entry.condition:
        rule += f", checked by its condition {entry.condition}"
    if hit.holder == "source":
        rule += f"; inside {speaker + '’s' if speaker else 'a source’s'} attributed words, so held by the source"
    else:
        rule += "; in the reporter's own words"
    return rule


def build_draft(doc: Any, article_id: str, part_at: Callable[[int], str | None] | None = None) -> dict[str, Any]:
    """The draft reference of an analysed doc (see the module docstring); validated."""
    from medialit.core import annotation as ann
    from medialit.nlp.export import NOT_ASSERTED_PARTS, to_annotation
    from medialit.nlp.sources import find_sources

    text = doc.text
    out = to_annotation(doc, article_id, part_at)

    def asserted(offset: int) -> bool:
        return part_at is None or part_at(offset) not in NOT_ASSERTED_PARTS

    attributions = [a for a in doc._.attributions or [] if asserted(a.content_start)]
    items = out.get("attributions", [])
    if len(items) != len(attributions):
        raise RuntimeError("the attributions of the draft do not line up with the analyzers' output")
    # the codebook's sources speak: a verb outside the reporting verbs whose subject is no
    # person, group, organisation or document ("The delay follows a push ...") attributes nothing
    pairs = [(a, item) for a, item in zip(attributions, items, strict=True) if not _mute(doc, a)]
    attributions, items = [a for a, _ in pairs], [item for _, item in pairs]
    for n, item in enumerate(items, 1):
        item["id"] = f"a{n}"
    out["attributions"] = items
    sources, source_ids = find_sources(doc, attributions)
    by_id = {s.id: s for s in sources}
    out["sources"] = [{**s.to_json(), "draft": {"confidence": round(s.confidence, 2), "rule": s.rule,
                                                 "entity": s.entity}} for s in sources]
    for a, item, sid in zip(attributions, items, source_ids, strict=True):
        item["source_id"] = sid
        if sid is not None:
            item["source_type"] = by_id[sid].type
        check = _speaker_check(doc, a)
        confidence = attribution_confidence(a) * (0.5 if check else 1.0)
        item["draft"] = {"confidence": round(confidence, 2), "rule": (a.rule or "attributions component") + check}

    def holder_source(offset: int) -> tuple[str | None, str | None]:
        for a, sid in zip(attributions, source_ids, strict=True):
            if a.content_start <= offset < a.content_end:
                return sid, (by_id[sid].name if sid else a.speaker_name)
        return None, None

    for layer, hits, kind in (("hedges", doc._.hedges, "hedge"), ("boosters", doc._.boosters, "booster")):
        kept = [h for h in hits or [] if asserted(h.start)]
        for hit, item in zip(kept, out.get(layer, []), strict=True):
            sid, speaker = holder_source(hit.start) if hit.holder == "source" else (None, None)
            if sid is not None:
                item["source_id"] = sid
            sure = 0.85 if hit.category in _SURE_STANCE else 0.7
            item["draft"] = {"confidence": sure, "rule": stance_rule(hit, kind, speaker)}
    framing = out.setdefault("framing", {})
    for item in framing.get("loaded_language", []):
        note = item.get("note", "")
        verb = note.startswith("loaded reporting verb")
        item["draft"] = {"confidence": 0.8 if verb else 0.6,
                         "rule": (f"{note} (reporting_verbs.yaml)" if verb else
                                  f"loaded_language.yaml: “{item['span']['text']}”, {note}")}
    for item in framing.get("scare_quotes", []):
        item["draft"] = {"confidence": 0.6, "rule": item.get("note") or "short quotation with no speaker"}
    framing["frames"] = frame_items(doc, part_at)
    out["producer"] = {**out.get("producer", {}), "kind": "analyzer", "reviewed": False, "note": PRODUCER_NOTE}
    out["article_id"] = article_id
    out["text_sha256"] = text_sha256(text)
    return ann.validate(out, text, where=f"draft annotation for {article_id}")


def frame_items(doc: Any, part_at: Callable[[int], str | None] | None) -> list[dict[str, Any]]:
    """The proposed frames as annotation items (see the module docstring)."""
    from medialit.nlp.policy_frames import propose_frames

    def scope_at(offset: int) -> str | None:
        part = part_at(offset) if part_at else "body"
        return part if part in ("headline", "body") else None

    text = doc.text
    proposals = propose_frames(doc, scope_at)
    items: list[dict[str, Any]] = []
    for scope in ("headline", "body"):
        props = [p for p in proposals if p.scope == scope]
        if not props:
            continue
        total = sum(len(p.cues) for p in props)
        shown = props[:1] if scope == "headline" else props
        for p in shown:
            counted = ", ".join(f"“{w}” ×{p.words.count(w)}" if p.words.count(w) > 1 else f"“{w}”"
                                for w in dict.fromkeys(p.words))
            item: dict[str, Any] = {"id": f"fr{len(items) + 1}", "frame": p.frame, "scope": scope,
                                    "primary": p.primary, "cues": [_span(text, s, e) for s, e in p.cues]}
            rule = f"frame_cues.yaml words of {p.frame} in the {scope}: {counted}"
            if p.primary:
                others = ", ".join(f"{o.frame} ({len(o.cues)})" for o in props[1:])
                item["note"] = (f"Proposed primary frame: the dimension with the most cue words in the {scope} "
                                f"({len(p.cues)} of {total}); check it against the {scope}'s main point."
                                + (f" Also cued: {others}." if scope == "headline" and others else ""))
                item["draft"] = {"confidence": round(min(0.9, max(0.2, p.share)), 2), "rule": rule, "proposal": True}
            else:
                item["draft"] = {"confidence": round(min(0.9, max(0.2, 0.3 + p.share)), 2), "rule": rule}
            items.append(item)
    return items
