"""The codebook: data checked against its schema, the annotation schema's labels and the articles."""

from __future__ import annotations

import copy
import subprocess
import sys

import pytest

from medialit import load_article
from medialit.core import annotation as ann
from medialit.core import codebook as cb


@pytest.fixture(scope="module")
def book():
    return cb.load_codebook()


def medialit(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "medialit.cli", *args], capture_output=True, text=True,
                          encoding="utf-8", timeout=120)


def annotation_enums() -> dict[str, set[str]]:
    """Every enum of annotations.schema.json, found independently of the codebook module."""
    found: dict[str, set[str]] = {}

    def walk(node, pointer):
        if isinstance(node, dict):
            if "enum" in node:
                found[pointer] = set(node["enum"])
            for k, v in node.items():
                walk(v, f"{pointer}/{k}")
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(v, f"{pointer}/{i}")

    walk(ann.load_schema("annotations"), "#")
    return found


def test_codebook_validates_against_its_schema_with_provenance_and_licence(book):
    assert ann.schema_problems(cb.read_codebook(), "codebook") == []
    assert book["provenance"].strip() and book["licence"] == "MIT, part of medialit"


def test_every_schema_enum_equals_a_codebook_label_set_both_ways(book):
    enums = annotation_enums()
    defined: dict[str, set[str]] = {}
    for _, label_set in cb.label_sets(book):
        if label_set.get("keys"):
            continue
        for pointer in label_set["schema"]:
            defined[pointer] = {label["label"] for label in label_set["labels"]}
    assert set(defined) == set(enums), "every enum has a label set and every label set points at an enum"
    for pointer, labels in enums.items():
        assert defined[pointer] == labels, pointer
    assert len(enums) >= 10 and len(enums["#/$defs/frame/properties/frame"]) == 15


def test_framing_layers_equal_the_schema_framing_fields(book):
    (framing,) = [s for _, s in cb.label_sets(book) if s.get("keys")]
    schema_fields = set(ann.load_schema("annotations")["properties"]["framing"]["properties"])
    assert {label["label"] for label in framing["labels"]} == schema_fields == set(ann.FRAMING_LAYERS)


def test_every_label_has_a_definition_example_and_counter_example_quoted_from_an_article(book):
    texts = {short: load_article(article_id).text for short, article_id in book["articles"].items()}
    assert set(book["articles"].values()) == {"scmp-2021-03-18-alaska-talks",
                                              "wrenmouth-tide-2025-06-04-desalination-plant"}
    count = 0
    for _, label_set in cb.label_sets(book):
        for label in label_set["labels"]:
            assert label["definition"].strip(), label["label"]
            if label_set.get("quotes") is False:
                continue
            for key in ("example", "counter_example"):
                q = label[key]
                assert q["quote"] in texts[q["article"]], (label_set["id"], label["label"], key, q["quote"])
                count += 1
    constructed = 0
    for where, q in cb.iter_quotes(book):
        if "constructed" in q:
            assert q["quote"] in q["constructed"], where
            constructed += 1
        else:
            assert q["quote"] in texts[q["article"]], where
    assert count >= 2 * 60
    assert constructed >= 10  # fictional sentences where the articles have no case in point


def test_quote_check_finds_a_constructed_example_that_lacks_its_marked_words(book):
    broken = copy.deepcopy(book)
    (layer,) = [x for x in broken["layers"] if x["id"] == "hedges_boosters"]
    (decision,) = [d for d in layer["decisions"] if d["id"] == "degree-and-tentative"]
    decision["examples"][0]["quote"] = "roughly"
    problems = cb.quote_problems(broken)
    assert len(problems) == 1 and "'roughly' does not occur in the constructed sentence" in problems[0], problems


def test_an_example_is_either_quoted_or_constructed_not_both(book):
    broken = copy.deepcopy(book)
    (layer,) = [x for x in broken["layers"] if x["id"] == "hedges_boosters"]
    layer["decisions"][0]["examples"][0]["constructed"] = "The Harbourford ferry is expected to be late."
    assert ann.schema_problems(broken, "codebook"), "an example with both article and constructed must be refused"


