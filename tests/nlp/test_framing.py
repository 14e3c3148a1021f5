"""Framing cues: loaded language and scare quotes (constructed sentences)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def nlp():
    from medialit.nlp import load_nlp

    return load_nlp()


def test_loaded_cue_and_loaded_word_in_the_reporters_voice(nlp) -> None:
    doc = nlp("The council shrugged off the protest. The regime in Corran denied everything.")
    found = [(h.text, h.holder) for h in doc._.loaded_language]
    assert ("shrugged off", "reporter") in found
    assert ("regime", "reporter") in found


def test_strong_words_inside_a_quotation_are_not_loaded_language(nlp) -> None:
    doc = nlp("“This regime will fall,” Tomas Brell said.")
    assert doc._.loaded_language == []


def test_scare_quote_with_no_speaker(nlp) -> None:
    doc = nlp("The council’s ‘consultation’ lasted ten minutes.")
    assert [(h.text, h.holder) for h in doc._.scare_quotes] == [("‘consultation’", "reporter")]


def test_partial_quotation_is_not_a_scare_quote(nlp) -> None:
    doc = nlp("Ilse Varga said the plan was “a disaster for the town”.")
    assert doc._.scare_quotes == []


def test_scare_quote_inside_a_quotation_is_held_by_the_source(nlp) -> None:
    doc = nlp("“They call it ‘consultation’ and nobody came,” Tomas Brell said.")
    assert [(h.text, h.holder) for h in doc._.scare_quotes] == [("‘consultation’", "source")]


def test_so_called_is_a_scare_quote_in_words(nlp) -> None:
    doc = nlp("The so-called consultation lasted ten minutes.")
    assert [h.text for h in doc._.scare_quotes] == ["so-called"]
