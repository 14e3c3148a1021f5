"""Odd input never crashes the analyzers: it gives a clear result or a clear message."""

from __future__ import annotations

import pytest

from medialit.core.annotation import validate


@pytest.fixture(scope="session")
def nlp():
    from medialit.nlp import load_nlp

    return load_nlp()


def analyse(nlp, text: str) -> dict:
    from medialit.nlp import to_annotation
    from medialit.nlp.analyze import pipe_docs

    doc = to_annotation(next(pipe_docs(nlp, [text])), "odd-input")
    return validate(doc, text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n\t  ",
        "The ferry left at noon. It came back at six.",  # no quotes, no speech
        '" “ ” ‘ ’ \' " “ \'\' ”',  # only quote marks
        "“\n\n“\n\n”",
        "Mara Quell said \x00\x01 the bridge \x07was\x1b safe.\r\nShe added: “no\x0c.”",  # control characters
        "Die Brücke ist sicher, sagte die Bürgermeisterin.",  # German
        "北京表示，美国的努力没有用。他说：“这不是有用的。”",  # Chinese
        "قال المتحدث إن المحادثات كانت مفيدة",  # Arabic
        "🙂 “🙂,” 🙂 said. ‘🙂’",
    ],
)
def test_odd_text_gives_a_valid_document(nlp, text: str) -> None:
    doc = analyse(nlp, text)
    for layer in ("attributions", "hedges", "boosters"):
        assert isinstance(doc.get(layer, []), list)


def test_empty_input_is_refused_with_a_message(tmp_path) -> None:
    from medialit.nlp.analyze import InputError, resolve_inputs

    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    with pytest.raises(InputError, match="is empty"):
        resolve_inputs([str(empty)])


def test_one_megabyte_of_text(nlp) -> None:
    from medialit.nlp.analyze import CHUNK_CHARS

    paragraph = ("“We checked every bolt,” Mara Quell said. The bridge may open in May, officials said. "
                 "Residents were not very happy about the toll.\n\n")
    text = paragraph * (1_000_000 // len(paragraph) + 1)
    assert len(text) > 1_000_000 > CHUNK_CHARS
    doc = analyse(nlp, text)
    n = text.count("Mara Quell said")
    assert len(doc["attributions"]) >= n  # every paragraph's quote is found
    last = doc["attributions"][-1]
    assert text[last["content"]["start"] : last["content"]["end"]] == last["content"]["text"]