def test_borderline_decisions_are_written_down(book):
    decisions = {d["id"] for layer in book["layers"] for d in layer.get("decisions", [])}
    required = {"expected", "headline-attribution", "caption-reports", "cross-paragraph-quotes", "related-links",
                "collective-sources", "quote-marks", "quotation-or-scare-quote", "so-called", "would",
                "epistemic-or-root", "modal-in-reported-speech", "epistemic-adjectives-nouns", "degree-and-tentative",
                "headline-verbs", "boosters"}
    assert required <= decisions
    conventions = {c["id"] for c in book["conventions"]}
    assert {"spans", "parts", "voices"} <= conventions
    cited = {key for layer in book["layers"] for key in layer["grounded_in"]}
    assert {"boydstun2014", "hyland1998", "hyland2005", "prince1982", "pareti2016", "vincze2008", "farkas2010",
            "coates1983"} <= cited


def test_consistency_check_finds_missing_and_extra_labels(book):
    broken = copy.deepcopy(book)
    for _, label_set in cb.label_sets(broken):
        if label_set["id"] == "frame_dimension":
            label_set["labels"] = [x for x in label_set["labels"] if x["label"] != "morality"]
            label_set["labels"].append({**label_set["labels"][0], "label": "environment"})
    problems = cb.consistency_problems(broken, check_quotes=False)
    assert any("['morality']" in p and "does not define" in p for p in problems), problems
    assert any("['environment']" in p and "not in the schema" in p for p in problems), problems


def test_consistency_check_finds_an_enum_without_labels(book):
    schema = copy.deepcopy(ann.load_schema("annotations"))
    schema["$defs"]["claim"]["properties"]["certainty"] = {"enum": ["low", "high"]}
    problems = cb.consistency_problems(book, schema=schema, check_quotes=False)
    assert problems == ["the schema enum at #/$defs/claim/properties/certainty has no label set in the codebook; "
                        "define its labels"]


def test_quote_check_finds_a_misquotation(book):
    broken = copy.deepcopy(book)
    for _, label_set in cb.label_sets(broken):
        if label_set["id"] == "claim_status":
            label_set["labels"][0]["example"]["quote"] = "The Chinese delegation arrived in Alaska on Friday."
    problems = cb.quote_problems(broken)
    assert len(problems) == 1 and "label claim_status.reported_fact example" in problems[0]


def test_docs_codebook_is_up_to_date():
    out = medialit("codebook", "--check")
    assert out.returncode == 0, out.stderr


def test_codebook_command_writes_and_checks_a_file(tmp_path):
    target = tmp_path / "codebook.md"
    out = medialit("codebook", "--check", "--output", str(target))
    assert out.returncode == 1 and "missing or out of date" in out.stderr
    assert medialit("codebook", "--output", str(target)).returncode == 0
    assert medialit("codebook", "--check", "--output", str(target)).returncode == 0
    target.write_text(target.read_text(encoding="utf-8") + "edited by hand\n", encoding="utf-8")
    assert medialit("codebook", "--check", "--output", str(target)).returncode == 1


def test_rendered_codebook_shows_every_label_and_decision(book):
    text = cb.render_markdown(book)
    for _, label_set in cb.label_sets(book):
        for label in label_set["labels"]:
            assert f"#### `{label['label']}`" in text
    for layer in book["layers"]:
        for d in layer.get("decisions", []):
            assert d["question"] in text
    assert "Pareti (2016)" in text and "Policy Frames Codebook" in text


def test_a_broken_codebook_file_is_a_clear_error(tmp_path):
    bad = tmp_path / "codebook.yaml"
    bad.write_text("provenance: [unclosed\n", encoding="utf-8")
    with pytest.raises(cb.CodebookError, match="not valid YAML at line"):
        cb.load_codebook(bad)
    bad.write_text("provenance: x\nlicence: y\n", encoding="utf-8")
    with pytest.raises(cb.CodebookError, match="required property"):
        cb.load_codebook(bad)
