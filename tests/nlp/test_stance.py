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


# --- the revised codebook: epistemic versus root modality -----------------------------------

@pytest.mark.parametrize(
    "text, expected",
    [
        # possibility modals in the reporter's own words
        ("Tollmere council approved a rates freeze that could burden taxpayers for a decade.", [("could", "modal")]),
        ("Talks between the two ferry unions could begin next week.", [("could", "modal")]),
        # a modal of possibility stays a hedge in reported speech
        ("Officials said talks could begin next week.", [("could", "modal")]),
        ("Talks could begin next week, officials said.", [("could", "modal")]),
        ("Mara Quell said the harbour might close in winter.", [("might", "modal")]),
        # "should" of expectation with a time frame
        ("The repairs to the Corran viaduct should be finished by June.", [("should", "modal")]),
        # "would" of a hypothetical plan; "would have" done
        ("The new bridge would carry 20,000 cars a day.", [("would", "conditional")]),
        ("Mara Quell said a second ferry would have cost far more.", [("would", "conditional")]),
        # negated "rule out" / "exclude": from the negation, whole words only
        ("Investigators could not rule out arson.", [("not rule out", "epistemic_verb")]),
        ("“I cannot exclude a second leak,” Ines Varga said.", [("cannot exclude", "epistemic_verb")]),
    ],
)
def test_epistemic_modals_are_hedges(nlp, text: str, expected: list[tuple[str, str]]) -> None:
    assert hedges(nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Under the new rules, stallholders may trade on Sundays.",  # permission under rules
        "Pupils may not bring phones into the exam hall.",  # permission refused
        "Residents may appeal the decision within six weeks.",  # what residents are allowed to do
        "The ferry can carry 300 passengers.",  # capacity
        "Kestrel Bay Ferries could not be reached for comment.",  # past inability
        "Firefighters could only watch as the shed burned.",  # past ability
        "Tomas Brell said he could not afford the new fares.",  # inability in reported speech
        "Harbourford council said residents could collect ten bags each.",  # reported permission
        "Ines Varga did not expect all the problems could be solved in one meeting.",  # reported feasibility
        "The expert said there were limits to how far the council could go.",  # reported ability
        "The council should publish the figures by June.",  # obligation
        "Mara Quell said the bridge would open in May.",  # reported future
        "Talks on the pier would resume on Monday, the mayor said.",  # reported future, cue after
        "Harbourford Rovers would not comment on the fee.",  # refusal
        "Ines Varga would later become mayor of Corran.",  # a past future in narration
    ],
)
def test_root_and_backshifted_modals_are_not_hedges(nlp, text: str) -> None:
    assert hedges(nlp, text) == []


def test_a_direct_quotation_keeps_its_hypothetical_would(nlp) -> None:
    text = "“A sea wall would reduce the risk,” said Pavel Orne."
    assert hedges(nlp, text) == [("would", "conditional")]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The likely cost of the new lock gates is £2 million.", [("likely", "adjective")]),
        ("A possible strike has worried the island's shops.", [("possible", "adjective")]),
        ("There is a real chance that the pier will close.", [("chance", "noun")]),
        ("The council raised the possibility of a toll on the bridge.", [("possibility", "noun")]),
        ("A second vote remains a possibility.", [("possibility", "noun")]),
        ("Preliminary figures from Tollmere council show a fall in visitors.", [("Preliminary", "adjective")]),
        ("The results of the Corran survey are provisional.", [("provisional", "adjective")]),
        ("Ines Varga said the findings were encouraging but preliminary.", [("preliminary", "adjective")]),
        ("The committee tentatively proposed a date in March.", [("tentatively", "adverb")]),
        ("The water samples were fairly consistent across the three wells.", [("fairly", "approximator")]),
        ("Fares have remained largely unchanged since 2019.", [("largely", "approximator")]),
        ("The Corran council sort of agreed to the plan.", [("sort of", "approximator")]),
        ("An estimated 2,000 people attended the Corran fair.", [("estimated", "approximator")]),
        ("The repairs were estimated at £1.8 million.", [("estimated", "approximator")]),
        ("The fares could rise by as much as 20 per cent.", [("could", "modal"), ("as much as", "approximator")]),
        ("The bridge will almost certainly close in winter.", [("almost certainly", "adverb")]),
        ("Sea swimming eases back pain, Northcliff study suggests", [("suggests", "epistemic_verb")]),
        ("Poll suggests tight race in Corran", [("suggests", "epistemic_verb")]),
        ("The Harbourford figures indicate that the decline has slowed.", [("indicate", "epistemic_verb")]),
        ("Turnout is likely to be low, if past elections are any guide.",
         [("likely", "adjective"), ("if", "conditional")]),
        ("The pier is safe, provided the wall is repaired.", [("provided", "conditional")]),
    ],
)
def test_epistemic_adjectives_nouns_degree_and_tentative_hedges(nlp, text: str,
                                                                expected: list[tuple[str, str]]) -> None:
    assert hedges(nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Councillor Brell called the developer's account of the delay a likely story.",  # disbelief
        "The club will make every possible effort to keep him.",  # no claim in doubt
        "The new marina opens up possibilities for Ardley Vale.",  # options
        "Residents will have a chance to speak at the meeting.",  # an opportunity
        "Kestrel Bay Rovers reached the preliminary round of the cup.",  # a stage
        "The tribunal promised to treat every applicant fairly.",  # manner
        "The council chose a warning rather than a fine.",  # "rather than"
        "Lumora built a new kind of ferry for the Corran crossing.",  # a type
        "The mayor was an unlikely hero of the flood.",  # attributive "unlikely"
        "Candidates may spend up to £40,000 under electoral law.",  # a limit set by law
        "The council provided the funding for the pier.",  # "provided" as a verb
        "Tomas Brell suggested a meeting with the council.",  # a proposal
    ],
)
def test_look_alikes_of_the_revised_rules_are_not_hedges(nlp, text: str) -> None:
    assert hedges(nlp, text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The Corran bypass is by far the most expensive scheme on the list.", [("by far", "adverb")]),
        ("The winter was particularly hard on the island's farmers.", [("particularly", "adverb")]),
        ("The plan was undoubtedly rushed, said Ines Varga.", [("undoubtedly", "adverb")]),
        ("The plan is clearly too expensive.", [("clearly", "adverb")]),
        ("Councillor Brell said the figures were plainly wrong.", [("plainly", "adverb")]),
    ],
)
def test_new_boosters(nlp, text: str, expected: list[tuple[str, str]]) -> None:
    assert boosters(nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The ferry to Corran has already left.",  # a time adverb, not certainty
        "The footpath diversions are clearly marked.",  # manner
        "Ines Varga explained the new rules clearly.",  # manner
        "Prices rose across the county, particularly in the north.",  # focusing on a part
    ],
)
def test_booster_look_alikes(nlp, text: str) -> None:
    assert boosters(nlp, text) == []


def test_not_particularly_stays_a_litotes_hedge_not_a_booster(nlp) -> None:
    text = "The sample was not particularly diverse."
    assert hedges(nlp, text) == [("not particularly", "negation")]
    assert boosters(nlp, text) == []


def test_an_evidential_verb_that_is_an_attribution_cue_is_held_by_its_source(nlp) -> None:
    doc = nlp("The Northcliff report suggests that the pier is sinking.")
    assert [(h.text, h.holder) for h in doc._.hedges] == [("suggests", "source")]
