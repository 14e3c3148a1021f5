"""Hedges and boosters: the words that soften or harden a claim, and who is using them.

Cues come from ``stance_cues.yaml``.  A one-word cue matches a token by lemma or lower-case
form; a longer cue matches the exact sequence of lower-case forms.  Each cue may restrict
the part of speech of its first word and name a *condition* defined here, which rules out
the look-alikes:

- ``not_month``: "may" only as a modal verb, never "May" the month;
- ``epistemic_complement``: "appear", "seem", "tend" only with a complement ("appeared to
  stall", "seems unlikely", "appears that"), not "appeared on television";
- ``clause_complement``: "suggest", "prove" only with a that-clause and no direct object,
  so "suggested a meeting" (a proposal) is not a hedge;
- ``before_number``: "about", "around", "some", "up to" only before a number;
- ``epistemic_must``: "must" only as a conclusion ("must be", "must have known"), not an
  obligation ("must stop");
- ``predicative``: adjectives only after a verb or with a clause ("is unlikely", "it is clear
  that"), not as a plain modifier ("a certain conflict point");
- ``after_negation``: "at all" only after a negation in the same sentence.

The holder is ``source`` when the cue lies inside the content of an attribution (or, if the
attributions component has not run, inside quote marks), else ``reporter``.

Limits: "can" and "would" are not cues (mostly ability and reported future in news);
"could" is always a hedge, also in "could not"; condition checks trust the parse.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Token

from .lexicons import StanceCue, stance_cues
from .quotes import find_quotes

_NEGATIONS = {"not", "n't", "no", "never", "nothing", "none", "nobody", "neither", "nor", "without"}


@dataclass
class StanceHit:
    """One hedge or booster: offsets are characters of ``doc.text``."""

    start: int
    end: int
    type: str
    category: str
    holder: str
    text: str
    note: str = ""

    def to_json(self, ident: str) -> dict[str, Any]:
        item: dict[str, Any] = {"id": ident, "cue": {"start": self.start, "end": self.end, "text": self.text},
                                "category": self.category, "holder": self.holder}
        if self.note:
            item["note"] = self.note
        return item


@lru_cache(maxsize=1)
def _index() -> tuple[dict[str, list[StanceCue]], dict[str, list[StanceCue]]]:
    """(single-word cues by word, multi-word cues by first word)."""
    single: dict[str, list[StanceCue]] = defaultdict(list)
    multi: dict[str, list[StanceCue]] = defaultdict(list)
    for cue in stance_cues():
        (single if len(cue.words) == 1 else multi)[cue.words[0]].append(cue)
    for cues in multi.values():
        cues.sort(key=lambda c: -len(c.words))
    return dict(single), dict(multi)


def _next(tok: Token, skip_adverbs: bool = True) -> Token | None:
    doc = tok.doc
    i = tok.i + 1
    while i < len(doc) and (doc[i].is_space or (skip_adverbs and doc[i].pos_ == "ADV" and doc[i].lower_ != "not")):
        i += 1
    return doc[i] if i < len(doc) else None


def _is_number(tok: Token | None) -> bool:
    if tok is None:
        return False
    if tok.like_num or tok.pos_ == "NUM":
        return True
    if tok.is_currency and tok.i + 1 < len(tok.doc):
        return tok.doc[tok.i + 1].like_num
    return False


def condition_holds(name: str | None, tok: Token, end: int) -> bool:
    """Whether condition ``name`` holds for a cue starting at ``tok`` (``end``: token after the cue)."""
    if name is None:
        return True
    doc = tok.doc
    if name == "not_month":
        return tok.tag_ == "MD"
    if name == "epistemic_complement":
        return any(c.dep_ in ("xcomp", "ccomp", "acomp", "attr", "oprd") for c in tok.children)
    if name == "clause_complement":
        kids = list(tok.children)
        if any(c.dep_ in ("dobj", "dative") for c in kids):
            return False
        for c in kids:
            if c.dep_ == "ccomp":
                has_subject = any(g.dep_ in ("nsubj", "nsubjpass", "expl") for g in c.children)
                has_aux = any(g.dep_ in ("aux", "auxpass") for g in c.children)
                mandative = c.tag_ == "VB" and not has_aux  # "suggested that they meet"
                return has_subject and not mandative
        return False
    if name == "before_number":
        return _is_number(doc[end] if end < len(doc) else None)
    if name == "epistemic_must":
        nxt = _next(tok)
        if nxt is None:
            return False
        after = _next(nxt)
        if nxt.lemma_ == "have":
            return after is not None and after.tag_ == "VBN"
        if nxt.lemma_ == "be":
            return (after is not None and after.tag_ != "VBN"
                    and after.pos_ in ("ADJ", "NOUN", "DET", "PROPN", "ADP", "PRON"))
        return False
    if name == "predicative":
        if tok.dep_ in ("acomp", "attr", "oprd"):
            return True
        if tok.dep_ == "amod":
            return False
        nxt = doc[end] if end < len(doc) else None
        if nxt is not None and nxt.lower_ in ("that", "to", "whether", "if"):
            return True
        return tok.head.lemma_ == "be" and tok.head.i < tok.i
    if name == "after_negation":
        sent = tok.sent
        return any(t.lower_ in _NEGATIONS for t in doc[sent.start : tok.i])
    raise ValueError(f"unknown stance condition {name!r}")


def _match_at(tok: Token) -> tuple[StanceCue, int] | None:
    """The cue starting at ``tok`` (longest first) and the index of the token after it."""
    single, multi = _index()
    doc = tok.doc
    low = tok.lower_
    for cue in multi.get(low, ()):
        n = len(cue.words)
        if tok.i + n <= len(doc) and all(doc[tok.i + k].lower_ == w for k, w in enumerate(cue.words)):
            if (not cue.pos or tok.pos_ in cue.pos) and condition_holds(cue.condition, tok, tok.i + n):
                return cue, tok.i + n
    for key in dict.fromkeys((low, tok.lemma_.lower())):
        for cue in single.get(key, ()):
            if (not cue.pos or tok.pos_ in cue.pos) and condition_holds(cue.condition, tok, tok.i + 1):
                return cue, tok.i + 1
    return None


def _holder_spans(doc: Doc, text: str) -> list[tuple[int, int]]:
    attributions = doc._.attributions if Doc.has_extension("attributions") else None
    if attributions is not None:
        return [(a.content_start, a.content_end) for a in attributions]
    return [(q.start, q.end) for q in find_quotes(text)]


def find_stance_cues(doc: Doc) -> tuple[list[StanceHit], list[StanceHit]]:
    """``(hedges, boosters)`` of a parsed ``doc``, in text order, never overlapping."""
    hedges: list[StanceHit] = []
    boosters: list[StanceHit] = []
    text = doc.text
    if not text.strip():
        return hedges, boosters
    spans = _holder_spans(doc, text)
    i = 0
    while i < len(doc):
        tok = doc[i]
        found = None if tok.is_space or tok.is_punct else _match_at(tok)
        if found is None:
            i += 1
            continue
        cue, end = found
        start_char = tok.idx
        end_char = doc[end - 1].idx + len(doc[end - 1])
        holder = "source" if any(s <= start_char < e for s, e in spans) else "reporter"
        hit = StanceHit(start_char, end_char, cue.type, cue.category, holder, text[start_char:end_char])
        (hedges if cue.type == "hedge" else boosters).append(hit)
        i = end
    return hedges, boosters
