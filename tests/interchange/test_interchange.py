"""Label Studio and doccano: export then import gives back the original annotation.

The round trip is checked on every article's reference and on many random documents
over a constructed text with characters outside the Basic Multilingual Plane (where
JavaScript's UTF-16 offsets and Python's code points differ).  Edits made in the tools
(moved spans, changed categories, deleted and added regions) must be taken on import.
"""

from __future__ import annotations

import copy
import json
import random
import subprocess
import sys

import pytest

from medialit.articles.article import list_articles
from medialit.core import annotation as ann
from medialit.core.spans import find_span
from medialit.interchange import ExchangeError, export_text, import_document
from medialit.interchange.label_studio import labeling_config
from medialit.interchange.regions import allowed_values

#: A constructed text (fictional town and people) with astral characters: an emoji,
#: a mathematical letter and a CJK extension-B ideograph, plus curly quotes and paragraphs.
ASTRAL_TEXT = (
    "Merrowby council 🚢 doubles harbour toll\n\n"
    "The toll will double from July, the council said on Wednesday. “We can’t keep the quay standing "
    "on goodwill,” said Mayor Ida Fenn. Crews called it “a slow eviction” 😠 and warned that boats "
    "might leave for Saltmere.\n\n"
    "Tomas Reyl, an economist at Halbrook University, said the rise was probably unavoidable. "
    "𝒜 storm of protest is likely, according to one skipper, who said the 𠀋 sign on the quay "
    "would stay. Boats would almost certainly move.\n"
)

FORMATS = [("label-studio", {}), ("label-studio", {"offsets": "utf16"}), ("label-studio", {"as_predictions": True}),
           ("doccano", {}), ("doccano", {"relations": True}), ("doccano", {"offsets": "codepoints"})]


def round_trip(doc, text, fmt, **kw):
    out = export_text(doc, text, fmt, **kw)
    back, notes = import_document(out, text, doc["article_id"], fmt)
    return back, notes, out


def articles_with_reference():
    return [a for a in list_articles() if a.reference_path.exists()]


@pytest.mark.parametrize("fmt,kw", FORMATS)
def test_every_reference_round_trips_byte_for_byte(fmt, kw):
    articles = articles_with_reference()
    assert articles, "at least the seed article has a reference"
    for article in articles:
        doc = article.reference
        back, _, _ = round_trip(doc, article.text, fmt, **kw)
        assert back == doc, f"{article.id} via {fmt} {kw}"
        assert ann.dumps(back) == ann.dumps(doc)


# -- random documents ----------------------------------------------------------------------
def random_span(rng, text):
    words = [m for m in __import__("re").finditer(r"\S+", text)]
    i = rng.randrange(len(words))
    j = min(len(words) - 1, i + rng.randrange(4))
    s, e = words[i].start(), words[j].end()
    if rng.random() < 0.1:  # a span that starts or ends on an astral character or a quote mark
        s = max(0, s - 1)
    return {"start": s, "end": e, "text": text[s:e]}


