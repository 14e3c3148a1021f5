"""The sources of an article: every distinct speaker of its attributions, once, with a type.

From the attributions of a parsed doc (:mod:`medialit.nlp.attributions`):

1. each speaker is read as a *mention*: a person's name (the recogniser's PERSON entity, or
   a pronoun or short name the attributions resolved to one), an organisation's name (ORG),
   a place standing for its government (GPE, "Beijing"), or a description ("a person
   familiar with the talks", "furious residents", "an assessment commissioned by ...");
2. mentions are gathered into sources: the same name, or a name inside a longer one of
   the same kind ("Salterra" and "Salterra Water Systems"); a description whose words are
   all in an organisation named in the article ("Residents’ association" and "the Wrenmouth
   Residents’ Association"); descriptions with the same plural head noun ("furious
   residents", "Wrenmouth residents"); a quantifier ("Several said", "others said") joins
   the plural subject just before it ("Residents ... were divided"); a definite document
   noun ("the report") joins the last document source before it.  A speaker made of two
   sources joined by "and" is a joint attribution: it gets no source;
3. the type comes from the roles lexicon (``source_roles.yaml``) read in what the article
   says about the source: the words of its name and the title before it ("Councillor",
   "Local station"), the head of an appositive after it ("a marine ecologist at ..."), or
   a relative clause "who chairs / leads / heads X" (official when X is a public body,
   else other: an office in a private association is not public office).  Without a role
   a person is ``other``, an organisation ``organisation``, a place ``official``; a
   description takes the type of its head noun (document nouns from
   ``attribution_nouns.yaml`` are ``document``; people in the plural ``unnamed_group``);
4. ``named`` is true for a person's or organisation's name and for a document described
   in enough detail to be found ("an assessment commissioned by the council"); false for
   places standing for a government and for descriptions (the codebook's rule).

Each source says which rule decided it, with a confidence for the review (0.9 a name with
a role from the lexicon, down to 0.5 for a source joined through a quantifier).

Limits: it sees only the sources of attributions it found; two people with the same name
are one source; a role stated far from the name (another paragraph) is not seen; "Chinese
diplomats" is not joined to "Beijing" as the codebook would join them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from medialit.nlp.lexicons import attribution_nouns, source_roles

_DETERMINERS = {"a", "an", "the", "this", "that", "these", "those"}
_TITLES = {"mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "lord", "lady"}
_QUANTIFIERS = {"several", "others", "other", "some", "many", "most", "few", "all", "both", "one", "each"}
_PERSON_PRONOUNS = {"he", "she", "him", "her", "i", "we"}
_LEAD_VERBS = {"chair", "lead", "head", "run", "direct", "manage", "own", "found", "represent", "convene"}
_ROLE_DEPS = ("compound", "amod", "nmod", "poss")
#: Role words that name a body, not a person: a "person" with such a title is an organisation.
_BODIES = {"station", "radio", "newspaper", "magazine", "broadcaster", "outlet", "agency", "company", "firm", "party",
           "union", "association", "institute", "university", "council", "committee", "group", "foundation",
           "ministry", "department", "government", "court", "tabloid", "channel"}
_PEOPLE_PLURALS = {"people", "resident", "citizen", "voter", "parent", "worker", "member", "local", "villager",
                   "islander", "farmer", "family", "neighbour", "neighbor", "customer", "passenger", "student",
                   "teacher", "campaigner", "protester", "critic", "supporter", "opponent", "man", "woman",
                   "homeowner", "tenant", "fisherman", "crew", "shopkeeper", "trader", "official"}


@dataclass
class Source:
    """One source of the article, as the annotation format lists it, with why it was proposed."""

    id: str
    name: str
    type: str
    named: bool
    entity: str  # what the text shows the source to be, in words
    rule: str
    confidence: float
    role: str | None = None
    affiliation: str | None = None
    kind: str = "description"  # person, organisation, place, group, individual, document, description
    key: frozenset[str] = frozenset()
    start: int = 0  # where it is first mentioned as a speaker
    attributions: list[int] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        item: dict[str, object] = {"id": self.id, "name": self.name, "type": self.type, "named": self.named}
        if self.role:
            item["role"] = self.role
        if self.affiliation:
            item["affiliation"] = self.affiliation
        return item


def words(text: str) -> frozenset[str]:
    """The words that identify a name (no articles, titles or possessive s), lower case."""
    found = re.findall(r"[^\W_]+", text.lower().replace("’s", "").replace("'s", ""))
    return frozenset(w for w in found if w not in _DETERMINERS and w not in _TITLES and w != "s")


def slug(name: str, taken: set[str]) -> str:
    """An id from a name: ``Ruth Penhallow`` -> ``ruth-penhallow``, unique among ``taken``."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    parts = [w for w in re.findall(r"[a-z0-9]+", ascii_name) if w not in ("a", "an", "the", "s")]
    base = "-".join(parts)[:48].strip("-") or "source"
    ident, n = base, 2
    while ident in taken:
        ident, n = f"{base}-{n}", n + 1
    taken.add(ident)
    return ident


