"""Scoring candidate attributions: is this verb a cue, and which of its spans is the content?

A small logistic model over features of a (candidate, content option) pair: the verb's lemma
and its kind in ``reporting_verbs.yaml``, where the option comes from in the parse, how long
it is, whether it is quoted, what the subject is.  Its weights are in
``medialit/data/models/cue_model.json``, fitted by ``scripts/fit_cue_model.py`` on the
PolNeAR training split; the file holds feature names (lemmas, dependency labels) and
weights, no article text.

Limits: it has learned PolNeAR's idea of an attribution, which is broad (it counts
"endorsed X", "criticized X", "a poll shows X" as attributions) and its idea of a content
span.  Verbs it never saw in training get only the lexicon and syntax features.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from spacy.tokens import Token

from medialit.nlp.candidates import Candidate, Option
from medialit.nlp.lexicons import attribution_nouns, reporting_verbs

#: Words at the start of a content option that tell much about it.
_FIRST_WORDS = {"that", "to", "whether", "if", "for", "about", "of", "on", "against", "with", "as", "how", "what",
                "why", "who", "when", "in", "at", "by", "from", "into", "over", "it", "this"}
_PRONOUN_SUBJECTS = {"he", "she", "they", "i", "we", "you", "it", "who", "which", "that"}


@dataclass
class Context:
    """What the features need to know about the whole document."""

    text: str
    in_quote: bytearray  # 1 where a character is inside double quotes (marks included)
    first_para_end: int


def _bucket(n: int) -> str:
    for limit, name in ((1, "1"), (3, "2-3"), (7, "4-7"), (15, "8-15"), (30, "16-30")):
        if n <= limit:
            return name
    return "31+"


def _quoted_share(opt: Option, ctx: Context) -> str:
    if opt.end <= opt.start:
        return "none"
    inside = sum(ctx.in_quote[opt.start:opt.end])
    share = inside / (opt.end - opt.start)
    if share == 0:
        return "none"
    return "all" if share > 0.9 else ("most" if share > 0.5 else "some")


def _has_clause(opt: Option) -> bool:
    tok = opt.first
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in tok.children) or tok.dep_ == "ccomp"


def _subject_kind(cand: Candidate) -> str:
    if cand.source is None:
        return "none"
    head: Token = cand.source.root
    if head.lower_ in _PRONOUN_SUBJECTS:
        return "pron"
    ents = {t.ent_type_ for t in cand.source if t.ent_type_}
    for label in ("PERSON", "ORG", "GPE", "NORP"):
        if label in ents:
            return label
    return head.pos_ + ("_pl" if head.tag_ in ("NNS", "NNPS") else "")


def features(cand: Candidate, opt: Option, ctx: Context) -> list[str]:
    """Feature names of one (candidate, option) pair."""
    lemma = cand.lemma
    label = opt.label
    if lemma.startswith("n:"):
        entry = None
        kind = "noun_" + attribution_nouns().get(lemma[2:], "none")
    else:
        entry = reporting_verbs().get(lemma) or reporting_verbs().get(lemma.split()[0])
        kind = entry.kind if entry else "none"
    cue = cand.cue
    subj = _subject_kind(cand)
    first = opt.first.lower_
    first_f = first if first in _FIRST_WORDS else opt.first.pos_
    quoted = _quoted_share(opt, ctx)
    cue_quoted = "cq" if ctx.in_quote[cand.cue_start] else "cn"
    where = "after" if opt.start >= cand.cue_end else ("before" if opt.end <= cand.cue_start else "around")
    length = _bucket(opt.words)
    feats = [
        "bias",
        f"L={lemma}",
        f"o={label}",
        f"L|o={lemma}|{label}",
        f"k={kind}",
        f"k|o={kind}|{label}",
        f"o|first={label}|{first_f}",
        f"L|first={lemma}|{first_f}",
        f"dep={cue.dep_}",
        f"o|dep={label}|{cue.dep_}",
        f"tag={cue.tag_}",
        f"L|tag={lemma}|{cue.tag_}",
        f"subj={subj}",
        f"L|subj={lemma}|{subj}",
        f"k|subj={kind}|{subj}",
        f"o|subj={label}|{subj}",
        f"srcdep={cand.source_dep}",
        f"len={length}",
        f"o|len={label}|{length}",
        f"q={quoted}",
        f"o|q={label}|{quoted}",
        f"k|q={kind}|{quoted}",
        f"cq={cue_quoted}",
        f"k|cq={kind}|{cue_quoted}",
        f"where={where}",
        f"o|where={label}|{where}",
        f"clause={_has_clause(opt)}",
        f"o|clause={label}|{_has_clause(opt)}",
        f"nopts={min(len(cand.options), 4)}",
    ]
    if entry:
        feats.append(f"conn={entry.connotation}")
    if cand.passive:
        feats += ["passive", f"L|passive={lemma}"]
    if cand.negated:
        feats.append("negated")
    if cand.cue_start < ctx.first_para_end:
        feats += ["headline", f"o|headline={label}"]
    return feats


class CueModel:
    """Logistic scores for (candidate, option) pairs; see the module docstring."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.weights: dict[str, float] = data["weights"]
        self.threshold: float = float(data["threshold"])
        self.meta = {k: v for k, v in data.items() if k != "weights"}

    def score(self, feats: list[str]) -> float:
        w = self.weights
        z = sum(w.get(f, 0.0) for f in feats)
        if z < -30:
            return 0.0
        return 1.0 / (1.0 + math.exp(-z))


def model_problems(data: Any) -> list[str]:
    """What is wrong with a cue-model file (empty when it is usable)."""
    problems = []
    if not isinstance(data, dict):
        return ["the file must hold a JSON object"]
    for key in ("provenance", "licence", "threshold", "weights"):
        if key not in data:
            problems.append(f"missing field {key!r}")
    if not isinstance(data.get("weights"), dict) or not all(
        isinstance(k, str) and isinstance(v, int | float) for k, v in (data.get("weights") or {}).items()
    ):
        problems.append("weights must map feature names to numbers")
    if not isinstance(data.get("threshold"), int | float) or not 0 < data.get("threshold", 0) < 1:
        problems.append("threshold must be a number between 0 and 1")
    return problems


@lru_cache(maxsize=1)
def load_cue_model() -> CueModel:
    """The shipped model (``medialit/data/models/cue_model.json``), read once."""
    from medialit.core.annotation import AnnotationError

    where = "medialit/data/models/cue_model.json"
    ref = resources.files("medialit").joinpath("data", "models", "cue_model.json")
    try:
        data = json.loads(ref.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise AnnotationError(
            [f"file not found: {where}; rebuild it with `python scripts/fit_cue_model.py`"], where
        ) from None
    except json.JSONDecodeError as exc:
        raise AnnotationError([f"not valid JSON: {exc.msg} at line {exc.lineno}"], where) from None
    problems = model_problems(data)
    if problems:
        raise AnnotationError(problems, where)
    return CueModel(data)