def random_document(rng, text, article_id="astral-test"):
    doc = ann.new_document(article_id, text, producer=rng.choice(["reference", "analyzer", "student"]), name="r")
    if rng.random() < 0.5:
        doc["producer"]["reviewed"] = rng.random() < 0.5
    sources = [{"id": f"s{k}", "name": f"Source {k}", "type": rng.choice(allowed_values("SPEAKER", "source_type")),
                "named": rng.random() < 0.5} for k in range(1, rng.randrange(1, 4))]
    if rng.random() < 0.8:
        doc["sources"] = sources
    n = 0

    def nid(prefix):
        nonlocal n
        n += 1
        return f"{prefix}{n}"

    def maybe(item, key, values):
        if rng.random() < 0.5:
            item[key] = rng.choice(values)

    layers = {}
    layers["attributions"] = []
    for _ in range(rng.randrange(0, 6)):
        item = {"id": nid("a")}
        item["speaker"] = random_span(rng, text) if rng.random() < 0.7 else None
        item["speaker_name"] = item["speaker"]["text"] if item["speaker"] else None
        if doc.get("sources") and rng.random() < 0.5:
            item["source_id"] = rng.choice(doc["sources"])["id"]
        maybe(item, "source_type", allowed_values("SPEAKER", "source_type"))
        item["cue"] = random_span(rng, text) if rng.random() < 0.8 else None
        item["content"] = random_span(rng, text)
        item["kind"] = rng.choice(allowed_values("CONTENT", "kind"))
        maybe(item, "cue_connotation", allowed_values("CUE", "cue_connotation"))
        maybe(item, "part", ["body", "headline", "standfirst"])
        maybe(item, "note", ["a note", "another note with “quotes” 😀"])
        layers["attributions"].append(item)
    for layer, label in (("hedges", "HEDGE"), ("boosters", "BOOSTER")):
        layers[layer] = []
        for _ in range(rng.randrange(0, 5)):
            item = {"id": nid(layer[0]), "cue": random_span(rng, text),
                    "category": rng.choice(allowed_values(label, "category"))}
            maybe(item, "holder", ["reporter", "source"])
            maybe(item, "note", ["n"])
            layers[layer].append(item)
        if layers[layer] and rng.random() < 0.3:  # the same span twice with different categories
            twin = copy.deepcopy(layers[layer][0])
            twin["id"] = nid(layer[0])
            twin["category"] = rng.choice(allowed_values(label, "category"))
            layers[layer].append(twin)
    layers["claims"] = [{"id": nid("c"), "span": random_span(rng, text),
                         "status": rng.choice(allowed_values("CLAIM", "status"))} for _ in range(rng.randrange(0, 4))]
    framing = {}
    if rng.random() < 0.8:
        framing["frames"] = []
        for _ in range(rng.randrange(0, 4)):
            item = {"id": nid("f"), "frame": rng.choice(allowed_values("FRAME", "frame")),
                    "scope": rng.choice(["headline", "body"])}
            if rng.random() < 0.8:
                item["cues"] = [random_span(rng, text) for _ in range(rng.randrange(0, 4))]
            maybe(item, "primary", [True, False])
            framing["frames"].append(item)
    for name in ("loaded_language", "scare_quotes", "metaphors"):
        if rng.random() < 0.7:
            framing[name] = []
            for _ in range(rng.randrange(0, 3)):
                item = {"id": nid(name[0] + "x"), "span": random_span(rng, text)}
                maybe(item, "holder", ["reporter", "source"])
                maybe(item, "note", ["n"])
                framing[name].append(item)
    if framing or rng.random() < 0.3:
        layers["framing"] = dict(rng.sample(list(framing.items()), len(framing)))
    for key in rng.sample(list(layers), len(layers)):
        if layers[key] or rng.random() < 0.4:  # empty layers sometimes present, sometimes absent
            doc[key] = layers[key]
    # shuffle the keys of every item: their order must survive too
    for _, item in list(ann.iter_items(doc)):
        keys = list(item)
        rng.shuffle(keys)
        shuffled = {k: item[k] for k in keys}
        item.clear()
        item.update(shuffled)
    return ann.validate(doc, text)


def test_text_has_astral_characters():
    assert any(ord(c) > 0xFFFF for c in ASTRAL_TEXT)
    assert len(ASTRAL_TEXT.encode("utf-16-le")) // 2 > len(ASTRAL_TEXT)


@pytest.mark.parametrize("fmt,kw", FORMATS)
def test_random_documents_round_trip(fmt, kw):
    rng = random.Random(f"{fmt}{sorted(kw.items())}")
    for _ in range(150):
        doc = random_document(rng, ASTRAL_TEXT)
        back, _, _ = round_trip(doc, ASTRAL_TEXT, fmt, **kw)
        assert ann.dumps(back) == ann.dumps(doc)