def _leading_roles(span: Span) -> list[Token]:
    """Role words the recogniser took into a name ("Councillor" in "Councillor Brenna Tolley")."""
    out: list[Token] = []
    roles = source_roles()
    for t in span[:-1]:
        if t.lemma_.lower() in roles or t.lower_ in roles:
            out.append(t)
        else:
            break
    return out


def strip_roles(name: str) -> str:
    """A person's name without the titles and role words before it ("Councillor Brenna Tolley" -> "Brenna Tolley")."""
    parts = name.split()
    roles = source_roles()
    while len(parts) > 1 and (parts[0].lower().strip(".") in roles or parts[0].lower().strip(".") in _TITLES):
        parts = parts[1:]
    return " ".join(parts)


def _clean_name(span: Span) -> str:
    skip = {t.i for t in _leading_roles(span)}
    toks = [t for t in span if t.lower_.strip(".") not in _TITLES and t.tag_ != "POS" and t.text not in ("’s", "'s")
            and t.i not in skip]
    return " ".join(t.text for t in toks).strip() or span.text


def _entity(span: Span, label: str) -> Span | None:
    doc = span.doc
    for t in span:
        if t.ent_type_ == label:
            start, end = t.i, t.i + 1
            while start > 0 and doc[start].ent_iob_ == "I":
                start -= 1
            while end < len(doc) and doc[end].ent_iob_ == "I":
                end += 1
            return doc[start:end]
    return None


def _description(span: Span) -> str:
    """A description as a name: without a leading article, lower case unless a proper noun starts it."""
    toks = list(span)
    while toks and toks[0].lower_ in _DETERMINERS:
        toks = toks[1:]
    if not toks:
        return span.text
    text = span.doc[toks[0].i : toks[-1].i + 1].text
    return text if toks[0].pos_ == "PROPN" else text[0].lower() + text[1:]


def _role_lookup(tokens: Sequence[Token]) -> tuple[str, str] | None:
    """(type, word) of the first role noun (two-word roles first) among ``tokens``."""
    roles = source_roles()
    lemmas = [t.lemma_.lower().strip(".") for t in tokens]
    for i in range(len(lemmas) - 1):
        pair = f"{lemmas[i]} {lemmas[i + 1]}"
        if pair in roles:
            return roles[pair], f"{tokens[i].text} {tokens[i + 1].text}"
    for t, lemma in zip(tokens, lemmas, strict=True):
        if lemma in roles and t.pos_ in ("NOUN", "PROPN"):
            return roles[lemma], t.text
    return None


def _noun_phrase(head: Token) -> list[Token]:
    """The head noun with its modifiers before it (no prepositional phrases)."""
    return [t for t in head.subtree if t.i <= head.i and t.dep_ not in ("det", "punct")]


def _affiliation(tokens: Sequence[Token]) -> str | None:
    doc = tokens[0].doc if tokens else None
    for t in tokens:
        if t.ent_type_ == "ORG" and doc is not None:
            ent = _entity(doc[t.i : t.i + 1], "ORG")
            if ent is not None:
                return ent.text.removeprefix("the ").removeprefix("The ")
    return None


@dataclass
class _Role:
    type: str | None
    rule: str
    text: str | None = None
    affiliation: str | None = None
    title: bool = False  # found in the title before the name


