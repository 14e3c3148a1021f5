"""Hedges and boosters: the cues, their look-alikes, and who holds them (constructed sentences)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def nlp():
    from medialit.nlp import load_nlp

    return load_nlp()


def hedges(nlp, text: str) -> list[tuple[str, str]]:
    return [(h.text, h.category) for h in nlp(text)._.hedges]


def boosters(nlp, text: str) -> list[tuple[str, str]]:
    return [(b.text, b.category) for b in nlp(text)._.boosters]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The ferry may be late tomorrow.", [("may", "modal")]),
        ("The harbour might close before the storm.", [("might", "modal")]),
        ("About 40 boats stayed in port.", [("About", "approximator")]),
        ("The talks appeared to stall on Tuesday.", [("appeared", "epistemic_verb")]),
        ("The survey suggests that the tide is rising faster.", [("suggests", "epistemic_verb")]),
        ("It remains to be seen whether the bridge will hold.", [("It remains to be seen", "epistemic_verb")]),
        ("In all likelihood the bridge will open in spring.", [("In all likelihood", "adverb")]),
        ("The bridge is expected to open in the spring.", [("is expected to", "attribution_shield")]),
        ("The mayor reportedly left before the vote.", [("reportedly", "attribution_shield")]),
        ("The funds were allegedly moved to Corran.", [("allegedly", "attribution_shield")]),
        ("The plan was presumably drafted by the clerk.", [("presumably", "adverb")]),
        ("It was arguably the worst storm in a decade.", [("arguably", "adverb")]),
        ("A deal is unlikely before the summer.", [("unlikely", "adjective")]),
        ("The toll did not have very high support.", [("not have very", "negation")]),
    ],
)
def test_hedges(nlp, text: str, expected: list[tuple[str, str]]) -> None:
    assert hedges(nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The ferry resumed service in May.",  # the month
        "The country showed its military might at the parade.",  # a noun
        "The new ferry can carry 300 passengers.",  # ability
        "Residents raised questions about the toll.",  # a topic
        "The mayor appeared on television on Tuesday.",  # no complement: not a hedge
        "Tomas Brell suggested a meeting with the council.",  # a proposal
        "The bridge is a certain success with tourists, some say.",  # no number after "some"
        "The lead-up to the first vote was tense.",  # "up to" without a number
    ],
)
def test_look_alikes_are_not_hedges(nlp, text: str) -> None:
    assert hedges(nlp, text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The council will certainly approve the plan.", [("certainly", "adverb")]),
        ("Building a second bridge is not possible.", [("not possible", "adjective")]),
        ("It is clear that the old pier must go.", [("clear", "adjective")]),
        ("There is no money for a second bridge at all.", [("at all", "adverb")]),
    ],
)
def test_boosters(nlp, text: str, expected: list[tuple[str, str]]) -> None:
    assert boosters(nlp, text) == expected


def test_negated_likelihood_stays_a_hedge_with_its_negation(nlp) -> None:
    assert hedges(nlp, "A quick deal is not likely, officials said.") == [("not likely", "adjective")]


def test_would_in_reported_speech_is_tense_but_a_hypothetical_is_a_hedge(nlp) -> None:
    assert hedges(nlp, "Mara Quell said the bridge would open in May.") == []
    assert hedges(nlp, "The best outcome would be a second bridge.") == [("would", "conditional")]
    assert hedges(nlp, "Mara Quell said the best outcome would be a second bridge.") == [("would", "conditional")]


def test_conditional_if_only_with_a_modal_claim(nlp) -> None:
    assert ("If", "conditional") in hedges(nlp, "If the storm returns, the pier could collapse.")
    assert hedges(nlp, "Ferrymen are paid extra if they work at night.") == []


def test_holder_is_the_source_inside_attributed_content(nlp) -> None:
    doc = nlp("“The pier may collapse,” Mara Quell said. The bridge may open in spring.")
    assert [(h.text, h.holder) for h in doc._.hedges] == [("may", "source"), ("may", "reporter")]


def test_hedges_component_works_alone_on_a_plain_model() -> None:
    import spacy

    import medialit.nlp  # noqa: F401  (registers the components)
    from medialit.nlp.loader import model_name

    plain = spacy.load(model_name(), exclude=["ner"])
    plain.add_pipe("medialit_hedges")
    doc = plain("“The pier may collapse,” Mara Quell said. It might hold.")
    assert [(h.text, h.holder) for h in doc._.hedges] == [("may", "source"), ("might", "reporter")]
    assert doc._.attributions is None  # that component was not added


def test_a_pipeline_without_parser_gets_a_clear_message() -> None:
    import spacy

    import medialit.nlp  # noqa: F401
    from medialit.nlp.components import MissingAnnotation
    from medialit.nlp.loader import model_name

    bare = spacy.load(model_name(), exclude=["parser", "ner"])
    bare.add_pipe("medialit_hedges")
    with pytest.raises(MissingAnnotation, match="medialit_hedges needs DEP"):
        bare("The ferry may be late.")
    assert bare("   ")._.hedges == []  # nothing to analyse is not an error