# -- offsets ------------------------------------------------------------------------------
def js_offset(text, cp):
    """What JavaScript's String.length gives for text[:cp]."""
    return len(text[:cp].encode("utf-16-le")) // 2


def astral_doc():
    t = ASTRAL_TEXT
    doc = ann.new_document("astral-test", t, producer="reference")
    doc["hedges"] = [{"id": "h1", "cue": find_span(t, "probably").to_json(), "category": "adverb"}]
    doc["framing"] = {"metaphors": [{"id": "m1", "span": find_span(t, "𝒜 storm of protest").to_json()}]}
    doc["boosters"] = [{"id": "b1", "cue": find_span(t, "almost certainly").to_json(), "category": "adverb"}]
    return ann.validate(doc, t)


def test_doccano_writes_utf16_offsets_by_default():
    doc = astral_doc()
    rec = json.loads(export_text(doc, ASTRAL_TEXT, "doccano"))
    by_label = {lab: (s, e) for s, e, lab in rec["label"]}
    m = doc["framing"]["metaphors"][0]["span"]
    assert by_label["METAPHOR"] == (js_offset(ASTRAL_TEXT, m["start"]), js_offset(ASTRAL_TEXT, m["end"]))
    assert by_label["METAPHOR"] != (m["start"], m["end"]), "two emoji come before it"
    h = doc["hedges"][0]["cue"]
    assert by_label["HEDGE:adverb"] == (js_offset(ASTRAL_TEXT, h["start"]), js_offset(ASTRAL_TEXT, h["end"]))


def test_label_studio_writes_code_points_and_reads_old_utf16_exports():
    doc = astral_doc()
    tasks = json.loads(export_text(doc, ASTRAL_TEXT, "label-studio"))
    regions = {r["value"]["labels"][0]: r["value"] for r in tasks[0]["annotations"][0]["result"]
               if r["type"] == "labels"}
    assert ASTRAL_TEXT[regions["METAPHOR"]["start"]:regions["METAPHOR"]["end"]] == "𝒜 storm of protest"
    # an export from a Label Studio that counted UTF-16 units, without our metadata
    for r in tasks[0]["annotations"][0]["result"]:
        if "value" in r:
            r["value"]["start"] = js_offset(ASTRAL_TEXT, r["value"]["start"])
            r["value"]["end"] = js_offset(ASTRAL_TEXT, r["value"]["end"])
    del tasks[0]["data"]["medialit"]
    back, notes = import_document(json.dumps(tasks), ASTRAL_TEXT, "astral-test", "label-studio")
    assert any("UTF-16" in n for n in notes)
    assert back["framing"]["metaphors"][0]["span"] == doc["framing"]["metaphors"][0]["span"]
    assert back["hedges"][0]["cue"] == doc["hedges"][0]["cue"]


def test_offset_inside_a_surrogate_pair_is_refused():
    doc = astral_doc()
    rec = json.loads(export_text(doc, ASTRAL_TEXT, "doccano"))
    emoji_at = js_offset(ASTRAL_TEXT, ASTRAL_TEXT.index("🚢"))
    rec["label"].append([emoji_at + 1, emoji_at + 5, "LOADED"])
    with pytest.raises(ExchangeError) as info:
        import_document(json.dumps(rec), ASTRAL_TEXT, "astral-test", "doccano")
    assert "surrogate pair" in str(info.value)


# -- edits made in the tools --------------------------------------------------------------
def seed_doc_and_tasks(seed):
    doc = seed.reference
    tasks = json.loads(export_text(doc, seed.text, "label-studio"))
    return doc, tasks


