"""Hedges and boosters: the words that soften or harden a claim, and who is using them.

Cues come from ``stance_cues.yaml`` and follow the codebook's layer "hedges and boosters"
(docs/codebook.md): a modal or adjective is a hedge in its epistemic sense (how likely a
claim is), not in its root sense (ability, permission, obligation).  A one-word cue
matches a token by lemma or lower-case form; a longer cue matches the exact sequence of
lower-case forms, and the longest cue starting at a token wins.  Each cue may restrict the
part of speech of its first word and name a *condition* defined here, which rules out the
look-alikes:

- ``not_month``: "may" only as a modal verb, never "May" the month;
- ``epistemic_may``: "may" as a modal of possibility, not of permission: not in a sentence
  that states rules ("under the rules", "by law", "allowed", "bail") and not with a class of
  people as subject and a verb of what they are allowed to do ("residents may appeal",
  "pupils may not bring phones");
- ``possibility_could``: "could" of possibility, in the reporter's words and in reported speech
  alike ("a decision that could burden taxpayers", "said talks could begin"); not "could
  not" (past inability), "could only", "could" with a verb of ability or perception ("could
  afford", "could see"), and, in backshifted reported speech only, "could" as the past of
  "can": with a class of people or a pronoun as subject ("said passengers could rebook"), in
  a "how far / how much" clause, or with a passive of solving ("all problems could be
  solved");
- ``hypothetical_would``: "would" of a hypothetical: a hypothetical subject ("the best
  outcome would be"), an if/unless clause or "would have" done make it a hedge everywhere;
  otherwise not the past of "will" in backshifted reported speech, not "would not comment"
  (refusal) and not a past future in narration ("would later become");
- ``expectation_should``: "should" of expectation: a subject that is not a person or an
  organisation and a time frame ("the repairs should be finished by June"), never the
  obligation "the council should publish";
- ``epistemic_complement``: "appear", "seem", "tend" only with a complement ("appeared to
  stall", "seems unlikely", "appears that"), not "appeared on television";
- ``clause_complement``: "prove", "show", "demonstrate" only with a that-clause and no direct
  object, so "suggested a meeting" (a proposal) is not a hedge;
- ``evidential_verb``: "suggest", "indicate", "hint" with a that-clause as above, or after
  the claim they weaken ("..., study suggests"), or with a finding as subject ("poll
  suggests tight race"): a finding cannot propose;
- ``negated_verb``: "rule out", "exclude" only after a negation ("could not rule out",
  "cannot exclude"); the cue runs from the negation (from the start of "cannot");
- ``before_number``: "about", "around", "some", "as much as" only before a number;
- ``approximate_up_to``: "up to" before a number, but not a limit set by a rule or an
  offer (the clause's verb has "can", a "may" of permission or a "could" that is no hedge);
- ``estimated_figure``: "estimated" before a number or in "estimated at" a number;
- ``epistemic_must``: "must" only as a conclusion ("must be", "must have known"), not an
  obligation ("must stop");
- ``predicative``: adjectives only after a verb or with a clause ("is unlikely", "it is clear
  that"), also as the second of two joined adjectives ("encouraging but uncertain"), not as
  a plain modifier ("a certain conflict point", "an unlikely hero");
- ``epistemic_adjective``: "likely", "probable", "possible" predicative as above, or before a
  noun ("the likely cost", "a possible strike"), but not "a likely story" and not after
  "every", "all", "any" or a superlative ("the best possible result");
- ``tentative_information``: "preliminary", "provisional", "tentative", "unconfirmed" said of
  information that is not final (figures, results, estimates, data, dates, deals ...), or
  predicative; not a stage ("the preliminary round");
- ``degree_modifier``: "fairly", "rather" only before or over an adjective or adverb
  ("fairly consistent"), not "treated fairly" or "rather than";
- ``hedging_phrase``: "sort of", "kind of" before an adjective, adverb or verb ("sort of
  agreed"), not naming a type ("a new kind of ferry");
- ``intensifier``: "particularly", "especially" intensifying an adjective or adverb
  ("particularly dangerous"), not focusing on a part ("particularly in the north");
- ``stance_adverb``: "clearly", "plainly" about a claim, not of manner: not after a verb other
  than "be" ("explained clearly") and not with "marked", "visible", "labelled" ...;
- ``epistemic_noun``: "possibility", "likelihood", "probability", "chance" with the event they
  weigh ("the possibility of a strike", "a chance that ...") or after "be"/"remain", not the
  plural "possibilities" and not "chance to" (an opportunity);
- ``after_negation``: "at all" only after a negation in the same sentence;
- ``litotes``: "very", "particularly" ... right after a negation ("did not have very high
  expectations"); the cue runs from the negation;
- ``conditional_if``: "if"/"unless" opening a condition on a clause with a modal or a hedged
  adjective or adverb ("If one side drills ..., the conversation could go beyond", "is
  likely to be low, if past elections are any guide"), not the terms of an offer;
- ``conditional_provided``: "provided (that)" opening a condition;
- ``factive_know``: "know" with an object or clause, not negated, not "you know".

*Backshifted reported speech* is a clause that is the complement (through "that"-clauses and
joined clauses) of a reporting or thinking verb in the past ("said", "had told", "did not
expect", "adding that" after a past verb); when the parse shows no such verb, the content of
an indirect attribution with a past-tense cue counts too, unless the modal sits in a
relative clause of a noun inside it ("approved a decision that could burden").

An adjective with ``when_negated`` takes a preceding "not" into its cue and may change type:
"not possible" is a booster, "not likely" a hedge, "not certain" a hedge.

The holder is ``source`` when the cue lies inside the content of an attribution or is itself
an attribution's cue ("the report suggests"); if the attributions component has not run,
inside quote marks; else ``reporter``.

Limits: "can" is never a cue; the root and epistemic senses are told apart by the parse and
short word lists, so an unusual subject or verb can tip a modal the wrong way ("said Sola
could make his debut" reads as reported ability); "would" of a past habit ("every winter the
road would flood") counts as a hedge; condition checks trust the parse.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Token

from medialit.nlp.lexicons import StanceCue, reporting_verbs, stance_cues
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
#: Hedged words that make a main clause a claim an "if" can condition ("is likely to be low, if ...").
_HEDGED_HEADS = {"likely", "unlikely", "probably", "possibly", "perhaps", "possible", "probable"}
#: Verbs of thinking whose complement is backshifted like reported speech ("did not expect ... could").
_THOUGHT_VERBS = {"think", "believe", "expect", "hope", "fear", "feel", "know", "assume", "suppose", "understand",
                  "realise", "realize", "worry", "doubt", "reckon", "learn", "hear", "find", "decide", "agree"}
#: Classes of people that rules and offers address: "residents may appeal", "said passengers could rebook".
_PEOPLE_CLASSES = {"resident", "passenger", "pupil", "student", "patient", "visitor", "customer", "buyer", "member",
                   "user", "driver", "tenant", "applicant", "shopper", "fan", "voter", "candidate", "employee",
                   "worker", "parent", "family", "household", "owner", "traveller", "traveler", "reader", "viewer",
                   "spectator", "supporter", "guest", "participant", "holder", "stallholder", "trader", "motorist",
                   "cyclist", "commuter", "islander", "homeowner", "landlord", "child", "staff"}
_PRONOUNS = {"i", "we", "you", "he", "she", "it", "they"}
#: Verbs of what people are allowed to do, for the permission "may".
_PERMISSION_VERBS = {"apply", "claim", "appeal", "use", "park", "submit", "bring", "enter", "spend", "vote", "rebook",
                     "collect", "attend", "keep", "register", "choose", "opt", "request", "visit", "stay", "leave",
                     "bid", "borrow", "sell", "trade", "return", "take", "camp", "fish", "swim", "cycle", "contact",
                     "join", "access", "travel", "drive", "carry", "wear", "smoke", "drink", "play", "sit"}
#: Words that say a sentence states rules ("Under the new rules, stallholders may trade on Sundays").
_RULE_WORDS = {"rule", "rules", "law", "laws", "regulation", "regulations", "bail", "allowed", "permitted", "entitled",
               "eligible", "licence", "license", "bylaw", "bylaws", "terms", "conditions", "policy"}
#: Verbs of ability and perception: "could afford", "could see" are the past of "can".
_ABILITY_VERBS = {"afford", "manage", "cope", "handle", "see", "hear", "feel", "smell", "taste", "remember", "recall",
                  "read", "speak", "swim", "accommodate", "seat", "house", "store", "hold", "carry"}
#: Passives of solving: "all problems could be solved" is reported feasibility, the past of "can".
_SOLVED_VERBS = {"solve", "resolve", "settle", "fix", "do", "achieve", "meet", "complete", "finish", "repair", "build",
                 "reach", "answer", "address", "overcome", "handle", "arrange", "organise", "organize"}
#: "would not comment": a refusal, not a hedge.
_REFUSAL_VERBS = {"comment", "say", "confirm", "disclose", "reveal", "discuss", "elaborate", "speculate", "answer",
                  "respond", "name", "identify", "specify", "give", "explain", "deny", "divulge"}
_NARRATIVE_MARKERS = {"later", "eventually", "soon", "afterwards", "subsequently"}
#: Nouns of information that "preliminary", "provisional" ... mark as not final.
_INFORMATION_NOUNS = {"figure", "result", "finding", "estimate", "data", "count", "tally", "number", "statistic",
                      "analysis", "assessment", "report", "conclusion", "evidence", "indication", "reading",
                      "diagnosis", "agreement", "deal", "date", "timetable", "schedule", "forecast", "map", "target",
                      "total", "calculation", "projection", "verdict", "settlement", "accord", "plan", "budget",
                      "score", "ranking", "list", "ruling"}
#: Findings as subject: "poll suggests tight race" weakens a claim whatever follows.
_FINDING_NOUNS = {"study", "poll", "survey", "report", "research", "figure", "data", "evidence", "result", "finding",
                  "analysis", "test", "review", "statistic", "model", "sign", "record", "document", "paper", "trial",
                  "investigation", "assessment", "audit", "census", "sample", "projection", "forecast", "reading"}
#: Words that "clearly" modifies as a manner adverb ("clearly marked", "explained clearly"), as lemmas and forms.
_MANNER_HEADS = {"mark", "label", "define", "signpost", "lay", "display", "visible", "audible", "light", "lit",
                 "explain", "speak", "write", "see", "hear", "set", "spell", "print", "sign", "marked", "labelled",
                 "labeled", "defined", "signposted", "laid", "displayed", "explained", "spoken", "written",
                 "seen", "heard", "spelled", "spelt", "printed", "signed", "readable", "legible"}
_EXPECTATION_TIME = {"by", "within", "next", "soon", "later", "before", "tomorrow", "tonight", "shortly", "early",
                     "end", "coming"}
_ORGANISATION_WORDS = {"council", "government", "company", "firm", "ministry", "department", "board", "committee",
                       "club", "union", "party", "authority", "agency", "trust", "school", "police", "court", "state",
                       "country", "operator", "developer", "owner", "city", "town", "bank", "people", "everyone"}


@dataclass(frozen=True)
class Reported:
    """Character masks: the contents of indirect attributions reported with a past-tense cue, and quotations."""

    mask: bytes = b""
    quoted: bytes = b""

    def covers(self, offset: int) -> bool:
        return offset < len(self.mask) and self.mask[offset] == 1

    def in_quotation(self, offset: int) -> bool:
        return offset < len(self.quoted) and self.quoted[offset] == 1


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


def _word_start(tok: Token) -> Token:
    """``tok``, or the token it is glued to ("can" of "cannot", "could" of "couldn't")."""
    doc = tok.doc
    while tok.i > 0 and not doc[tok.i - 1].whitespace_ and not doc[tok.i - 1].is_punct:
        tok = doc[tok.i - 1]
    return tok


def _is_past(verb: Token) -> bool:
    """Whether a (reporting) verb is in a past tense: "said", "had told", "did not expect", "adding" after "said"."""
    if verb.tag_ in ("VBD", "VBN"):
        return True
    if any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in verb.children):
        return True
    if verb.tag_ == "VBG" and verb.dep_ in ("advcl", "conj", "xcomp") and verb.head is not verb:
        return _is_past(verb.head)
    return False


@lru_cache(maxsize=1)
def _reporting_lemmas() -> frozenset[str]:
    return frozenset(lemma for lemma in reporting_verbs() if " " not in lemma) | _THOUGHT_VERBS


def _reporting_head(verb: Token) -> Token | None:
    """The reporting or thinking verb whose complement is ``verb``'s clause, through that- and joined clauses."""
    v = verb
    for _ in range(8):
        if v.dep_ not in ("ccomp", "xcomp", "conj", "parataxis") or v.head is v:
            return None
        head = v.head
        if head.pos_ in ("VERB", "AUX") and head.lemma_.lower() in _reporting_lemmas() and v.dep_ != "conj":
            return head
        v = head
    return None


