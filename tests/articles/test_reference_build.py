"""The reference annotations (the answer keys) and the build that makes them from quotes."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest

from medialit import load_article
from medialit.articles.reference_build import ReferenceSourceError, build_document, is_up_to_date
from medialit.core import annotation as ann
from tests.support.paths import REPO, SEED_ID

PRACTICE_ID = "wrenmouth-tide-2025-06-04-desalination-plant"
ARTICLE_IDS = [SEED_ID, PRACTICE_ID]
#: Parts that make up the report itself (see the codebook's "parts" convention).
REPORT_PARTS = {"headline", "standfirst", "caption", "video", "body"}
OPENING_QUOTES = "“‘"
CLOSING_QUOTES = "”’"


def medialit(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "medialit.cli", *args], capture_output=True, text=True,
                          encoding="utf-8", timeout=120, env=env)


@pytest.fixture(scope="module", params=ARTICLE_IDS)
def article(request):
    return load_article(request.param)


def by_speaker(doc, text):
    return [a for a in doc["attributions"] if a.get("speaker") and a["speaker"]["text"] == text]


# -- the build ---------------------------------------------------------------------------

def test_reference_json_is_in_sync_with_its_source():
    out = medialit("reference-build", "--all", "--check")
    assert out.returncode == 0, out.stdout + out.stderr
    for article_id in ARTICLE_IDS:
        assert f"{article_id}: reference.json is up to date" in out.stdout


@pytest.fixture
def practice_copy(tmp_path, monkeypatch):
    """A copy of the practice article in a seeds folder that is searched first."""
    seeds = tmp_path / "seeds"
    shutil.copytree(load_article(PRACTICE_ID).path, seeds / PRACTICE_ID)
    monkeypatch.setenv("MEDIALIT_SEEDS", str(seeds))
    return seeds / PRACTICE_ID


def test_check_fails_when_the_source_changes_and_passes_after_a_rebuild(practice_copy):
    import os

    src = practice_copy / "reference.src.yaml"
    src.write_text(src.read_text(encoding="utf-8").replace("status: opinion", "status: reported_fact"),
                   encoding="utf-8")
    env = dict(os.environ)
    out = medialit("reference-build", PRACTICE_ID, "--check", env=env)
    assert out.returncode == 1
    assert "out of date" in out.stderr and f"medialit reference-build {PRACTICE_ID}" in out.stderr

    out = medialit("reference-build", PRACTICE_ID, env=env)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().endswith(str(practice_copy / "reference.json"))
    assert medialit("reference-build", PRACTICE_ID, "--check", env=env).returncode == 0
    rebuilt = ann.load(practice_copy / "reference.json", load_article(PRACTICE_ID).text)
    assert [c["status"] for c in rebuilt["claims"]].count("opinion") == 0


def test_missing_and_ambiguous_quotes_are_errors_naming_the_item(practice_copy):
    import os

    src = practice_copy / "reference.src.yaml"
    text = src.read_text(encoding="utf-8")
    text = text.replace("    cue: certainly\n", "    cue: definitely\n")          # not in the article
    text = text.replace("    cue: likely\n", "    cue: the\n")                      # many times
    src.write_text(text, encoding="utf-8")
    before = (practice_copy / "reference.json").read_text(encoding="utf-8")

    out = medialit("reference-build", PRACTICE_ID, env=dict(os.environ))
    assert out.returncode == 2
    assert "Traceback" not in out.stderr
    assert "boosters[0] (id 'b01').cue: 'definitely' is not found" in out.stderr
    assert "hedges[" in out.stderr and "(id 'h12').cue: 'the' is ambiguous" in out.stderr
    assert "occurrence: N" in out.stderr
    assert (practice_copy / "reference.json").read_text(encoding="utf-8") == before, "nothing is written"


def test_broken_yaml_is_a_clear_error(practice_copy):
    import os

    (practice_copy / "reference.src.yaml").write_text("sources: [\n  - id: x\n", encoding="utf-8")
    out = medialit("reference-build", PRACTICE_ID, env=dict(os.environ))
    assert out.returncode == 2 and "not valid YAML at line" in out.stderr and "Traceback" not in out.stderr


def test_quotes_match_whole_words_only():
    seed = load_article(SEED_ID)
    src = {"article_id": SEED_ID, "hedges": [{"id": "x", "cue": "may", "category": "modal", "holder": "reporter"}]}
    doc = build_document(seed, src)
    cue = doc["hedges"][0]["cue"]
    assert seed.text.count("may") == 2, "the article also has 'dismay'"
    assert cue["text"] == "may" and seed.text[cue["start"] - 5 : cue["end"]] == "Some may"


def test_locators_pick_occurrences_and_stretches():
    seed = load_article(SEED_ID)
    title = "US efforts to rally allies against China are ‘useless’, Beijing says on eve of Alaska talks"
    src = {"article_id": SEED_ID, "claims": [
        {"id": "a", "span": {"text": title, "occurrence": 2}, "status": "attributed_claim"},
        {"id": "b", "span": {"text": "would", "after": "The worst scenario"}, "status": "attributed_claim"},
        {"id": "c", "span": {"from": "“If one side", "to": "Liu said."}, "status": "attributed_claim"},
    ]}
    a, b, c = build_document(seed, src)["claims"]
    assert a["span"]["start"] == seed.text.index(title, seed.text.index(title) + 1)
    assert b["span"]["start"] == seed.text.index("would be fierce")
    assert c["span"]["text"].startswith("“If one side") and c["span"]["text"].endswith("” Liu said.")
    with pytest.raises(ReferenceSourceError, match=r"claims\[0\] \(id 'a'\)\.span: .* occurs only 2 time"):
        build_document(seed, {"article_id": SEED_ID, "claims": [
            {"id": "a", "span": {"text": title, "occurrence": 3}, "status": "attributed_claim"}]})


def test_related_links_are_kept_out_of_the_reporting_layers():
    practice = load_article(PRACTICE_ID)
    src = {"article_id": PRACTICE_ID, "claims": [
        {"id": "r", "span": "Seal numbers in Wrenmouth harbour are recovering, says wildlife trust",
         "status": "reported_fact"}]}
    with pytest.raises(ReferenceSourceError, match="related part"):
        build_document(practice, src)


# -- the references ----------------------------------------------------------------------

def test_both_references_validate(article):
    doc = ann.load(article.reference_path, article.text)
    assert doc["article_id"] == article.id
    assert doc["producer"]["kind"] == "reference"
    assert is_up_to_date(article)
    for layer in ("sources", "attributions", "hedges", "boosters", "claims"):
        assert doc[layer], f"{article.id}: {layer} is empty"
    assert {"frames", "loaded_language", "scare_quotes", "metaphors"} <= set(doc["framing"])


def test_every_source_id_exists_and_every_source_speaks(article):
    doc = article.reference
    ids = {s["id"] for s in doc["sources"]}
    assert len(ids) == len(doc["sources"])
    used = set()
    for layer in ("attributions", "hedges", "boosters"):
        for item in doc[layer]:
            if item.get("source_id") is not None:
                assert item["source_id"] in ids, f"{item['id']}: unknown source {item['source_id']!r}"
                used.add(item["source_id"])
    joint_notes = " ".join(a.get("note", "") for a in doc["attributions"] if a.get("source_id") is None)
    for sid in ids - used:
        assert sid in joint_notes, f"source {sid!r} is never attributed anything"


def _coverage_problems(article) -> list[str]:
    text, parts = article.text, article.structure
    owner = [None] * len(text)
    problems = []
    for i, p in enumerate(parts):
        for k in range(p["start"], p["end"]):
            if owner[k] is not None:
                problems.append(f"character {k} is in parts {owner[k]} and {i}")
            owner[k] = i
    for k, ch in enumerate(text):
        if owner[k] is None and not ch.isspace():
            line_start = text.rfind("\n", 0, k) + 1
            if ch == "•" and not text[line_start:k].strip():
                continue  # list bullet: page markup before a standfirst line
            problems.append(f"character {k} ({ch!r}) is in no part")
    for i, p in enumerate(parts):
        if p["text"] != p["text"].strip():
            problems.append(f"part {i} has white space at its edges")
    return problems


def test_structure_parts_cover_every_non_blank_character_exactly_once(article):
    assert _coverage_problems(article) == []


def test_coverage_check_notices_a_gap(article, monkeypatch):
    parts = [dict(p) for p in article.structure]
    parts[-1]["end"] -= 3
    parts[-1]["text"] = article.text[parts[-1]["start"]:parts[-1]["end"]]
    fake = type("A", (), {"text": article.text, "structure": parts})()
    assert any("is in no part" in p for p in _coverage_problems(fake))


def test_attribution_spans_stay_in_the_part_of_their_content(article):
    doc = article.reference
    for a in doc["attributions"]:
        part = article.part_at(a["content"]["start"])
        assert part in REPORT_PARTS and a["part"] == part, a["id"]
        assert article.part_at(a["content"]["end"] - 1) == part
        holder = next(p for p in article.structure if p["start"] <= a["content"]["start"] < p["end"])
        for key in ("speaker", "cue"):
            if a.get(key):
                assert holder["start"] <= a[key]["start"] and a[key]["end"] <= holder["end"], (a["id"], key)


def test_content_follows_the_quote_mark_rule(article):
    text = article.text
    for a in article.reference["attributions"]:
        content = a["content"]["text"]
        if a["kind"] == "direct":
            assert content[0] in OPENING_QUOTES, a["id"]
            part_end = next(p["end"] for p in article.structure if p["start"] <= a["content"]["start"] < p["end"])
            assert content[-1] in CLOSING_QUOTES or a["content"]["end"] == part_end, a["id"]
        else:
            assert not content.startswith("that "), a["id"]
            assert content[0] not in OPENING_QUOTES or a["kind"] == "mixed", a["id"]
        if a["kind"] == "mixed":
            assert any(q in content for q in OPENING_QUOTES), a["id"]
        if a["kind"] == "indirect":
            assert not any(q in content for q in "“”"), a["id"]
        if a["kind"] != "direct":
            assert not content.endswith("."), f"{a['id']}: indirect content ends before the full stop"
        assert text[a["content"]["start"]:a["content"]["end"]] == content


def test_seed_has_attributions_in_headline_standfirst_caption_and_video(seed):
    parts = {a["part"] for a in seed.reference["attributions"]}
    assert {"headline", "standfirst", "caption", "video", "body"} <= parts
    headline = [a for a in seed.reference["attributions"] if a["part"] == "headline"]
    found = [(a["speaker"]["text"], a["cue"]["text"], a["source_id"]) for a in headline]
    assert found == [("Beijing", "says", "beijing")]


def test_pronoun_he_resolves_to_cui_tiankai(seed):
    (he,) = by_speaker(seed.reference, "He")
    assert he["speaker_name"] == "Cui Tiankai" and he["source_id"] == "cui-tiankai"
    assert he["kind"] == "mixed" and "“own business”" in he["content"]["text"]
    for a in by_speaker(seed.reference, "Cui"):
        assert a["speaker_name"] == "Cui Tiankai"


def test_wang_is_wang_yiwei_not_the_foreign_minister(seed):
    wang = by_speaker(seed.reference, "Wang")
    assert len(wang) == 2 and {a["speaker_name"] for a in wang} == {"Wang Yiwei"}
    assert {a["source_id"] for a in wang} == {"wang-yiwei"}
    names = {s["name"] for s in seed.reference["sources"]}
    assert "Wang Yiwei" in names and "Wang Yi" not in names


def test_quotation_continued_across_paragraphs_has_no_cue_of_its_own(seed):
    (cont,) = [a for a in seed.reference["attributions"] if a["content"]["text"].startswith("“Therefore")]
    assert cont["cue"] is None and cont["speaker"] is None and cont["source_id"] == "wang-yiwei"


def test_practice_article_resolves_shared_surnames_and_pronouns():
    doc = load_article(PRACTICE_ID).reference
    assert {a["speaker_name"] for a in by_speaker(doc, "Ms Penhallow")} == {"Ruth Penhallow"}
    assert {a["speaker_name"] for a in by_speaker(doc, "Mr Penhallow")} == {"Tomas Penhallow"}
    assert {a["source_id"] for a in by_speaker(doc, "He")} == {"tomas-penhallow"}
    assert {a["source_id"] for a in by_speaker(doc, "she")} == {"imogen-vale"}
    types = {s["type"] for s in doc["sources"]}
    assert {"official", "expert", "document", "organisation", "media", "unnamed_individual",
            "unnamed_group", "other"} <= types


def test_practice_article_is_marked_constructed_with_the_package_licence():
    practice = load_article(PRACTICE_ID)
    assert practice.constructed is True
    assert practice.meta["licence"] == "MIT, part of medialit"
    assert 450 <= len(practice.text.split()) <= 650


def test_look_alikes_are_not_hedges():
    practice = load_article(PRACTICE_ID)
    hedge_starts = {h["cue"]["start"] for h in practice.reference["hedges"]}
    text = practice.text
    for phrase, word in [("in May.", "May"), ("can produce", "can"), ("questions about", "about"),
                         ("suggested a meeting", "suggested"), ("about a judicial", "about")]:
        assert text.index(phrase) + phrase.index(word) not in hedge_starts, phrase
    assert text.index("about 4,000") in hedge_starts


def test_every_loaded_cue_is_loaded_language(article):
    doc = article.reference
    loaded = {(x["span"]["start"], x["span"]["end"]) for x in doc["framing"]["loaded_language"]}
    for a in doc["attributions"]:
        if a.get("cue_connotation") == "loaded":
            assert (a["cue"]["start"], a["cue"]["end"]) in loaded, a["id"]


def test_one_primary_frame_per_scope_with_cues_in_that_scope(article):
    frames = article.reference["framing"]["frames"]
    for scope in ("headline", "body"):
        assert sum(1 for f in frames if f["scope"] == scope and f.get("primary")) == 1, scope
    for f in frames:
        assert f["cues"], f["id"]
        assert {article.part_at(c["start"]) for c in f["cues"]} == {f["scope"]}, f["id"]


def test_claims_tile_the_report(article):
    text = article.text
    covered = [0] * len(text)
    for c in article.reference["claims"]:
        for k in range(c["span"]["start"], c["span"]["end"]):
            covered[k] += 1
    for p in article.structure:
        for k in range(p["start"], p["end"]):
            expected = 1 if p["label"] in REPORT_PARTS else 0
            if not text[k].isspace() or expected == 0:
                assert covered[k] == expected, (p["label"], k, text[max(0, k - 20):k + 20])
    for c in article.reference["claims"]:
        part = article.part_at(c["span"]["start"])
        assert article.part_at(c["span"]["end"] - 1) == part, f"{c['id']} crosses a part"
        inner = c["span"]["text"].rstrip("”’")[:-1]
        assert not re.search(r"[a-z”’)][.!?]”? [A-Z“‘]", inner.replace("Mr ", "").replace("Ms ", "")), \
            f"{c['id']} holds more than one sentence"


def _quoted_regions(doc) -> list[tuple[int, int]]:
    regions = []
    for a in doc["attributions"]:
        start, content = a["content"]["start"], a["content"]["text"]
        if a["kind"] == "direct":
            regions.append((start, start + len(content)))
        elif a["kind"] == "mixed":
            for m in re.finditer(r"“[^”]*”|‘[^’]*’", content):
                regions.append((start + m.start(), start + m.end()))
    return regions


def test_holder_agrees_with_whose_words_they_are(article):
    doc = article.reference
    contents = [(a["content"]["start"], a["content"]["end"], a.get("source_id")) for a in doc["attributions"]]
    cues = {(a["cue"]["start"], a.get("source_id")) for a in doc["attributions"] if a.get("cue")}
    for layer in ("hedges", "boosters"):
        for h in doc[layer]:
            s, e = h["cue"]["start"], h["cue"]["end"]
            inside = [sid for cs, ce, sid in contents if cs <= s and e <= ce]
            if h["holder"] == "source":
                assert "source_id" in h, h["id"]
                assert h["source_id"] in inside or (s, h["source_id"]) in cues, h["id"]
            else:
                assert not inside and h.get("source_id") is None, h["id"]
    quoted = _quoted_regions(doc)
    for name in ("scare_quotes", "metaphors", "loaded_language"):
        for x in doc["framing"][name]:
            s, e = x["span"]["start"], x["span"]["end"]
            in_quote = any(qs <= s and e <= qe for qs, qe in quoted)
            assert in_quote == (x["holder"] == "source"), (name, x["id"])


def test_reference_files_name_provenance_and_licence(article):
    import yaml

    src = yaml.safe_load((article.path / "reference.src.yaml").read_text(encoding="utf-8"))
    assert src["provenance"].strip() and src["licence"].startswith("MIT")


def test_reference_build_import_stays_light():
    code = ("import sys, medialit.articles.reference_build, medialit.core.codebook; "
            "print([m for m in ('spacy', 'jsonschema', 'yaml', 'ipywidgets') if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                         cwd=REPO)
    assert out.stdout.strip() == "[]", out.stdout + out.stderr


def test_a_broken_meta_yaml_says_where(practice_copy):
    from medialit.core.annotation import AnnotationError

    meta = practice_copy / "meta.yaml"
    meta.write_text(meta.read_text(encoding="utf-8") + "outlet: [unclosed\n", encoding="utf-8")
    with pytest.raises(AnnotationError, match=r"(?s)meta\.yaml is not valid.*not valid YAML at line \d+, column \d+"):
        _ = load_article(PRACTICE_ID).meta


def test_a_meta_yaml_that_is_not_utf8_says_so(practice_copy):
    from medialit.core.annotation import AnnotationError

    (practice_copy / "meta.yaml").write_bytes(b"id: caf\xe9\n")
    with pytest.raises(AnnotationError, match=r"not UTF-8 text \(byte 7\); re-save the file as UTF-8"):
        _ = load_article(PRACTICE_ID).meta