def test_label_studio_edits_are_taken(seed):
    doc, tasks = seed_doc_and_tasks(seed)
    result = tasks[0]["annotations"][0]["result"]
    hedge = doc["hedges"][0]
    # 1. change the category of the first hedge in its per-region choices
    other = next(c for c in allowed_values("HEDGE", "category") if c != hedge["category"])
    for r in result:
        if r.get("from_name") == "hedge_category" and r["id"].startswith(hedge["id"] + "-"):
            r["value"]["choices"] = [other]
    # 2. delete every region of the first claim
    claim = doc["claims"][0]
    result[:] = [r for r in result if not str(r.get("id", "")).startswith(claim["id"] + "-")]
    # 3. add a new loaded-language region and a new attribution linked by relations
    t = seed.text
    loaded = find_span(t, "shrugged off")
    content = find_span(t, "compromise on key issues is unlikely")
    cue = find_span(t, "stressing")
    speaker = find_span(t, "both", after=t.index("with both stressing"))

    def region(rid, span, label, **choices):
        v = {"start": span.start, "end": span.end, "text": span.text}
        out = [{"id": rid, "from_name": "label", "to_name": "text", "type": "labels",
                "value": {**v, "labels": [label]}}]
        for name, value in choices.items():
            out.append({"id": rid, "from_name": name, "to_name": "text", "type": "choices",
                        "value": {**v, "choices": [value]}})
        return out

    result += region("Xy7", loaded, "LOADED", loaded_holder="reporter")
    result += region("Q1", speaker, "SPEAKER") + region("Q2", cue, "CUE") + region("Q3", content, "CONTENT",
                                                                                    content_kind="indirect")
    result += [{"from_id": "Q1", "to_id": "Q2", "type": "relation", "direction": "right"},
               {"from_id": "Q2", "to_id": "Q3", "type": "relation", "direction": "right"}]
    back, notes = import_document(json.dumps(tasks), t, seed.id, "label-studio")
    ann.validate(back, t)
    assert next(h for h in back["hedges"] if h["id"] == hedge["id"])["category"] == other
    assert claim["id"] not in {c["id"] for c in back["claims"]}
    assert any(claim["id"] in n and "removed" in n for n in notes)
    new_loaded = [x for x in back["framing"]["loaded_language"] if x["span"]["text"] == "shrugged off"
                  and x["id"] not in {y["id"] for y in doc["framing"]["loaded_language"]}]
    assert new_loaded and new_loaded[0]["holder"] == "reporter"
    new_attr = [a for a in back["attributions"] if a["id"] not in {b["id"] for b in doc["attributions"]}]
    assert len(new_attr) == 1
    a = new_attr[0]
    assert (a["speaker"]["text"], a["cue"]["text"], a["content"]["text"], a["kind"]) == (
        "both", "stressing", "compromise on key issues is unlikely", "indirect")
    # everything untouched is unchanged
    assert back["attributions"][: len(doc["attributions"])] == doc["attributions"]
    assert back["sources"] == doc["sources"]


def test_moved_span_in_doccano_becomes_a_new_item_and_the_old_one_goes(seed):
    doc = seed.reference
    rec = json.loads(export_text(doc, seed.text, "doccano"))
    hedge = doc["hedges"][0]
    old = [hedge["cue"]["start"], hedge["cue"]["end"], f"HEDGE:{hedge['category']}"]
    assert old in rec["label"]
    rec["label"].remove(old)
    new_span = find_span(seed.text, "unlikely")
    rec["label"].append([new_span.start, new_span.end, "HEDGE:adjective"])
    back, notes = import_document(json.dumps(rec, ensure_ascii=False), seed.text, seed.id, "doccano")
    assert hedge["id"] not in {h["id"] for h in back["hedges"]}
    added = [h for h in back["hedges"] if h["cue"]["text"] == "unlikely" and h["category"] == "adjective"]
    assert added, notes


# -- bad input -----------------------------------------------------------------------------
def test_a_new_region_without_its_category_is_a_clear_problem(seed):
    rec = json.loads(export_text(seed.reference, seed.text, "doccano"))
    span = find_span(seed.text, "unlikely")
    rec["label"].append([span.start, span.end, "HEDGE"])
    with pytest.raises(ExchangeError) as info:
        import_document(json.dumps(rec), seed.text, seed.id, "doccano")
    msg = str(info.value)
    assert "HEDGE region" in msg and "no category" in msg and "modal" in msg