def _clause_verb(modal: Token) -> Token:
    return modal.head if modal.dep_ in ("aux", "auxpass") else modal


def _in_relative_clause(verb: Token) -> bool:
    """Whether ``verb`` heads a clause that modifies a noun ("a decision that could burden")."""
    return verb.dep_ in ("relcl", "acl", "amod")


def in_backshifted_speech(modal: Token, reported: Reported = Reported()) -> bool:
    """Whether ``modal`` is in indirect speech after a past-tense reporting verb (see the module docstring)."""
    if reported.in_quotation(modal.idx):
        return False  # direct speech keeps the speaker's tenses
    verb = _clause_verb(modal)
    head = _reporting_head(verb)
    if head is not None:
        return _is_past(head)
    return reported.covers(modal.idx) and not _in_relative_clause(verb)


def _subject(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)


def _negated(modal: Token) -> bool:
    verb = _clause_verb(modal)
    nxt = modal.doc[modal.i + 1] if modal.i + 1 < len(modal.doc) else None
    return (nxt is not None and nxt.lower_ in ("not", "n't")) or any(
        c.dep_ == "neg" and c.i > modal.i and c.i - modal.i <= 2 for c in verb.children)


def _hypothetical(verb: Token) -> bool:
    """A hypothetical subject or an if/unless clause on ``verb``."""
    subject = _subject(verb)
    if subject is not None and subject.lemma_.lower() in _HYPOTHETICAL_NOUNS:
        return True
    return any(c.dep_ == "advcl" and any(g.lower_ in ("if", "unless") for g in c.children) for c in verb.children)


