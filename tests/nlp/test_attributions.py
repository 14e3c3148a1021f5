"""Attributions on constructed sentences (fictional people and places), one construction each."""

from __future__ import annotations

import pytest

from medialit.nlp.attributions import Attribution, merge_events, polnear_view


@pytest.fixture(scope="session")
def nlp():
    from medialit.nlp import load_nlp

    return load_nlp()


def analyse(nlp, text: str) -> list[Attribution]:
    return nlp(text)._.attributions


def only(nlp, text: str) -> Attribution:
    found = analyse(nlp, text)
    assert len(found) == 1, found
    return found[0]


def test_direct_quote_cue_after(nlp) -> None:
    a = only(nlp, "“We will build the bridge,” Mara Quell said.")
    assert (a.kind, a.speaker_text, a.speaker_name, a.cue_text) == ("direct", "Mara Quell", "Mara Quell", "said")
    assert a.content_text == "“We will build the bridge,”"


def test_direct_quote_cue_before_with_colon(nlp) -> None:
    a = only(nlp, "Mara Quell said: “We will build the bridge before the winter.”")
    assert (a.kind, a.speaker_text, a.cue_text) == ("direct", "Mara Quell", "said")
    assert a.content_text == "“We will build the bridge before the winter.”"


def test_inverted_cue_with_appositive_speaker(nlp) -> None:
    a = only(nlp, "“We will build the bridge,” said Mara Quell, a professor at Dunmore University.")
    assert a.speaker_text == "Mara Quell"  # the name, without the apposition
    assert a.source_type == "expert"
    assert a.content_text == "“We will build the bridge,”"


def test_indirect_speech_content_starts_after_that(nlp) -> None:
    a = only(nlp, "Mara Quell said that the bridge would open in the spring.")
    assert (a.kind, a.cue_text) == ("indirect", "said")
    assert a.content_text == "the bridge would open in the spring"


def test_told_reporters(nlp) -> None:
    a = only(nlp, "Tomas Brell told reporters the plan was dead.")
    assert (a.speaker_text, a.cue_text, a.content_text) == ("Tomas Brell", "told", "the plan was dead")


def test_according_to(nlp) -> None:
    a = only(nlp, "The plan is dead, according to Tomas Brell.")
    assert (a.cue_text, a.speaker_text, a.content_text) == ("according to", "Tomas Brell", "The plan is dead")


def test_appositive_subject(nlp) -> None:
    a = only(nlp, "Ilse Varga, a professor at Northmere University, said the tide was rising.")
    assert (a.speaker_text, a.source_type, a.content_text) == ("Ilse Varga", "expert", "the tide was rising")


def test_in_a_statement_the_ministry_said(nlp) -> None:
    a = only(nlp, "In a statement, the ministry said the port would reopen next week.")
    assert (a.speaker_text, a.source_type, a.cue_text) == ("the ministry", "official", "said")
    assert a.content_text == "the port would reopen next week"


def test_statement_saying_has_the_statement_as_speaker(nlp) -> None:
    text = "The summit ended with a joint statement by the two councils saying they would share the harbour."
    a = only(nlp, text)
    assert a.speaker_text == "a joint statement by the two councils"
    assert a.source_type == "document"
    assert a.content_text == "they would share the harbour"


def test_mixed_quote(nlp) -> None:
    a = only(nlp, "Ilse Varga said the plan was “a disaster for the town”.")
    assert a.kind == "mixed"
    assert a.content_text == "the plan was “a disaster for the town”"


def test_quote_interrupted_by_cue_and_continued_in_next_paragraph(nlp) -> None:
    text = "“The bridge is safe,” Mara Quell said. “We checked every bolt.\n\n“The engineers agree with us.”"
    found = analyse(nlp, text)
    assert [a.content_text for a in found] == [
        "“The bridge is safe,”", "“We checked every bolt.", "“The engineers agree with us.”"]
    assert [a.cue_text for a in found] == ["said", "said", None]  # the continued paragraph has no cue
    assert [a.speaker_text for a in found] == ["Mara Quell", "Mara Quell", None]
    assert {a.speaker_name for a in found} == {"Mara Quell"}
    assert len({a.event for a in found}) == 1
    (joined,) = merge_events(found)
    assert joined.content_start == found[0].content_start and joined.content_end == found[-1].content_end


def test_quote_paragraph_after_a_direct_quote_continues_that_speaker(nlp) -> None:
    text = ("“Nobody likes the toll,” said Mara Quell, the mayor of Dunmore.\n\n"
            "“But a town without a bridge has no future.”")
    first, second = analyse(nlp, text)
    assert second.content_text == "“But a town without a bridge has no future.”"
    assert (second.cue_text, second.speaker_text, second.speaker_name) == (None, None, "Mara Quell")


def test_curly_and_straight_quotes_agree(nlp) -> None:
    curly = only(nlp, "“We checked every bolt,” Mara Quell said.")
    straight = only(nlp, '"We checked every bolt," Mara Quell said.')
    assert (curly.content_start, curly.content_end, curly.speaker_text) == \
        (straight.content_start, straight.content_end, straight.speaker_text)


def test_apostrophes_do_not_break_a_quote(nlp) -> None:
    a = only(nlp, "“It’s the council’s plan, not Quell’s,” Tomas Brell said.")
    assert a.content_text == "“It’s the council’s plan, not Quell’s,”"
    assert a.speaker_text == "Tomas Brell"


def test_unbalanced_quote_gives_a_result_not_an_error(nlp) -> None:
    found = analyse(nlp, "“We will win, Mara Quell said as the polls closed.\n\nThe count began at ten.")
    assert isinstance(found, list)