def person_role(ent: Span) -> _Role:
    """What the article says a person named by ``ent`` is: the title before the name, an
    appositive after it, or a relative clause "who chairs X"."""
    doc = ent.doc
    head = ent.root
    titles = [t for t in doc[max(ent.sent.start, ent.start - 4) : ent.start]
              if t.head.i in range(ent.start, ent.end) and t.dep_ in _ROLE_DEPS and t.pos_ in ("NOUN", "PROPN")]
    titles += list(ent[: len(_leading_roles(ent))])  # "Councillor Brenna Tolley" taken whole by the recogniser
    appositive = next((c for c in head.rights if c.dep_ == "appos"), None)
    if titles and appositive is None:
        found = _role_lookup(titles)
        if found:
            return _Role(found[0], f"type {found[0]} from the title “{found[1]}”", " ".join(t.text for t in titles),
                         title=True)
    for child in head.rights:
        if child.dep_ == "appos":
            span = doc[child.left_edge.i : child.right_edge.i + 1]
            found = _role_lookup(_noun_phrase(child))
            aff = _affiliation(list(span))
            if found:
                return _Role(found[0], f"type {found[0]} from the role noun “{found[1]}” in “{span.text}”",
                             span.text, aff)
            if aff:
                return _Role(None, "", span.text, aff)
        if child.dep_ == "relcl" and child.lemma_.lower() in _LEAD_VERBS:
            obj = next((c for c in child.children if c.dep_ == "dobj"), None)
            if obj is None:
                continue
            span = doc[child.i : child.right_edge.i + 1]
            obj_tokens = list(obj.subtree)
            found = _role_lookup(obj_tokens)
            kind = "official" if found and found[0] == "official" else "other"
            why = (f"“{found[1]}” is a public body" if kind == "official" else
                   "an office outside government is no public office")
            return _Role(kind, f"type {kind}: “{span.text}” ({why})", span.text, _affiliation(obj_tokens))
    if head.dep_ == "appos":  # "Her brother, Tomas Penhallow": the noun the name stands beside
        found = _role_lookup([head.head])
        if found:
            return _Role(found[0], f"type {found[0]} from “{head.head.text}”", head.head.text)
    return _Role(None, "")


def _mentions(doc: Doc, name: str, label: str, in_quote: bytearray) -> list[Span]:
    """The ``label`` entities outside quotes whose name words include those of ``name``, in order."""
    wanted = words(name)
    return [ent for ent in doc.ents if ent.label_ == label and wanted
            and not (ent.start_char < len(in_quote) and in_quote[ent.start_char])
            and wanted <= words(_clean_name(ent))]


