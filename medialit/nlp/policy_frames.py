"""Propose the frame dimensions of a headline and a body, with the words that cue them.

The 15 dimensions are those of the Policy Frames Codebook (Boydstun et al. 2014), as the
Media Frames Corpus annotates them and the medialit codebook defines them.  A dimension is
*cued* by the words of ``frame_cues.yaml`` (matched by lemma, like loaded language) and, for
``economic``, by amounts of money (MONEY entities).  Within a scope (the headline, the body)
every cued dimension is proposed with its cue spans as evidence, and the one with the most
cues is proposed as the *primary* frame (ties: the one cued first).

The primary frame is a judgement about the story's main point, which counting words cannot
make: it is marked as a proposal for the reviewer, with the share of the scope's cues
behind it as its confidence.

Limits: word lists see topics, not angles ("cost" in a story about safety still counts as
economic); a word cues one dimension only; cues inside quotations count like any others.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc

from medialit.nlp.lexicons import frame_cues
from medialit.nlp.terms import index_by_first_word, term_at

SCOPES = ("headline", "body")


@dataclass
class FrameProposal:
    """One cued dimension in one scope."""

    frame: str
    scope: str
    cues: list[tuple[int, int]] = field(default_factory=list)
    words: list[str] = field(default_factory=list)  # the lexicon terms (or "amount of money") that matched
    primary: bool = False
    share: float = 0.0  # this dimension's share of the scope's cues


@lru_cache(maxsize=1)
def _terms_by_first() -> dict[str, list[tuple[tuple[str, ...], str]]]:
    return index_by_first_word(frame_cues())


def cue_hits(doc: Doc) -> list[tuple[int, int, str, str]]:
    """``(start, end, frame, term)`` for every cue in ``doc``, in text order, never overlapping."""
    terms = _terms_by_first()
    hits: list[tuple[int, int, str, str]] = []
    i = 0
    while i < len(doc):
        tok = doc[i]
        if tok.ent_type_ == "MONEY" and tok.ent_iob_ == "B":
            end = i + 1
            while end < len(doc) and doc[end].ent_iob_ == "I":
                end += 1
            last = doc[end - 1]
            hits.append((tok.idx, last.idx + len(last), "economic", "amount of money"))
            i = end
            continue
        found = term_at(doc, i, terms)
        if found is None:
            i += 1
            continue
        n, frame = found
        term = " ".join(t.lower_ for t in doc[i : i + n])
        last = doc[i + n - 1]
        hits.append((tok.idx, last.idx + len(last), frame, term))
        i += n
    return hits


def propose_frames(doc: Doc, scope_at: Callable[[int], str | None] | None = None) -> list[FrameProposal]:
    """The cued dimensions of each scope, the primary one first.

    ``scope_at`` maps a character offset to ``"headline"``, ``"body"`` or None (text in
    neither scope, such as a standfirst or a caption); without it the whole text is body.
    """
    by_scope: dict[str, dict[str, FrameProposal]] = {s: {} for s in SCOPES}
    for start, end, frame, term in cue_hits(doc):
        scope = scope_at(start) if scope_at else "body"
        if scope not in by_scope:
            continue
        prop = by_scope[scope].setdefault(frame, FrameProposal(frame, scope))
        prop.cues.append((start, end))
        prop.words.append(term)
    out: list[FrameProposal] = []
    for scope in SCOPES:
        props = list(by_scope[scope].values())
        total = sum(len(p.cues) for p in props)
        for p in props:
            p.share = round(len(p.cues) / total, 2) if total else 0.0
        # most cues first; "other" never wins while a named dimension is cued; ties: cued first
        props.sort(key=lambda p: (p.frame == "other", -len(p.cues), p.cues[0][0]))
        if props:
            props[0].primary = True
        out.extend(props)
    return out
