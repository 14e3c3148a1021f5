"""Who is speaking: the speaker phrase, the full name it refers to, and a source-type guess.

Resolution is deliberately simple and explainable to students:

- a pronoun (he, she) refers to the most recent person named before it, outside quotes;
- a short name ("Cui", "Mr Sanders") refers to the most recent full name introduced earlier
  that contains it, so two people sharing a surname are told apart by recency ("Wang Yi"
  early in a story, "Wang Yiwei" later: a later "Wang said" is Wang Yiwei);
- a description ("a person familiar with the talks", "Chinese diplomats") is its own name.

The source type comes from the role nouns in ``source_roles.yaml`` found in the phrase, its
appositive ("Liu Weidong, a US affairs specialist") or the titles before a name
("Foreign Minister Wang Yi"), remembered for later short mentions of the same person.

Limits: no gender or number agreement beyond he/she -> a person; "they" and "it" resolve
only to an organisation or place named in the same or the previous sentence; names the
statistical model does not tag as PERSON are not resolved.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from medialit.nlp.lexicons import source_roles

_TITLES = {"mr", "mrs", "ms", "miss", "dr", "prof", "sen", "rep", "gov", "gen", "president", "secretary",
           "senator", "governor", "mayor", "minister", "ambassador", "spokesman", "spokeswoman", "sir", "lord"}
_PERSON_PRONOUNS = {"he", "she", "him", "her"}
_GROUP_PRONOUNS = {"they", "it", "them"}
_ROLE_DEPS = ("appos", "compound", "amod", "nmod", "poss")
_QUANTIFIERS = {"both", "each", "all", "neither", "either"}
_NOT_NAMES = {"GPE", "ORG", "NORP", "LOC", "FAC", "DATE", "TIME", "CARDINAL", "ORDINAL", "EVENT", "PRODUCT"}


def name_run(phrase: Span) -> Span | None:
    """The run of proper nouns ending the phrase that is not a place or organisation
    ("Cui Tiankai" in "ambassador to the US Cui Tiankai"), for names the recogniser missed."""
    end = phrase.end
    while end > phrase.start and phrase.doc[end - 1].tag_ == "POS":
        end -= 1
    start = end
    while start > phrase.start and phrase.doc[start - 1].pos_ == "PROPN" and \
            phrase.doc[start - 1].ent_type_ not in _NOT_NAMES:
        start -= 1
    return phrase.doc[start:end] if end > start else None


@dataclass
class Mention:
    start: int
    end: int
    name: str
    words: frozenset[str]
    role_type: str | None
    label: str
    role_words: frozenset[str] = frozenset()


def _name_words(text: str) -> list[str]:
    words = [w.strip(".,’'\"").lower() for w in text.split()]
    return [w for w in words if w and w not in _TITLES and w not in ("’s", "'s")]


def _clean_name(ent: Span) -> str:
    toks = [t for t in ent if t.lower_.strip(".") not in _TITLES and t.tag_ != "POS" and t.text not in ("’s", "'s")]
    return " ".join(t.text for t in toks).strip() or ent.text


def role_type_of(tokens: list[Token]) -> str | None:
    """The source type of the first role noun among ``tokens`` (lemmas, two-word roles first)."""
    roles = source_roles()
    lemmas = [t.lemma_.lower().strip(".") for t in tokens]
    for i in range(len(lemmas) - 1):
        pair = f"{lemmas[i]} {lemmas[i + 1]}"
        if pair in roles:
            return roles[pair]
    for t, lemma in zip(tokens, lemmas, strict=True):
        if lemma in roles and t.pos_ in ("NOUN", "PROPN"):
            return roles[lemma]
    return None


def _role_tokens(head: Token) -> list[Token]:
    """Tokens that describe the person ``head`` names: titles before it, an appositive after."""
    out: list[Token] = [t for t in head.lefts if t.dep_ in _ROLE_DEPS]
    for t in list(out):
        out.extend(x for x in t.subtree if x is not t)
    for child in head.rights:
        if child.dep_ == "appos":
            out.extend(child.subtree)
    if head.dep_ == "appos":
        out.extend(t for t in head.head.subtree if t.i < head.i)
    return out


class SpeakerResolver:
    """Resolves speaker phrases of one document to names and source types."""

    def __init__(self, doc: Doc, in_quote: bytearray) -> None:
        self.doc = doc
        self.in_quote = in_quote
        self.people: list[Mention] = []
        self.groups: list[Mention] = []
        for ent in doc.ents:
            if ent.label_ == "PERSON":
                name = _clean_name(ent)
                words = frozenset(_name_words(name))
                if not words:
                    continue
                role_tokens = _role_tokens(ent.root)
                role = role_type_of(role_tokens)
                self.people.append(Mention(ent.start_char, ent.end_char, name, words, role, "PERSON",
                                           frozenset(t.lemma_.lower() for t in role_tokens)))
            elif ent.label_ in ("ORG", "GPE", "NORP"):
                self.groups.append(Mention(ent.start_char, ent.end_char, ent.text, frozenset(_name_words(ent.text)),
                                           role_type_of(list(ent)), ent.label_))
        self.people_starts = [m.start for m in self.people]
        self.group_starts = [m.start for m in self.groups]
        self.full_by_word: dict[str, list[Mention]] = {}  # full names (two words or more) by each word
        self.by_role: dict[str, list[Mention]] = {}
        for m in self.people:
            if len(m.words) > 1:
                for w in m.words:
                    self.full_by_word.setdefault(w, []).append(m)
            for r in m.role_words:
                self.by_role.setdefault(r, []).append(m)

    @staticmethod
    def _last_before(mentions: list[Mention], offset: int) -> Mention | None:
        i = bisect.bisect_left(mentions, offset, key=lambda m: m.start) - 1
        return mentions[i] if i >= 0 else None

    def _full(self, mention: Mention) -> Mention:
        """The most recent earlier full name that contains this (short) name."""
        if len(mention.words) > 1:
            return mention
        word = next(iter(mention.words))
        return self._last_before(self.full_by_word.get(word, []), mention.start) or mention

    def _person_before(self, offset: int) -> Mention | None:
        i = bisect.bisect_left(self.people_starts, offset) - 1
        while i >= 0 and self.in_quote[self.people[i].start]:
            i -= 1
        return self._full(self.people[i]) if i >= 0 else None

    def _person_with_words(self, words: set[str], offset: int) -> Mention | None:
        """The most recent person named before ``offset`` whose name contains ``words``."""
        best = None
        for w in words:
            cands = self.full_by_word.get(w, [])
            i = bisect.bisect_left(cands, offset, key=lambda m: m.start) - 1
            while i >= 0 and not words <= cands[i].words:
                i -= 1
            if i < 0:
                return None
            if best is None or cands[i].start > best.start:
                best = cands[i]
        return best

    def _person_with_role(self, role: str, offset: int) -> Mention | None:
        """The person whose title or apposition has ``role``: the last before ``offset``, else the first after."""
        holders = self.by_role.get(role, [])
        i = bisect.bisect_left(holders, offset, key=lambda m: m.start)
        if i > 0:
            return self._full(holders[i - 1])
        return holders[i] if i < len(holders) else None

    def _in_phrase(self, mentions: list[Mention], starts: list[int], phrase: Span) -> Mention | None:
        i = bisect.bisect_left(starts, phrase.start_char)
        return mentions[i] if i < len(mentions) and mentions[i].start < phrase.end_char else None

    def _quantified(self, phrase: Span) -> tuple[str | None, str] | None:
        """"both" in "with both stressing": the subject of the clause the cue hangs from."""
        from medialit.nlp.candidates import subject_of, subject_span

        tok = phrase.root.head
        for _ in range(4):
            if tok.head.i == tok.i:
                break
            tok = tok.head
            if tok.pos_ in ("VERB", "AUX"):
                subj, _ = subject_of(tok)
                if subj is not None and subj.i != phrase.root.i:
                    return self.resolve(subject_span(subj))
        return None

    def resolve(self, phrase: Span) -> tuple[str | None, str]:
        """``(speaker_name, source_type)`` for a speaker phrase."""
        head = phrase.root
        low = head.lower_
        if len(phrase) <= 2 and low in _QUANTIFIERS:
            found = self._quantified(phrase)
            if found is not None:
                return found
        if len(phrase) == 1 and low in _PERSON_PRONOUNS:
            m = self._person_before(phrase.start_char)
            return (m.name, m.role_type or "other") if m else (None, "other")
        if len(phrase) == 1 and low in _GROUP_PRONOUNS:
            sent_start = phrase.sent.start
            window_start = self.doc[max(0, sent_start - 1)].sent.start_char
            i = bisect.bisect_left(self.group_starts, phrase.start_char) - 1
            if i >= 0 and self.groups[i].start >= window_start:
                g = self.groups[i]
                return g.name, g.role_type or ("official" if g.label == "GPE" else "organisation")
            return None, "other"
        person = self._in_phrase(self.people, self.people_starts, phrase)
        if person is not None:
            full = self._full(person)
            role = role_type_of(list(phrase)) or person.role_type or full.role_type
            return full.name, role or "other"
        propn = [t for t in phrase if t.pos_ == "PROPN"]
        if propn and head.pos_ == "PROPN":  # a name the recogniser missed or took for an organisation
            known = self._person_with_words(set(_name_words(" ".join(t.text for t in propn))), phrase.start_char)
            if known is not None:
                return known.name, role_type_of(list(phrase)) or known.role_type or "other"
        run = name_run(phrase)
        if run is not None:
            words = set(_name_words(run.text))
            known = self._person_with_words(words, phrase.start_char) if words else None
            if known is not None:
                return known.name, role_type_of(list(phrase)) or known.role_type or "other"
            if len(words) >= 2:
                return _clean_name(run), role_type_of(list(phrase)) or "other"
        if head.pos_ in ("NOUN", "PROPN") and head.tag_ in ("NN", "NNP") and head.lemma_.lower() in source_roles() \
                and all(t.pos_ in ("NOUN", "PROPN", "DET") for t in phrase):
            holder = self._person_with_role(head.lemma_.lower(), phrase.start_char)
            if holder is not None:  # "Ambassador predicts ...", "the spokesman said"
                return holder.name, role_type_of([head]) or holder.role_type or "other"
        group = self._in_phrase(self.groups, self.group_starts, phrase)
        role = role_type_of(list(phrase) + [t for t in head.rights if t.dep_ == "appos"])
        if group is not None and head.pos_ == "PROPN":
            if role is None:
                role = "official" if group.label == "GPE" else "organisation"
            return group.name, role
        text = phrase.text.strip()
        if head.tag_ in ("NNS", "NNPS") and head.pos_ == "NOUN":
            # "officials", "Chinese diplomats" speak for a government; "analysts", "residents" do not
            if role in (None, "expert", "media", "unnamed_individual"):
                role = "unnamed_group"
        elif head.pos_ == "NOUN" and role is None:
            role = "other"
        return text or None, role or "other"