class _Builder:
    def __init__(self, doc: Doc, in_quote: bytearray) -> None:
        self.doc = doc
        self.in_quote = in_quote
        self.sources: list[Source] = []
        self.org_names = [(words(e.text), e) for e in doc.ents if e.label_ == "ORG"]

    # -- finding an existing source ----------------------------------------------------
    def find(self, kind: str, key: frozenset[str]) -> Source | None:
        for s in self.sources:
            if s.kind == kind and key and (key <= s.key or s.key <= key):
                return s
        return None

    def last_document(self, before: int) -> Source | None:
        docs = [s for s in self.sources if s.kind == "document" and s.start < before]
        return docs[-1] if docs else None

    def add(self, source: Source) -> Source:
        same = self.find(source.kind, source.key)
        if same is not None:
            if len(source.key) > len(same.key):  # the fuller name wins
                same.name, same.key = source.name, source.key
                if source.type != same.type and source.confidence > same.confidence:
                    same.type, same.rule, same.confidence = source.type, source.rule, source.confidence
            return same
        self.sources.append(source)
        return source

    # -- one speaker --------------------------------------------------------------------
    def person(self, name: str, start: int, how: str) -> Source:
        name = strip_roles(name)
        role = _Role(None, "")
        for ent in _mentions(self.doc, name, "PERSON", self.in_quote):
            role = person_role(ent)
            if role.type:
                break
        if role.type:
            rule, conf = f"{how}; {role.rule} (source_roles.yaml)", 0.9
        else:
            rule, conf = f"{how}; no role the lexicon knows, so other (a person with no public office)", 0.6
        title = (role.text or "").split()[-1:] if role.title else []
        if role.type and title and title[0].lower() in _BODIES:  # "Local station Wren Radio"
            return self.add(Source("", name, role.type, True, "an organisation's name (the recogniser took it "
                                   "for a person's)", rule, 0.7, role.text, None, "organisation", words(name), start))
        return self.add(Source("", name, role.type or "other", True, "a person's name", rule, conf, role.text,
                               role.affiliation, "person", words(name), start))

    def organisation(self, span: Span, ent: Span, start: int) -> Source:
        before = [t for t in self.doc[max(span.sent.start, ent.start - 3) : ent.start]
                  if t.head.i in range(ent.start, ent.end) and t.dep_ in _ROLE_DEPS]
        found = _role_lookup(before + list(ent))
        kind = found[0] if found and found[0] in ("official", "media", "organisation", "document") else "organisation"
        why = f"type {kind} from “{found[1]}”" if found else "no role word, so organisation"
        name = ent.text.removeprefix("the ").removeprefix("The ")
        title = " ".join(t.text for t in before) or None
        return self.add(Source("", name, kind, True, "an organisation's name (ORG entity)",
                               f"organisation named “{name}”; {why}", 0.8 if found else 0.7, title, None,
                               "organisation", words(name), start))

    def description(self, span: Span, start: int) -> Source:
        head = span.root
        lemma = head.lemma_.lower()
        text = _description(span)
        key = words(text)
        # an organisation of the article, described ("Residents’ association") or named short ("Salterra")
        proper = head.pos_ == "PROPN"
        for org_words, org in self.org_names:
            if key and (len(key) >= 2 or proper) and key <= org_words:
                return self.organisation(span, org, start)
        if proper:
            known = next((s for s in self.sources if s.kind in ("organisation", "person") and key and key <= s.key),
                         None)
            if known is not None:
                return known
        nouns = attribution_nouns()
        if nouns.get(lemma) in ("document", "finding") or source_roles().get(lemma) == "document":
            if all(t.lower_ in ("the", "this", "that") or t.i == head.i for t in span):
                earlier = self.last_document(start)
                if earlier is not None:  # "The report": the document named before
                    earlier.confidence = min(earlier.confidence, 0.7)
                    return earlier
            detailed = any(c.dep_ in ("acl", "prep", "relcl") for c in head.rights) or \
                any(t.pos_ == "PROPN" for t in span)
            rule = (f"document noun “{head.text}” (attribution_nouns.yaml)"
                    + ("; described in enough detail to be found, so named" if detailed else "; not identified"))
            return self.add(Source("", text, "document", detailed, "a document, described", rule, 0.7, None,
                                   _affiliation(list(span)), "document", key, start))
        plural = head.tag_ in ("NNS", "NNPS")
        found = _role_lookup(_noun_phrase(head))
        if plural and (lemma in _PEOPLE_PLURALS or found):
            stype = found[0] if found and found[0] == "official" else "unnamed_group"
            name = lemma if lemma.endswith("people") else head.text.lower()
            rule = (f"people described in the plural (“{span.text}”), grouped by the noun “{name}”; "
                    + (f"type official from “{found[1]}”" if stype == "official" else "type unnamed_group"))
            return self.add(Source("", name, stype, False, "a group, described", rule, 0.6, None, None, "group",
                                   frozenset({lemma}), start))
        if (found and found[0] == "unnamed_individual") or lemma in ("person", "source", "someone", "official"):
            stype = found[0] if found else "unnamed_individual"
            word = found[1] if found else lemma
            rule = f"one person described, not named (“{span.text}”); type {stype} from “{word}”"
            return self.add(Source("", text, stype, False, "a person, described", rule, 0.7, None, None,
                                   "individual", key, start))
        stype = found[0] if found else "other"
        rule = f"a description (“{span.text}”)" + (f"; type {stype} from “{found[1]}”" if found else "; type other")
        return self.add(Source("", text, stype, False, "a description", rule, 0.5, None, None, "description", key,
                               start))

    def quantified(self, span: Span, start: int) -> Source | None:
        """"Several said", "others said": the people named as a plural subject just before."""
        doc = self.doc
        sent = span.sent
        first = doc[max(0, sent.start - 1)].sent.start if sent.start > 0 else sent.start
        for t in reversed(doc[first : span.start]):
            if t.tag_ == "NNS" and t.dep_ in ("nsubj", "nsubjpass") and not self.in_quote[t.idx]:
                group = self.description(doc[t.i : t.i + 1], t.idx)
                group.rule += f"; “{span.text}” joins them (the plural subject just before)"
                group.confidence = min(group.confidence, 0.5)
                return group
        return None


def _joint(span: Span) -> bool:
    """Two sources joined by "and" ("Beijing and Washington"; not "a statement by Washington and Tokyo")."""
    root = span.root  # the conjunct may lie outside the speaker span: "[Petra Lund] and Tam Ostby said"
    return any(c.dep_ == "conj" and c.pos_ in ("PROPN", "NOUN") for c in root.children) and \
        any(c.lower_ == "and" for c in root.children)


def _full_phrase(span: Span, limit: int) -> Span:
    """The speaker phrase with the modifiers after its head that end before ``limit`` (the cue):
    "An environmental assessment" -> "An environmental assessment commissioned by the council"."""
    head = span.root
    end = span.end
    for child in head.rights:
        if child.dep_ in ("acl", "prep", "amod", "compound") and child.right_edge.idx + len(child.right_edge) <= limit:
            end = max(end, child.right_edge.i + 1)
    return span.doc[span.start : end]


