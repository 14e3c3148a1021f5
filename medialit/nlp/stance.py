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
- ``after_negation``: "at all" only after a negation in the same sentence;
- ``litotes``: "very", "particularly" ... right after a negation ("did not have very high
  expectations"); the cue runs from the negation;
- ``not_backshifted``: "would" and "could" of a hypothetical or a possibility, not the past of
  "will" and "can" inside indirect speech reported with a past-tense cue ("said Beijing would
  not yield", "did not expect all problems could be solved"); a hypothetical subject ("the
  best outcome would be") or an if-clause makes it a hedge even there;
- ``conditional_if``: "if"/"unless" opening a condition on a clause with a modal ("If one side
  drills ..., the conversation could go beyond"), not the terms of an offer;
- ``factive_know``: "know" with an object or clause, not negated, not "you know".

An adjective with ``when_negated`` takes a preceding "not" into its cue and may change type:
"not possible" is a booster, "not likely" a hedge, "not certain" a hedge.

The holder is ``source`` when the cue lies inside the content of an attribution (or, if the
attributions component has not run, inside quote marks), else ``reporter``.

Limits: "can" and "should" are never cues (ability, obligation); "could" is always a hedge,
also in "could not"; the "would" rule needs the attributions component to know where
reported speech is (without it every modal "would" counts); condition checks trust the parse.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Token

from medialit.nlp.lexicons import StanceCue, stance_cues
from medialit.nlp.quotes import find_quotes

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


_ORDINALS = {"first", "second", "third", "fourth", "fifth", "last", "next"}


def _is_number(tok: Token | None) -> bool:
    if tok is None or tok.ent_type_ == "ORDINAL" or tok.lower_ in _ORDINALS:
        return False
    if tok.like_num or tok.pos_ == "NUM":
        return True
    if tok.is_currency and tok.i + 1 < len(tok.doc):
        return tok.doc[tok.i + 1].like_num
    return False


_LITOTES_NEGATIONS = {"not", "n't", "never"}
#: Nouns naming a hypothetical situation: "the best outcome would be ..." is a hedge even in reported speech.
_HYPOTHETICAL_NOUNS = {"outcome", "scenario", "result", "consequence", "option", "alternative", "solution", "case",
                       "effect", "impact", "best", "worst", "answer"}
_MODALS = {"could", "would", "might", "may", "will", "can", "should", "must", "'d", "’d", "'ll", "’ll"}


@dataclass(frozen=True)
class Reported:
    """Where indirect speech reported with a past-tense cue is (backshifted tenses)."""

    mask: bytes = b""

    def covers(self, offset: int) -> bool:
        return offset < len(self.mask) and self.mask[offset] == 1


def _negation_before(tok: Token, window: int = 3) -> Token | None:
    """A negation up to ``window`` words before ``tok`` in its clause."""
    doc = tok.doc
    for i in range(tok.i - 1, max(tok.sent.start, tok.i - 1 - window), -1):
        t = doc[i]
        if t.lower_ in _LITOTES_NEGATIONS or t.lower_ == "no":
            return t
        if t.is_punct or t.pos_ in ("SCONJ", "CCONJ"):
            return None
    return None


def condition_holds(name: str | None, tok: Token, end: int, reported: Reported = Reported()) -> bool:
    """Whether condition ``name`` holds for a cue starting at ``tok`` (``end``: token after the cue).

    ``reported`` tells where backshifted indirect speech is (for "would").
    """
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
    if name == "litotes":
        return tok.pos_ == "ADV" and _negation_before(tok) is not None
    if name == "not_backshifted":
        if tok.tag_ != "MD":
            return False
        verb = tok.head
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and subject.lemma_.lower() in _HYPOTHETICAL_NOUNS:
            return True
        if any(c.dep_ == "advcl" and any(g.lower_ in ("if", "unless") for g in c.children) for c in verb.children):
            return True
        return not reported.covers(tok.idx)
    if name == "conditional_if":
        if tok.dep_ != "mark" or tok.head.dep_ != "advcl":
            return False
        main = tok.head.head
        return any(c.dep_ == "aux" and c.lower_ in _MODALS for c in main.children)
    if name == "factive_know":
        if tok.tag_ == "VBN" or any(c.dep_ == "neg" for c in tok.children):
            return False
        kids = {c.dep_ for c in tok.children}
        if not kids & {"ccomp", "dobj"}:
            return False  # "you know", "let me know"
        return not any(c.dep_ == "xcomp" or c.lower_ == "how" for c in tok.children)
    raise ValueError(f"unknown stance condition {name!r}")


def _match_at(tok: Token, reported: Reported) -> tuple[StanceCue, int, int, str] | None:
    """The cue starting at ``tok`` (longest first): (cue, first token, token after, type)."""
    single, multi = _index()
    doc = tok.doc
    low = tok.lower_
    for cue in multi.get(low, ()):
        n = len(cue.words)
        if tok.i + n <= len(doc) and all(doc[tok.i + k].lower_ == w for k, w in enumerate(cue.words)):
            if (not cue.pos or tok.pos_ in cue.pos) and condition_holds(cue.condition, tok, tok.i + n, reported):
                return cue, tok.i, tok.i + n, cue.type
    for key in dict.fromkeys((low, tok.lemma_.lower())):
        for cue in single.get(key, ()):
            if (not cue.pos or tok.pos_ in cue.pos) and condition_holds(cue.condition, tok, tok.i + 1, reported):
                start, kind = tok.i, cue.type
                if cue.condition == "litotes":
                    neg = _negation_before(tok)
                    start = neg.i if neg is not None else tok.i
                elif cue.when_negated and tok.i > 0 and doc[tok.i - 1].lower_ in _LITOTES_NEGATIONS:
                    start, kind = tok.i - 1, cue.when_negated  # "not possible", "not likely"
                return cue, start, tok.i + 1, kind
    return None


def _holder_spans(doc: Doc, text: str) -> tuple[bytearray, Reported]:
    """Where the words are a source's (a character mask), and the backshifted indirect speech."""
    sources = bytearray(len(text))
    attributions = doc._.attributions if Doc.has_extension("attributions") else None
    if attributions is None:
        for q in find_quotes(text):
            sources[q.start : q.end] = b"\x01" * (q.end - q.start)
        return sources, Reported()
    backshifted = bytearray(len(text))
    for a in attributions:
        sources[a.content_start : a.content_end] = b"\x01" * (a.content_end - a.content_start)
        if a.kind != "direct" and a.cue_start is not None:
            cue = doc.char_span(a.cue_start, a.cue_end, alignment_mode="expand")
            if cue is not None and len(cue) and cue[0].tag_ in ("VBD", "VBN"):
                backshifted[a.content_start : a.content_end] = b"\x01" * (a.content_end - a.content_start)
    return sources, Reported(bytes(backshifted))


def find_stance_cues(doc: Doc) -> tuple[list[StanceHit], list[StanceHit]]:
    """``(hedges, boosters)`` of a parsed ``doc``, in text order, never overlapping."""
    hedges: list[StanceHit] = []
    boosters: list[StanceHit] = []
    text = doc.text
    if not text.strip():
        return hedges, boosters
    spans, reported = _holder_spans(doc, text)
    last_end = 0
    i = 0
    while i < len(doc):
        tok = doc[i]
        found = None if tok.is_space or tok.is_punct else _match_at(tok, reported)
        if found is None:
            i += 1
            continue
        cue, start, end, kind = found
        start = max(start, last_end)
        start_char = doc[start].idx
        end_char = doc[end - 1].idx + len(doc[end - 1])
        holder = "source" if spans[start_char] else "reporter"
        hit = StanceHit(start_char, end_char, kind, cue.category, holder, text[start_char:end_char])
        (hedges if kind == "hedge" else boosters).append(hit)
        i = last_end = end
    return hedges, boosters
