"""The one annotation format: validation on load names the item and the problem."""

from __future__ import annotations

import copy
import json
import os
import stat

import pytest

from medialit.core import annotation as ann
from medialit.core.spans import Span, find_span, text_sha256


@pytest.fixture()
def doc(seed):
    """A small valid document on the seed article."""
    t = seed.text
    d = ann.new_document(seed.id, t, producer="student", name="test")
    cue = find_span(t, "said", after=t.index("Chinese diplomats said"))
    d["sources"] = [{"id": "s1", "name": "Chinese diplomats", "type": "unnamed_group", "named": False}]
    d["attributions"] = [
        {
            "id": "a1",
            "speaker": find_span(t, "Chinese diplomats", after=cue.start - 20).to_json(),
            "speaker_name": "Chinese diplomats",
            "source_id": "s1",
            "cue": cue.to_json(),
            "content": find_span(t, "they did not have very high expectations for the talks").to_json(),
            "kind": "indirect",
            "cue_connotation": "neutral",
        }
    ]
    may = find_span(t, "Some may think").to_json()
    d["hedges"] = [{"id": "h1", "cue": may, "category": "modal", "holder": "source"}]
    return ann.validate(d, t)


def problems_of(doc, text):
    with pytest.raises(ann.AnnotationError) as info:
        ann.validate(doc, text)
    return info.value.problems


def test_valid_document_round_trips_through_json(doc, seed, tmp_path):
    path = tmp_path / "a.json"
    ann.save(doc, path, seed.text)
    again = ann.load(path, seed.text)
    assert again == doc
    assert json.loads(path.read_text(encoding="utf-8"))["attributions"][0]["content"]["text"].startswith("they did")
    assert "’" in ann.dumps({"x": "’"}), "non-ASCII text is kept readable, not escaped"


def test_offsets_out_of_range_name_the_item(doc, seed):
    bad = copy.deepcopy(doc)
    bad["attributions"][0]["content"]["end"] = len(seed.text) + 5
    (problem,) = problems_of(bad, seed.text)
    assert "attributions[0] (id 'a1').content" in problem
    assert "out of range" in problem and str(len(seed.text)) in problem


def test_text_not_matching_offsets_shows_what_the_article_says(doc, seed):
    bad = copy.deepcopy(doc)
    bad["hedges"][0]["cue"]["start"] += 1
    (problem,) = problems_of(bad, seed.text)
    assert "hedges[0] (id 'h1').cue" in problem
    assert "does not match" in problem and "'ome may think'" in problem


def test_unknown_label_lists_the_known_ones(doc, seed):
    bad = copy.deepcopy(doc)
    bad["attributions"][0]["kind"] = "paraphrase"
    (problem,) = problems_of(bad, seed.text)
    assert problem.startswith("attributions[0] (id 'a1').kind")
    assert "'paraphrase' is not a known label" in problem and "'indirect'" in problem


def test_sha256_of_another_text_is_rejected(doc, seed):
    problems = problems_of(doc, seed.text + " ")
    assert any("text_sha256" in p and "different text" in p for p in problems)


def test_duplicate_ids_are_named(doc, seed):
    bad = copy.deepcopy(doc)
    bad["hedges"][0]["id"] = "a1"
    (problem,) = problems_of(bad, seed.text)
    assert "'a1' is used twice" in problem and "attributions" in problem


def test_source_id_must_exist(doc, seed):
    bad = copy.deepcopy(doc)
    bad["attributions"][0]["source_id"] = "s9"
    (problem,) = problems_of(bad, seed.text)
    assert "'s9' is not in sources" in problem


def test_missing_fields_and_unknown_fields(doc, seed):
    bad = copy.deepcopy(doc)
    del bad["attributions"][0]["content"]
    bad["hedges"][0]["colour"] = "red"
    problems = problems_of(bad, seed.text)
    assert any("attributions[0] (id 'a1')" in p and "'content' is a required property" in p for p in problems)
    assert any("hedges[0] (id 'h1')" in p and "unknown field" in p and "colour" in p for p in problems)


def test_every_problem_is_reported_at_once(doc, seed):
    bad = copy.deepcopy(doc)
    bad["attributions"][0]["kind"] = "x"
    bad["hedges"][0]["cue"]["text"] = "nope"
    assert len(problems_of(bad, seed.text)) == 2


def test_file_errors_are_clear(tmp_path):
    with pytest.raises(ann.AnnotationError, match="file not found"):
        ann.load(tmp_path / "missing.json")
    broken = tmp_path / "broken.json"
    broken.write_text('{"schema_version": 1,', encoding="utf-8")
    with pytest.raises(ann.AnnotationError, match=r"not valid JSON: .* line 1"):
        ann.load(broken)
    latin = tmp_path / "latin.json"
    latin.write_bytes('{"x": "caf\xe9"}'.encode("latin-1"))
    with pytest.raises(ann.AnnotationError, match="not UTF-8"):
        ann.load(latin)


def test_layers_are_optional_so_a_single_answer_validates(seed):
    d = ann.new_document(seed.id, seed.text)
    d["boosters"] = [{"id": "b1", "cue": find_span(seed.text, "at all").to_json(), "category": "adverb"}]
    assert ann.validate(d, seed.text) is d


def test_span_helpers_use_python_character_offsets(seed):
    t = seed.text
    s = find_span(t, "China’s ambassador")
    assert t[s.start : s.end] == "China’s ambassador" and len(s) == len("China’s ambassador")
    assert Span.of(t, s.start, s.end) == s
    with pytest.raises(ValueError, match="outside the article"):
        Span.of(t, 10, len(t) + 1)
    with pytest.raises(ValueError, match="not found"):
        find_span(t, "Shanghai")
    # The sha256 is of the UTF-8 bytes (a known vector: sha256 of "abc").
    assert text_sha256("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"


def test_atomic_write_keeps_old_file_when_writing_fails(tmp_path, monkeypatch):
    target = tmp_path / "answers.json"
    target.write_text("old", encoding="utf-8")

    def boom(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("os.replace", boom)
    with pytest.raises(OSError, match="disk full"):
        ann.atomic_write_text(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["answers.json"], "no temporary file is left behind"


@pytest.mark.parametrize("umask", [0o022, 0o077])
def test_atomic_write_with_a_mode_follows_the_umask(tmp_path, monkeypatch, umask):
    old = os.umask(umask)
    try:
        ann.atomic_write_text(tmp_path / "shared.html", "page", mode=0o666)
        ann.atomic_write_text(tmp_path / "private.json", "{}")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "shared.html").stat().st_mode) == 0o666 & ~umask
    assert stat.S_IMODE((tmp_path / "private.json").stat().st_mode) == 0o600
    monkeypatch.setattr("os.replace", lambda *a: (_ for _ in ()).throw(OSError("disk full")))
    with pytest.raises(OSError, match="disk full"):
        ann.atomic_write_text(tmp_path / "shared.html", "new", mode=0o666)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["private.json", "shared.html"]
    assert (tmp_path / "shared.html").read_text(encoding="utf-8") == "page"
