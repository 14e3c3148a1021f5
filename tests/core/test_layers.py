"""The layer registry agrees with the annotation schema, and every user of it numbers and
marks items the same way."""

from __future__ import annotations

import pytest

from medialit.core import annotation as ann
from medialit.core import layers
from medialit.core.codebook import load_codebook, question_texts


def test_every_layer_of_the_schema_is_registered_with_fields_the_schema_has():
    schema = ann.load_schema("annotations")
    props = schema["properties"]
    registered = {layer.path for layer in layers.LAYERS}
    expected = {key for key, p in props.items() if p.get("type") == "array"}
    expected |= {f"framing.{name}" for name in props["framing"]["properties"]}
    assert registered == expected
    assert list(layers.document_keys()) == [k for k in props if k in {layer.group for layer in layers.LAYERS}]
    for layer in layers.LAYERS:
        node = props[layer.group] if layer.group == layer.path else props[layer.group]["properties"][layer.name]
        assert node["items"]["$ref"] == f"#/$defs/{layer.item_def}", layer.path
        fields = schema["$defs"][layer.item_def]["properties"]
        for name in layer.span_fields:
            assert name in fields, (layer.path, name)
        assert layer.marked_field in (None, *layer.span_fields)
        if layer.label_field:
            assert layers.field_values(layer.path, layer.label_field), layer.path
        for role in layer.roles:
            for attr in role.attrs:
                assert layers.field_values(layer.path, attr)


def test_ids_labels_and_colours_are_unique():
    prefixes = [layer.id_prefix for layer in layers.LAYERS]
    assert len(set(prefixes)) == len(prefixes)
    labels = [role.label for layer in layers.LAYERS for role in layer.roles]
    assert len(set(labels)) == len(labels)
    assert layers.role_of_label("LOADED")[0].path == "framing.loaded_language"
    with pytest.raises(KeyError, match="unknown layer 'quotes'; use one of sources, attributions"):
        layers.get("quotes")


def test_student_answers_the_review_and_the_tools_number_items_alike(tmp_path, monkeypatch):
    from medialit.articles.article import load_article
    from medialit.articles.review import DraftReview
    from medialit.questions import load_bank
    from tests.support.quiz_env import setup_quiz_env

    setup_quiz_env(monkeypatch, tmp_path)
    bank = tmp_path / "bank.yaml"
    bank.write_text("provenance: t\nlicence: MIT\narticle: harbourford-ferry-fares\nquestions:\n"
                    "  - {id: q-sq, type: spans, mode: practice, points: 1, prompt: Mark them.,\n"
                    "     layer: framing.scare_quotes, labels: [{id: scare, text: Scare quote}],\n"
                    "     answer: [{text: angrily, label: scare}]}\n", encoding="utf-8")
    q = load_bank(bank).question("q-sq")
    doc = q.check_answer([{"text": "angrily", "label": "scare"}])
    assert [i["id"] for i in doc["framing"]["scare_quotes"]] == ["sq1"]
    review = DraftReview(load_article("harbourford-ferry-fares"))
    assert review.add("framing.scare_quotes", span="angrily")["id"] == "sq1"
    assert review.add("framing.loaded_language", span="fares")["id"].startswith("ll")


def test_show_marks_the_layers_of_a_document_key():
    def span(start: int, end: int, text: str) -> dict:
        return {"start": start, "end": end, "text": text}

    doc = {"attributions": [{"id": "a1", "speaker": span(0, 3, "Ana"), "speaker_name": "Ana",
                             "cue": span(4, 8, "said"), "content": span(9, 12, "yes"), "kind": "direct"}],
           "framing": {"metaphors": [{"id": "m1", "span": {"start": 9, "end": 12, "text": "yes"}, "note": "n"}]}}
    assert [m[3] for m in layers.layer_marks(doc, "sources")] == ["a1 speaker: Ana", "a1 cue (neutral)"]
    assert len(layers.layer_marks(doc, "attributions")) == 3
    assert layers.layer_marks(doc, "framing") == [(9, 12, "underline green", "m1 metaphors: n")]


def test_label_wording_comes_from_the_codebook():
    from medialit.articles.article import load_article
    from medialit.course.build import make_questions

    texts = question_texts("stance_category")
    assert texts["modal"] == "modal verb" and list(texts) == layers.field_values("hedges", "category")
    qs, _ = make_questions("hedges", load_article("scmp-2021-03-18-alaska-talks"), lambda name: name)
    assert all(label["text"] == texts[label["id"]] for label in qs["hdg-spans"]["labels"])
    codebook = load_codebook(check_quotes=False)
    assert question_texts("part", codebook)["body"] == "body"  # no wording given: the label itself
    with pytest.raises(KeyError, match="no label set 'colours'"):
        question_texts("colours")