def test_anonymous_and_collective_sources(nlp) -> None:
    a = only(nlp, "A person familiar with the talks said the deal was close.")
    assert (a.speaker_text, a.source_type) == ("A person familiar with the talks", "unnamed_individual")
    b = only(nlp, "Residents said the road would stay closed.")
    assert (b.speaker_text, b.source_type) == ("Residents", "unnamed_group")
    c = only(nlp, "Officials said the road would stay closed.")
    assert c.source_type == "official"


def test_pronoun_resolves_to_the_last_person_named(nlp) -> None:
    found = analyse(nlp, "Mara Quell, the mayor, opened the meeting. She said the budget was tight.")
    a = found[-1]
    assert (a.speaker_text, a.speaker_name) == ("She", "Mara Quell")


def test_short_name_resolves_to_the_most_recent_full_name_with_it(nlp) -> None:
    text = ("Anton Veyl, the harbour minister, attended the launch. Petra Veyl, a historian at Corran College, "
            "said the archive was lost. “It is gone,” Veyl said.")
    found = analyse(nlp, text)
    assert [a.speaker_name for a in found] == ["Petra Veyl", "Petra Veyl"]
    assert found[-1].speaker_text == "Veyl"


def test_colon_title_and_signed_quote(nlp) -> None:
    found = analyse(nlp, "‘We were never asked’: Dunmore residents on the bridge vote\n\n"
                         "“The toll is too high.” ― Pell Marrow\n")
    assert [(a.content_text, a.speaker_text, a.cue_text) for a in found] == [
        ("‘We were never asked’", "Dunmore residents", None),
        ("“The toll is too high.”", "Pell Marrow", None),
    ]


def test_agentless_is_expected_to_is_not_an_attribution(nlp) -> None:
    assert analyse(nlp, "The bridge is expected to open in the spring.") == []


def test_loaded_and_neutral_cues(nlp) -> None:
    a = only(nlp, "Mara Quell insisted the bridge was safe.")
    assert a.cue_connotation == "loaded"
    b = only(nlp, "Mara Quell said the bridge was safe.")
    assert b.cue_connotation == "neutral"


def test_object_cue_takes_the_noun_and_preposition(nlp) -> None:
    a = only(nlp, "Mara Quell expressed dismay at the cost of the bridge.")
    assert (a.cue_text, a.content_text) == ("expressed dismay at", "the cost of the bridge")
    assert a.cue_connotation == "loaded"
    (view,) = polnear_view([a])
    assert a.text[view.content_start : view.content_end] == "dismay at the cost of the bridge"


def test_no_attribution_in_plain_narration(nlp) -> None:
    assert analyse(nlp, "The bridge opened in the spring. Ten cars crossed it on the first day.") == []


def test_annotation_document_validates(nlp) -> None:
    from medialit.core.annotation import validate
    from medialit.nlp import to_annotation

    text = "“We checked every bolt,” Mara Quell said. The bridge may open in May, officials said."
    doc = to_annotation(nlp(text), "constructed-bridge")
    assert doc["producer"]["kind"] == "analyzer"
    validate(doc, text)
    assert {a["cue"]["text"] for a in doc["attributions"]} == {"said"}


def test_short_quote_then_name_said_is_an_attribution_not_a_scare_quote(nlp) -> None:
    """The model scores “Enough is enough,” low (three words, a titled speaker, a clause after the
    cue); the pattern “…,” X said decides, and the framing cues then see no scare quote."""
    doc = nlp("“Enough is enough,” Senator Ilse Corvin said as she left the chamber on Tuesday.")
    [a] = doc._.attributions
    assert (a.kind, a.speaker_name, a.cue_text, a.content_text) == (
        "direct", "Ilse Corvin", "said", "“Enough is enough,”")
    assert "“…,” X said" in a.rule
    assert doc._.scare_quotes == []


def test_quote_rule_stays_inside_the_paragraph(nlp) -> None:
    text = "“The pier must stay,” Bran Oakes said.\n\nNia Farrow, who runs the ferry, said the pier was unsafe."
    found = analyse(nlp, text)
    farrow = next(a for a in found if a.speaker_name == "Nia Farrow")
    assert farrow.content_text == "the pier was unsafe" and farrow.kind == "indirect"


@pytest.mark.parametrize("text", [
    "The bill follows a push to disclose the salaries of senior staff.",
    "Campaigners have led a push to disclose donor names.",
    "The ruling ends a long effort to reveal the cost of the bridge.",
])
def test_the_purpose_of_a_noun_is_not_a_speaker(nlp, text) -> None:
    assert not [a for a in analyse(nlp, text) if a.cue_lemma in ("disclose", "reveal")]


@pytest.mark.parametrize("text", ["The Harwick Trust disclosed its accounts on Monday.",
                                  "The mayor revealed a new statue in the square."])
def test_disclose_with_a_thing_as_object_is_not_an_attribution(nlp, text) -> None:
    assert analyse(nlp, text) == []


def test_disclose_with_a_clause_or_a_question_is_an_attribution(nlp) -> None:
    a = only(nlp, "Officials at the Harwick Trust disclosed that the plant had failed twice.")
    assert (a.cue_text, a.content_text) == ("disclosed", "the plant had failed twice")
    b = only(nlp, "The Harwick Trust did not disclose how much it paid.")
    assert b.content_text == "how much it paid"


def test_a_role_noun_can_still_speak_through_an_infinitive(nlp) -> None:
    a = only(nlp, "Tova Reyes was the first minister to admit that the plan had failed.")
    assert a.cue_text == "admit" and a.content_text == "the plan had failed"