def _is_person_class(tok: Token | None) -> bool:
    return tok is not None and (tok.lemma_.lower() in _PEOPLE_CLASSES or tok.lower_ in _PRONOUNS)


def _deontic_may(tok: Token) -> bool:
    """"may" of permission: a sentence about rules, or a class of people doing what they are allowed to do."""
    if any(t.lower_ in _RULE_WORDS for t in tok.sent):
        return True
    verb = _clause_verb(tok)
    subject = _subject(verb)
    return (subject is not None and subject.lemma_.lower() in _PEOPLE_CLASSES
            and verb.lemma_.lower() in _PERMISSION_VERBS)


def _could_is_hedge(tok: Token, reported: Reported) -> bool:
    if tok.tag_ != "MD":
        return False
    verb = _clause_verb(tok)
    if _negated(tok):
        return False  # past inability: "could not be reached", "could not afford"
    nxt = _next(tok, skip_adverbs=False)
    if nxt is not None and nxt.lower_ == "only":
        return False
    if verb.lemma_.lower() in _ABILITY_VERBS:
        return False
    if _hypothetical(verb) or not in_backshifted_speech(tok, reported):
        return True
    # Backshifted: the past of "can" (ability, permission, feasibility) is tense.
    if _is_person_class(_subject(verb)):
        return False
    if any(t.lower_ == "how" for t in verb.subtree if t.i < tok.i):
        return False  # "how far US allies could commit"
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    return not (passive and verb.lemma_.lower() in _SOLVED_VERBS)