def find_sources(doc: Doc, attributions: Sequence[object], in_quote: bytearray | None = None
                 ) -> tuple[list[Source], list[str | None]]:
    """The distinct sources of ``attributions`` (:class:`medialit.nlp.attributions.Attribution`
    found in ``doc``) and, for each attribution, the id of its source (None for a joint
    attribution or one with no speaker).  ``in_quote`` flags quoted characters."""
    text = doc.text
    if in_quote is None:
        from medialit.nlp.attributions import quote_mask
        from medialit.nlp.quotes import find_quotes

        in_quote = quote_mask(text, find_quotes(text))
    b = _Builder(doc, in_quote)
    chosen: list[Source | None] = []
    for a in attributions:
        chosen.append(_source_of(b, a))
    taken: set[str] = set()
    order = sorted({id(s): s for s in chosen if s is not None}.values(), key=lambda s: s.start)
    for s in order:
        s.id = slug(s.name, taken)
    for i, s in enumerate(chosen):
        if s is not None:
            s.attributions.append(i)
    return order, [s.id if s is not None else None for s in chosen]


def _source_of(b: _Builder, a: object) -> Source | None:
    doc = b.doc
    start = getattr(a, "speaker_start", None)
    end = getattr(a, "speaker_end", None)
    name = getattr(a, "speaker_name", None)
    where = getattr(a, "content_start", 0)
    if start is None or end is None:
        if not name:
            return None
        known = next((s for s in b.sources if s.name == name), None)  # a continued quotation
        return known or b.person(name, where, f"“{name}”, speaker of the quotation it continues")
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    if _joint(span):
        return None
    person = _entity(span, "PERSON")
    head = span.root
    low = head.lower_
    if person is not None:
        ent_name = _clean_name(person)
        full = name if name and words(ent_name) <= words(name) else ent_name
        return b.person(full, start, f"a person's name (PERSON entity “{person.text}”)")
    if len(span) == 1 and low in _PERSON_PRONOUNS:
        if not name:
            return None
        return b.person(name, start, f"the pronoun “{span.text}”, resolved to “{name}” (the last person named)")
    if low in _QUANTIFIERS and len(span) <= 2:
        group = b.quantified(span, start)
        if group is None and low in ("both", "all", "each"):
            return None  # several sources at once, none named here: a joint attribution
        return group or b.description(span, start)
    if low in ("that", "which", "who") and head.dep_ in ("nsubj", "nsubjpass") and head.head.dep_ == "relcl":
        antecedent = head.head.head  # "a council that had promised": the council
        span = doc[antecedent.left_edge.i : antecedent.i + 1]
        head, low = span.root, span.root.lower_
    if head.pos_ == "PROPN" and name and len(words(name)) > len(words(span.text)) and words(span.text) <= words(name):
        # a short name the attributions resolved to a person named before ("Wang" -> "Wang Yiwei")
        known = next((s for s in b.sources if s.kind == "person" and words(name) <= s.key), None)
        if known is not None or _mentions(doc, name, "PERSON", b.in_quote):
            return b.person(name, start, f"the short name “{span.text}”, resolved to “{name}” (named before)")
    org = _entity(span, "ORG")
    if org is not None and head.pos_ == "PROPN":
        return b.organisation(span, org, start)
    place = _entity(span, "GPE")
    if place is not None and head.pos_ == "PROPN" and head.ent_type_ == "GPE":
        pname = place.text
        return b.add(Source("", pname, "official", False, "a place standing for its government (GPE entity)",
                            f"the place “{pname}” speaks: its government, so official and not named", 0.8, None,
                            None, "place", words(pname), start))
    if head.pos_ == "PROPN" and name and len(words(name)) >= 2:
        # a name the recogniser missed, resolved by the attributions ("Cui Tiankai")
        return b.person(name, start, f"a proper name (“{span.text}”), resolved to “{name}”")
    if len(span) == 1 and low in ("they", "it") and name:
        org_like = Source("", name, "organisation", True, "an organisation, by a pronoun",
                          f"the pronoun “{span.text}”, resolved to “{name}”", 0.5, None, None, "organisation",
                          words(name), start)
        return b.add(org_like)
    cue = getattr(a, "cue_start", None)
    if cue is not None and cue > span.end_char:
        span = _full_phrase(span, cue)
    return b.description(span, start)
