"""Candidate attributions read off a dependency parse.

A *candidate* is a possible cue token (a verb such as "said", or "according" in "according
to") together with the spans that could be its content (its clausal complement, object,
infinitive, prepositional object, or the clause it interrupts) and the span that could be
its source (subject, passive agent, the object of "according to").  Which candidate is an
attribution, and which content option is right, is decided in
:mod:`medialit.nlp.cue_model`; this module only proposes.

Limits: it trusts the parser.  When en_core_web_sm misparses (headlines in Title Case,
long lists), the candidate is missed or its spans are wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from medialit.nlp.lexicons import attribution_nouns

#: Passive verbs that, with nobody named as agent, shield a claim instead of attributing it.
SHIELD_PASSIVES = {"expect", "say", "believe", "think", "report", "understand", "rumour", "rumor", "suppose",
                   "reckon", "allege"}
#: Dependency labels whose subtree can be a content span of their head verb.
CONTENT_DEPS = ("ccomp", "xcomp", "dobj", "prep", "advcl", "acomp", "oprd", "attr", "nsubjpass", "conj", "dative")
_SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
_PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "who", "which", "that"}
_PUNCT_EDGES = set(" \t\n,;:.-–—()[]")


@dataclass
class Option:
    """One possible content span of a candidate: ``label`` says where it comes from."""

    label: str
    start: int  # character offsets
    end: int
    first: Token
    words: int


@dataclass
class Candidate:
    """A candidate attribution: a possible cue with its possible contents and source."""

    cue: Token
    cue_start: int
    cue_end: int
    lemma: str
    options: list[Option] = field(default_factory=list)
    source: Span | None = None
    source_dep: str = ""
    passive: bool = False
    negated: bool = False


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """Character span ``[start, end)`` of ``text`` without surrounding spaces and punctuation.

    Quote marks are kept: a direct quote's content includes them.
    """
    while start < end and text[start] in _PUNCT_EDGES:
        start += 1
    while end > start and text[end - 1] in _PUNCT_EDGES:
        end -= 1
    return start, end


def subtree_chars(tok: Token) -> tuple[int, int]:
    return tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge)


_WORD = re.compile(r"\w+")


def count_words(text: str, start: int, end: int) -> int:
    """The number of words (``\\w+``) in ``text[start:end]``."""
    return len(_WORD.findall(text, start, end))


_NOMINAL = ("NOUN", "PROPN", "PRON")
_PHRASE_BREAKS = {",", ";", "(", ")", "—", "–", ":", "“", "”", '"'}


def preceding_phrase(verb: Token) -> Token | None:
    """Head of the noun phrase that ends right before ``verb`` (its auxiliaries skipped).

    Used when the parser gave the verb no subject ("..., ambassador to the US Cui Tiankai has
    expressed ...", "a joint statement by Washington and Tokyo saying ...").
    """
    doc = verb.doc
    i = verb.i - 1
    while i >= 0 and doc[i].head.i == verb.i and doc[i].dep_ in ("aux", "auxpass", "neg", "advmod"):
        i -= 1
    if i < 0 or doc[i].pos_ not in _NOMINAL:
        return None
    cur = best = doc[i]
    while cur.head.i != cur.i:
        head = cur.head
        if head.i > i or head.pos_ in ("VERB", "AUX"):
            break
        if any(x.text in _PHRASE_BREAKS or x.pos_ in ("VERB", "AUX") for x in doc[head.left_edge.i : i + 1]):
            break
        cur = head
        if head.pos_ in _NOMINAL:
            best = head
    return best


def subject_of(verb: Token, quoted: bytearray | None = None) -> tuple[Token | None, str]:
    """The subject of ``verb``: its own, or inherited through coordination or control.

    A subject outside quote marks (``quoted`` flags quoted characters) is preferred: in
    "“Safety,” said Grimm" the parser may take both "Safety" and "Grimm" for subjects.
    A participle right after a statement, report or letter has that document for subject
    ("a joint statement by Washington and Tokyo saying ..."); a main verb the parser left
    without a subject takes the noun phrase just before it.
    """
    if verb.tag_ == "VBG" and not any(c.dep_ in _SUBJECT_DEPS for c in verb.children):
        noun = preceding_phrase(verb)
        if noun is not None and noun.lemma_.lower() in attribution_nouns():
            return noun, "noun"
    tok: Token | None = verb
    for _ in range(4):
        if tok is None:
            break
        subjects = [c for c in tok.children if c.dep_ in _SUBJECT_DEPS]
        if quoted is not None and len(subjects) > 1:
            subjects.sort(key=lambda c: quoted[c.idx])
        if subjects:
            child = subjects[0]
            if child.dep_ == "nsubjpass":
                agent = next((c for c in tok.children if c.dep_ == "agent"), None)
                pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
                if pobj is not None:
                    return pobj, "agent"
            return child, child.dep_
        if tok.dep_ in ("conj", "xcomp", "advcl") and tok.head.i != tok.i:
            tok = tok.head  # "He said ... and added ...", "..., saying ..."
            continue
        if tok.dep_ == "relcl" and tok.head.i != tok.i:
            return tok.head, "relcl"  # "Smith, who said ..."
        if tok.dep_ == "acl" and tok.head.i != tok.i:
            return tok.head, "acl"  # "a statement saying ..."
        break
    if verb.dep_ == "ROOT":
        noun = preceding_phrase(verb)
        if noun is not None:
            return noun, "before"
    return None, ""


def subject_span(head: Token) -> Span:
    """The subject phrase of ``head``: its subtree up to an appositive, relative clause or comma."""
    doc = head.doc
    start = head.left_edge.i
    end = head.i + 1
    for child in head.rights:
        if child.dep_ in ("appos", "relcl", "punct", "acl") or child.text in (",", "(", "—", "–"):
            break
        end = child.right_edge.i + 1
    # Do not cross into a quote or a clause: stop at the first comma to the left, too.
    for i in range(head.i - 1, start - 1, -1):
        if doc[i].text in (",", ";", "“", "”", '"', "''"):
            start = i + 1
            break
    return doc[start:end]


def _option(doc: Doc, text: str, label: str, start: int, end: int, first: Token) -> Option | None:
    start, end = trimmed(text, start, end)
    if end <= start:
        return None
    n = count_words(text, start, end)
    if n == 0:
        return None
    return Option(label, start, end, first, n)


def head_minus(cue: Token, cut: Token, last: int | None = None) -> tuple[int, int] | None:
    """The clause of ``cue.head`` without the subtree of ``cut`` ("X, he said, Y"), and without
    the tokens up to ``last`` when given ("according to X" parsed as two attachments).

    Returns the outer bounds of what is left, so an interrupted clause is one span.
    """
    head = cue.head
    if head.i == cue.i:
        return None
    lo, hi = cut.left_edge.i, max(cut.right_edge.i, last if last is not None else -1)
    toks = [t for t in head.subtree if not (lo <= t.i <= hi)]
    while toks and (toks[-1].is_punct or toks[-1].is_space):
        toks.pop()
    while toks and (toks[0].is_punct or toks[0].is_space):
        toks.pop(0)
    if not toks:
        return None
    return toks[0].idx, toks[-1].idx + len(toks[-1])


def verb_candidate(tok: Token, quoted: bytearray | None = None, text: str | None = None) -> Candidate | None:
    """The candidate of a verb (or the 'according' of 'according to'), or None.

    ``text`` is ``tok.doc.text``; pass it when calling in a loop (spaCy rebuilds it on access).
    """
    doc = tok.doc
    if text is None:
        text = doc.text
    lemma = tok.lemma_.lower()
    if lemma == "accord" or (tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to"):
        to = next((c for c in tok.children if c.lower_ == "to"), None)
        if to is None and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            to = doc[tok.i + 1]
        if to is None:
            return None
        cand = Candidate(tok, tok.idx, to.idx + len(to), "according to")
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
        if pobj is not None:
            cand.source = subject_span(pobj)
            cand.source_dep = "pobj"
        cut = tok if tok.head.i != tok.i else None
        span = head_minus(tok, tok, to.right_edge.i) if cut is not None else None
        if span:
            opt = _option(doc, text, "head", span[0], span[1], tok.head)
            if opt:
                cand.options.append(opt)
        # "According to X, Y" parsed with Y attached elsewhere: the rest of the sentence.
        sent = tok.sent
        rest_start = to.right_edge.idx + len(to.right_edge)
        if to.right_edge.i + 1 < sent.end:
            opt = _option(doc, text, "sentence_rest", rest_start, sent.end_char, doc[to.right_edge.i + 1])
            if opt:
                cand.options.append(opt)
        if tok.i > sent.start:
            opt = _option(doc, text, "sentence_before", sent.start_char, tok.idx, sent[0])
            if opt:
                cand.options.append(opt)
        return cand
    if tok.pos_ != "VERB":
        return None
    prt = next((c for c in tok.children if c.dep_ == "prt"), None)
    lemma_full = f"{lemma} {prt.lower_}" if prt is not None else lemma
    end_tok = prt if prt is not None and prt.i == tok.i + 1 else tok
    cand = Candidate(tok, tok.idx, end_tok.idx + len(end_tok), lemma_full)
    cand.passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children)
    if cand.passive and lemma in SHIELD_PASSIVES and not any(c.dep_ == "agent" for c in tok.children):
        return None  # "is expected to", "is said to": a hedge (attribution shield), nobody is named
    cand.negated = any(c.dep_ == "neg" for c in tok.children)
    subj, dep = subject_of(tok, quoted)
    if subj is not None:
        cand.source = subject_span(subj)
        if cand.source.start < tok.i < cand.source.end:  # "a statement by X saying ...": stop before the cue
            end = tok.i
            while end > cand.source.start and (doc[end - 1].is_punct or doc[end - 1].is_space):
                end -= 1
            cand.source = doc[cand.source.start : end]
        cand.source_dep = dep
    for child in tok.children:
        if child.dep_ in CONTENT_DEPS:
            if child.dep_ == "prep" and child.lower_ in ("in", "on", "at", "during", "after", "before", "by", "since",
                                                          "from", "with", "through", "until", "as"):
                continue  # time, place and manner: "said in a statement", "told reporters on Monday"
            s, e = subtree_chars(child)
            if child.dep_ == "ccomp":
                e = max([e] + [subtree_chars(c)[1] for c in tok.children if c.dep_ == "conj" and c.i > child.i
                               and c.left_edge.lower_ in ("that", "whether")])  # "said A and that B"
            opt = _option(doc, text, child.dep_, s, e, child)
            if opt:
                cand.options.append(opt)
    interrupts = tok.dep_ == "parataxis" or (tok.dep_ in ("advcl", "ccomp", "conj") and tok.head.i < tok.i)
    # "urged the party to act", "called the vote a stitch-up", "accused X of Y": object and complement
    dobj = next((c for c in tok.children if c.dep_ == "dobj"), None)
    if dobj is not None:
        extra = next((c for c in tok.rights if c.i > dobj.i and (c.dep_ in ("xcomp", "oprd") or (
            c.dep_ == "prep" and c.lower_ in ("of", "as", "for", "over")))), None)
        if extra is not None:
            opt = _option(doc, text, "dobj_plus", dobj.left_edge.idx, extra.right_edge.idx + len(extra.right_edge),
                          dobj)
            if opt:
                cand.options.append(opt)
    if tok.head.i != tok.i and interrupts:
        span = head_minus(tok, tok)
        if span:
            opt = _option(doc, text, "head", span[0], span[1], tok.head)
            if opt:
                cand.options.append(opt)
    return cand


_NOUN_PREPS = {"of", "for", "about", "on", "against", "over", "with", "to"}


def noun_candidate(tok: Token, quoted: bytearray | None = None, text: str | None = None) -> Candidate | None:
    """The candidate of a noun that may report a stance or speech ("his support for X", "calls to
    X", "the claim that X"): its lemma is prefixed ``n:`` so the model tells it from the verb.

    The source is the possessor ("his"), else the subject of the verb the noun is the object
    of ("X voiced support for Y").
    """
    doc = tok.doc
    if text is None:
        text = doc.text
    cand = Candidate(tok, tok.idx, tok.idx + len(tok), "n:" + tok.lemma_.lower())
    for child in tok.rights:
        if child.dep_ == "prep" and child.lower_ in _NOUN_PREPS:
            s, e = subtree_chars(child)
            opt = _option(doc, text, "nprep", s, e, child)
        elif child.dep_ in ("acl", "ccomp") and (child.tag_ == "VB" or child.left_edge.lower_ in ("that", "to")):
            s, e = subtree_chars(child)
            opt = _option(doc, text, "n" + child.dep_, s, e, child)
        else:
            continue
        if opt:
            cand.options.append(opt)
    if not cand.options:
        return None
    poss = next((c for c in tok.lefts if c.dep_ == "poss"), None)
    if poss is not None:
        cand.source = subject_span(poss)
        cand.source_dep = "poss"
    elif tok.dep_ in ("dobj", "attr") and tok.head.pos_ == "VERB":
        subj, dep = subject_of(tok.head, quoted)
        if subj is not None:
            cand.source = subject_span(subj)
            cand.source_dep = "verb_" + dep
    return cand


def find_candidates(doc: Doc, quoted: bytearray | None = None) -> list[Candidate]:
    """Every candidate in ``doc``, in text order (``quoted`` flags quoted characters)."""
    out = []
    text = doc.text
    for tok in doc:
        if tok.pos_ == "VERB" or tok.lower_ == "according":
            cand = verb_candidate(tok, quoted, text)
        elif tok.pos_ == "NOUN":
            cand = noun_candidate(tok, quoted, text)
        else:
            continue
        if cand is not None:
            out.append(cand)
    return out