def _would_is_hedge(tok: Token, reported: Reported) -> bool:
    if tok.tag_ != "MD":
        return False
    verb = _clause_verb(tok)
    if _hypothetical(verb):
        return True
    nxt = _next(tok, skip_adverbs=False)
    if nxt is not None and nxt.lower_ == "have":
        return True  # "would have cost": counterfactual
    if _negated(tok) and verb.lemma_.lower() in _REFUSAL_VERBS:
        return False  # "would not comment"
    if any(c.lower_ in _NARRATIVE_MARKERS for c in verb.children) or (
            verb.lemma_ == "go" and any(c.lower_ == "on" for c in verb.children)):
        return False  # "would later become": a past future in narration
    return not in_backshifted_speech(tok, reported)


def _expectation_should(tok: Token) -> bool:
    if tok.tag_ != "MD":
        return False
    verb = _clause_verb(tok)
    subject = _subject(verb)
    if subject is None or subject.lower_ in _PRONOUNS or subject.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return False
    if subject.lemma_.lower() in _ORGANISATION_WORDS or subject.lemma_.lower() in _PEOPLE_CLASSES:
        return False
    after = [t for t in verb.subtree if t.i > tok.i]
    return any(t.lower_ in _EXPECTATION_TIME or t.ent_type_ in ("DATE", "TIME") for t in after)


def _predicative(tok: Token, end: int) -> bool:
    doc = tok.doc
    if tok.dep_ == "conj" and tok.head.pos_ == "ADJ" and tok.head is not tok:
        return _predicative(tok.head, tok.head.i + 1)
    if tok.dep_ in ("acomp", "attr", "oprd"):
        return True
    if tok.dep_ == "amod":
        return False
    nxt = doc[end] if end < len(doc) else None
    if nxt is not None and nxt.lower_ in ("that", "to", "whether", "if"):
        return True
    return tok.head.lemma_ == "be" and tok.head.i < tok.i


