"""Loading the model: the quick path gives the same pipeline as a plain ``spacy.load``."""

from __future__ import annotations

import gc
import sys

import pytest

spacy = pytest.importorskip("spacy")

from medialit.nlp import loader  # noqa: E402

SENTENCES = [
    "“We will rebuild the harbour this year,” said Ilsa Varga, the mayor of Portmere.",
    "Officials didn't say whether the U.S.-made ferry can't sail on Sundays :-) (see p. 4).",
    "Fares may rise by 3.5% in Jan., the council’s report said.",
]


def parse(nlp, text):
    return [(t.text, t.whitespace_, t.tag_, t.dep_, t.head.i, t.lemma_, t.ent_type_) for t in nlp(text)]


@pytest.fixture(scope="module")
def plain():
    return spacy.load(loader.model_name())


def test_quick_load_gives_the_same_tokenizer_and_parses(plain):
    quick = loader._load(())
    assert quick.pipe_names == plain.pipe_names
    assert quick.tokenizer.to_bytes() == plain.tokenizer.to_bytes()
    for text in SENTENCES:
        assert parse(quick, text) == parse(plain, text)


def test_the_saved_tokenizer_is_found_and_matches(plain):
    saved = loader.saved_tokenizer(loader.model_name())
    assert saved is not None and saved.name == "tokenizer"
    assert loader.same_tokenizer(plain, saved)


def test_a_different_saved_tokenizer_is_loaded_as_usual(plain, tmp_path, monkeypatch):
    """When the model's saved tokenizer is not the default one, it is applied as spaCy would."""
    custom = spacy.load(loader.model_name())
    custom.tokenizer.add_special_case("Portmere’s", [{"ORTH": "Portmere’s"}])
    path = tmp_path / "tokenizer"
    custom.tokenizer.to_disk(path, exclude=["vocab"])
    assert not loader.same_tokenizer(plain, path)
    monkeypatch.setattr(loader, "saved_tokenizer", lambda name: path)
    nlp = loader._load(("parser", "ner"))
    assert [t.text for t in nlp("Portmere’s ferry")] == ["Portmere’s", "ferry"]
    assert [t.text for t in plain("Portmere’s ferry")] == ["Portmere", "’s", "ferry"]


def test_an_unreadable_saved_tokenizer_is_not_taken_as_the_same(plain, tmp_path):
    broken = tmp_path / "tokenizer"
    broken.write_bytes(b"\x00not msgpack")
    assert not loader.same_tokenizer(plain, broken)
    assert not loader.same_tokenizer(plain, tmp_path / "missing")


def test_load_model_is_cached_per_exclude_and_leaves_the_rest_out():
    a = loader.load_model(exclude=["ner", "parser"])
    assert loader.load_model(exclude=("parser", "ner")) is a
    assert "ner" not in a.pipe_names and "parser" not in a.pipe_names and "tagger" in a.pipe_names
    assert not any(name.startswith("medialit") for name in a.pipe_names)


def test_loading_changes_nothing_outside_the_pipeline_it_builds():
    """The quick path (tokenizer second pass skipped) reads and writes no global: no gc
    freezing, catalogue's entry-point table and spaCy's factories as they were, no blocked
    modules, no ``doc._`` attributes added.  (The grading speed-ups are tested in
    tests/test_speedups.py, in fresh processes.)"""
    import catalogue
    from spacy.tokens import Doc

    frozen = gc.get_freeze_count()
    table = catalogue.AVAILABLE_ENTRY_POINTS
    factories = dict(spacy.registry.factories.get_all())
    nones = {k for k, v in sys.modules.items() if v is None}
    extensions = {name: Doc.has_extension(name) for name in ("attributions", "hedges", "loaded_language")}
    loader._load(())
    loader._load(("parser", "ner"))
    assert gc.get_freeze_count() == frozen
    assert catalogue.AVAILABLE_ENTRY_POINTS is table
    assert dict(spacy.registry.factories.get_all()) == factories
    assert {k for k, v in sys.modules.items() if v is None} == nones
    assert {name: Doc.has_extension(name) for name in extensions} == extensions
