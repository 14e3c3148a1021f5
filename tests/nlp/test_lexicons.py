"""The analyzers' word lists and cue model are data, checked against their schema."""

from __future__ import annotations

import pytest

from medialit.core.annotation import schema_problems
from medialit.nlp import lexicons
from medialit.nlp.cue_model import load_cue_model, model_problems


@pytest.mark.parametrize("name", sorted(lexicons.LEXICON_FILES))
def test_every_lexicon_loads_with_provenance_and_licence(name: str) -> None:
    data = lexicons.load_lexicon(name)
    assert data["provenance"].strip() and data["licence"].strip()
    assert data["entries"]


def test_a_broken_entry_is_named() -> None:
    bad = {"lexicon": "stance_cues", "provenance": "p", "licence": "l",
           "entries": [{"cue": "may", "type": "hedge", "category": "modal"},
                       {"cue": "perhaps", "type": "hedge", "category": "guess"}]}
    problems = schema_problems(bad, "lexicon")
    assert any(p.startswith("entries[1].category") and "'guess'" in p for p in problems)


def test_duplicates_are_reported() -> None:
    entries = [{"lemma": "say"}, {"lemma": "tell"}, {"lemma": "say"}]
    assert lexicons._duplicates(entries, ("lemma",)) == ["entries[2]: lemma 'say' is listed twice; keep one entry"]


def test_unknown_lexicon_name() -> None:
    with pytest.raises(lexicons.LexiconError, match="unknown lexicon"):
        lexicons.load_lexicon("slang")


def test_reporting_verbs_carry_connotation() -> None:
    verbs = lexicons.reporting_verbs()
    assert verbs["say"].connotation == "neutral"
    assert verbs["claim"].connotation == "loaded"
    assert verbs["express"].object_cue


def test_cue_model_file_is_usable_and_holds_no_text() -> None:
    model = load_cue_model()
    assert 0 < model.threshold < 1
    assert "provenance" in model.meta and "licence" in model.meta
    # feature names are short labels (lemmas, dependency labels), never sentences
    assert max(len(name) for name in model.weights) < 60
    assert not any("  " in name or "\n" in name for name in model.weights)


def test_cue_model_problems_are_listed() -> None:
    assert model_problems([]) == ["the file must hold a JSON object"]
    problems = model_problems({"weights": {"a": "x"}, "threshold": 2})
    assert "missing field 'provenance'" in problems
    assert "weights must map feature names to numbers" in problems
    assert "threshold must be a number between 0 and 1" in problems