def _modified_word(tok: Token) -> Token | None:
    """The adjective or adverb a degree word modifies: its head, or the word right after it."""
    if tok.head.pos_ in ("ADJ", "ADV") and tok.head.i > tok.i:
        return tok.head
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and (nxt.pos_ in ("ADJ", "ADV") or nxt.tag_ in ("JJ", "JJR", "JJS", "RBR")) \
            and nxt.lower_ not in ("than", "in", "as"):
        return nxt
    return None


def condition_holds(name: str | None, tok: Token, end: int, reported: Reported = Reported()) -> bool:
    """Whether condition ``name`` holds for a cue starting at ``tok`` (``end``: token after the cue).

    ``reported`` tells where the contents of indirect attributions with a past-tense cue are.
    """
    if name is None:
        return True
    doc = tok.doc
    if name == "not_month":
        return tok.tag_ == "MD"
    if name == "epistemic_may":
        return tok.tag_ == "MD" and not _deontic_may(tok)
    if name == "possibility_could":
        return _could_is_hedge(tok, reported)
    if name == "hypothetical_would":
        return _would_is_hedge(tok, reported)
    if name == "expectation_should":
        return _expectation_should(tok)
    if name == "epistemic_complement":
        return any(c.dep_ in ("xcomp", "ccomp", "acomp", "attr", "oprd") for c in tok.children)
    if name in ("clause_complement", "evidential_verb"):
        if name == "evidential_verb":
            subject = _subject(tok)
            if subject is not None and subject.lemma_.lower() in _FINDING_NOUNS:
                return True
            nxt = doc[end] if end < len(doc) else None
            inverted = (subject is not None and not any(c.dep_ in ("dobj", "dative") for c in tok.children)
                        and any(c.dep_ == "ccomp" and c.i < tok.i for c in tok.children))
            if inverted and (nxt is None or nxt.is_punct or nxt.is_space):
                return True  # "..., study suggests"
        kids = list(tok.children)
        if any(c.dep_ in ("dobj", "dative") for c in kids):
            return False
        for c in kids:
            if c.dep_ == "ccomp" and c.i > tok.i:
                has_subject = any(g.dep_ in ("nsubj", "nsubjpass", "expl") for g in c.children)
                has_aux = any(g.dep_ in ("aux", "auxpass") for g in c.children)
                mandative = c.tag_ == "VB" and not has_aux  # "suggested that they meet"
                return has_subject and not mandative
        return False
    if name == "negated_verb":
        return _negation_before(tok) is not None
    if name == "before_number":
        return _is_number(doc[end] if end < len(doc) else None)
    if name == "approximate_up_to":
        if not _is_number(doc[end] if end < len(doc) else None):
            return False
        verb = tok.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head is not verb:
            verb = verb.head
        for aux in (c for c in verb.children if c.dep_ == "aux" and c.tag_ == "MD"):
            low = aux.lower_
            if low in ("can", "ca") or (low == "may" and _deontic_may(aux)) or (
                    low == "could" and not _could_is_hedge(aux, reported)):
                return False  # a limit: "may spend up to £40,000"
        return True
    if name == "estimated_figure":
        nxt = doc[end] if end < len(doc) else None
        if _is_number(nxt):
            return True
        return nxt is not None and nxt.lower_ == "at" and _is_number(doc[end + 1] if end + 1 < len(doc) else None)
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
        return _predicative(tok, end)
    if name == "epistemic_adjective":
        if _predicative(tok, end):
            return True
        if tok.dep_ != "amod" or tok.head.pos_ not in ("NOUN", "PROPN"):
            return False
        if tok.lower_ == "likely" and tok.head.lemma_.lower() in ("story", "tale", "lad"):
            return False  # disbelief, not probability
        before = doc[tok.i - 1] if tok.i > 0 else None
        return not (before is not None and (before.lower_ in ("every", "all", "any", "only", "most", "least")
                                            or before.tag_ in ("JJS", "RBS")))
    if name == "tentative_information":
        if _predicative(tok, end):
            return True
        return tok.dep_ in ("amod", "compound") and tok.head.lemma_.lower() in _INFORMATION_NOUNS
    if name == "degree_modifier":
        return _modified_word(tok) is not None
    if name == "hedging_phrase":
        before = doc[tok.i - 1] if tok.i > 0 else None
        after = doc[end] if end < len(doc) else None
        if before is not None and (before.pos_ in ("DET", "ADJ", "NUM") or before.tag_ == "PRP$"):
            return False  # "a new kind of ferry": a type
        return after is not None and after.pos_ in ("ADJ", "ADV", "VERB", "AUX")
    if name == "intensifier":
        return _negation_before(tok) is None and _modified_word(tok) is not None
    if name == "stance_adverb":
        head = tok.head
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if head.lemma_.lower() in _MANNER_HEADS or head.lower_ in _MANNER_HEADS or (
                nxt is not None and nxt.lower_ in _MANNER_HEADS):
            return False
        return not (head.pos_ == "VERB" and head.lemma_ != "be" and head.i < tok.i)
    if name == "epistemic_noun":
        if tok.tag_ in ("NNS", "NNPS") and tok.lemma_.lower() != "chance":
            return False  # "possibilities": options
        nxt = doc[end] if end < len(doc) else None
        if nxt is not None and nxt.lower_ == "to":
            return False  # "a chance to speak": an opportunity
        if nxt is not None and nxt.lower_ in ("of", "that"):
            return True
        if tok.dep_ in ("attr", "oprd") or any(c.dep_ in ("acl", "ccomp") for c in tok.children):
            return True
        return tok.head.lemma_.lower() in ("rule", "exclude", "raise", "consider", "discuss", "dismiss")
    if name == "after_negation":
        sent = tok.sent
        return any(t.lower_ in _NEGATIONS for t in doc[sent.start : tok.i])
    if name == "litotes":
        return tok.pos_ == "ADV" and _negation_before(tok) is not None
    if name == "conditional_if":
        if tok.dep_ != "mark" or tok.head.dep_ != "advcl":
            return False
        main = tok.head.head
        return any((c.dep_ == "aux" and c.lower_ in _MODALS)
                   or (c.dep_ in ("acomp", "advmod") and c.lower_ in _HEDGED_HEADS) for c in main.children)
    if name == "conditional_provided":
        nxt = doc[end] if end < len(doc) else None
        return tok.dep_ in ("mark", "prep") or (nxt is not None and nxt.lower_ == "that" and tok.dep_ != "ROOT")
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
                start = tok.i
                if cue.condition == "negated_verb":
                    neg = _negation_before(tok)
                    start = _word_start(neg).i if neg is not None else tok.i
                return cue, start, tok.i + n, cue.type
    for key in dict.fromkeys((low, tok.lemma_.lower())):
        for cue in single.get(key, ()):
            if (not cue.pos or tok.pos_ in cue.pos) and condition_holds(cue.condition, tok, tok.i + 1, reported):
                start, kind = tok.i, cue.type
                if cue.condition in ("litotes", "negated_verb"):
                    neg = _negation_before(tok)
                    start = _word_start(neg).i if neg is not None else tok.i
                elif cue.when_negated and tok.i > 0 and doc[tok.i - 1].lower_ in _LITOTES_NEGATIONS:
                    start, kind = tok.i - 1, cue.when_negated  # "not possible", "not likely"
                return cue, start, tok.i + 1, kind
    return None


def _holder_spans(doc: Doc, text: str) -> tuple[bytearray, Reported]:
    """Where the words are a source's (a character mask), and the contents reported with a past-tense cue."""
    sources = bytearray(len(text))
    quoted = bytearray(len(text))
    for q in find_quotes(text):
        quoted[q.start : q.end] = b"\x01" * (q.end - q.start)
    attributions = doc._.attributions if Doc.has_extension("attributions") else None
    if attributions is None:
        return quoted, Reported(b"", bytes(quoted))
    backshifted = bytearray(len(text))
    for a in attributions:
        sources[a.content_start : a.content_end] = b"\x01" * (a.content_end - a.content_start)
        if a.cue_start is not None and a.cue_end is not None:
            sources[a.cue_start : a.cue_end] = b"\x01" * (a.cue_end - a.cue_start)  # "the report suggests"
        if a.kind != "direct" and a.cue_start is not None:
            cue = doc.char_span(a.cue_start, a.cue_end, alignment_mode="expand")
            if cue is not None and len(cue) and cue[0].tag_ in ("VBD", "VBN"):
                backshifted[a.content_start : a.content_end] = b"\x01" * (a.content_end - a.content_start)
    return sources, Reported(bytes(backshifted), bytes(quoted))


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