def test_unknown_label_and_wrong_text_are_explained(seed):
    rec = json.loads(export_text(seed.reference, seed.text, "doccano"))
    rec["label"].append([0, 5, "PERSON"])
    with pytest.raises(ExchangeError) as info:
        import_document(json.dumps(rec), seed.text, seed.id, "doccano")
    assert "unknown label 'PERSON'" in str(info.value)
    with pytest.raises(ExchangeError) as info:
        import_document(json.dumps(rec), seed.text + " changed", seed.id, "doccano")
    assert "no line among 1 has this article's text" in str(info.value)


def test_several_annotations_need_a_pick(seed):
    doc, tasks = seed_doc_and_tasks(seed)
    first = tasks[0]["annotations"][0]
    second = copy.deepcopy(first)
    second["result"] = [r for r in second["result"] if r.get("type") != "relation"][:3]
    tasks[0]["annotations"].append(second)
    with pytest.raises(ExchangeError) as info:
        import_document(json.dumps(tasks), seed.text, seed.id, "label-studio")
    assert "--pick N" in str(info.value)
    back, _ = import_document(json.dumps(tasks), seed.text, seed.id, "label-studio", pick=1)
    assert back == doc


def test_labeling_config_lists_every_label_and_choice():
    xml = labeling_config()
    import xml.etree.ElementTree as ET

    root = ET.fromstring(xml)
    labels = {el.get("value") for el in root.iter("Label")}
    assert {"SPEAKER", "CUE", "CONTENT", "HEDGE", "BOOSTER", "CLAIM", "FRAME", "LOADED", "SCARE_QUOTE",
            "METAPHOR"} == labels
    kinds = [c for c in root.iter("Choices") if c.get("name") == "content_kind"]
    assert kinds and {ch.get("value") for ch in kinds[0].iter("Choice")} == {"direct", "indirect", "mixed"}
    assert all(c.get("perRegion") == "true" for c in root.iter("Choices"))


# -- command line ---------------------------------------------------------------------------
def medialit(*args):
    return subprocess.run([sys.executable, "-m", "medialit.cli", *args], capture_output=True, text=True,
                          encoding="utf-8", timeout=120)


@pytest.mark.parametrize("fmt", ["label-studio", "doccano"])
def test_cli_export_then_import_gives_the_reference(seed, tmp_path, fmt):
    out = tmp_path / "exported"
    cfg = tmp_path / "config"
    r = medialit("export", seed.id, "--to", fmt, "--out", str(out), "--config", str(cfg))
    assert r.returncode == 0, r.stderr
    assert cfg.read_text(encoding="utf-8").strip()
    back = tmp_path / "back.json"
    r = medialit("import", str(out), "--from", fmt, "--article", seed.id, "--out", str(back))
    assert r.returncode == 0, r.stderr
    assert back.read_text(encoding="utf-8") == ann.dumps(seed.reference)
    # refuses to overwrite without --force
    r = medialit("import", str(out), "--from", fmt, "--article", seed.id, "--out", str(back))
    assert r.returncode == 2 and "already exists" in r.stderr and "--force" in r.stderr


def test_cli_import_errors_are_messages_not_tracebacks(seed, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    r = medialit("import", str(bad), "--from", "label-studio", "--article", seed.id)
    assert r.returncode == 1 and "not valid JSON" in r.stderr and "Traceback" not in r.stderr
    r = medialit("import", str(tmp_path / "absent.json"), "--from", "doccano", "--article", seed.id)
    assert r.returncode == 2 and "file not found" in r.stderr
    r = medialit("export", "no-such-thing", "--to", "doccano")
    assert r.returncode == 2 and "neither an annotation file nor a known article id" in r.stderr
