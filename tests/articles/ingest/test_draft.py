"""The draft reference `article add` writes covers every layer a lesson needs, and says why.

Pages and sentences are constructed: fictional outlets, places and people.
"""

from __future__ import annotations

import json

import pytest

from medialit.articles.article import Article
from medialit.articles.ingest.add import draft_annotation, prepare, write
from medialit.core import annotation as ann
from tests.support.paths import FIXTURES

FIX = FIXTURES / "instructor"


@pytest.fixture(scope="module")
def kelvedge(tmp_path_factory):
    """The no-</head> page of the instructor's report, added with its draft."""
    pytest.importorskip("spacy")
    draft = prepare(FIX / "no-head-end-page.html")
    folder, notes = write(draft, tmp_path_factory.mktemp("seeds"))
    return Article(folder), notes


def draft_of(text: str, headline: bool = False) -> dict:
    parts = None
    if headline:
        first = text.index("\n\n")
        parts = [{"label": "headline", "start": 0, "end": first, "text": text[:first]},
                 {"label": "body", "start": first + 2, "end": len(text), "text": text[first + 2:]}]
    doc, why = draft_annotation("constructed", text, parts)
    assert doc is not None, why
    return doc


def by_name(doc: dict) -> dict[str, dict]:
    return {s["name"]: s for s in doc["sources"]}


def test_every_drafted_item_says_how_sure_and_why(kelvedge):
    article, notes = kelvedge
    doc = ann.load(article.reference_path, article.text)  # validates
    items = list(ann.iter_items(doc))
    layers = {layer for layer, _ in items}
    assert {"sources", "attributions", "hedges", "framing.frames"} <= layers
    for _, item in items:
        assert 0 <= item["draft"]["confidence"] <= 1 and item["draft"]["rule"]
    assert doc["producer"]["reviewed"] is False and "primary frames are proposals" in doc["producer"]["note"]
    assert any("draft reference annotation" in n for n in notes)


def test_the_reviewer_sees_why(kelvedge):
    from medialit.articles.review import DraftReview

    article, _ = kelvedge
    review = DraftReview(article)
    assert all(row["why"].startswith("confidence ") for row in review.table())
    primary = next(f for f in article.reference["framing"]["frames"] if f["primary"])
    assert review.describe(primary["id"]).endswith("(a proposal)]")


def test_the_reported_errors_are_fixed_on_the_page(kelvedge):
    article, _ = kelvedge
    doc = article.reference
    enough = [a for a in doc["attributions"] if a["content"]["text"] == "“Enough is enough,”"]
    assert len(enough) == 1
    a = enough[0]
    assert (a["kind"], a["speaker"]["text"], a["cue"]["text"], a["source_id"]) == (
        "direct", "Councillor Tolley", "said", "brenna-tolley")
    assert "“…,” X said" in a["draft"]["rule"]
    assert doc["framing"]["scare_quotes"] == []
    speakers = {(a["speaker"] or {}).get("text") for a in doc["attributions"]}
    assert not speakers & {"a push", "The delay"}
    assert not [a for a in doc["attributions"] if a["cue"] and a["cue"]["text"] in ("disclose", "follows")]


def test_sources_are_listed_once_with_type_and_linked(kelvedge):
    article, _ = kelvedge
    doc = article.reference
    sources = by_name(doc)
    tolley = sources["Brenna Tolley"]
    assert (tolley["type"], tolley["named"], tolley["role"]) == ("official", True, "Councillor")
    assert "title “Councillor”" in tolley["draft"]["rule"] and tolley["draft"]["entity"] == "a person's name"
    ids = {s["id"] for s in doc["sources"]}
    tolley_attrs = [a for a in doc["attributions"] if a.get("source_id") == "brenna-tolley"]
    assert len(tolley_attrs) == 2 and all(a["source_type"] == "official" for a in tolley_attrs)
    assert all(a["source_id"] in ids for a in doc["attributions"] if a.get("source_id"))
    [probably] = [h for h in doc["hedges"] if h["cue"]["text"] == "probably"]
    assert (probably["holder"], probably["source_id"]) == ("source", "harold-penrice")
    assert "Harold Penrice’s attributed words" in probably["draft"]["rule"]


def test_frames_are_proposed_per_scope_with_their_evidence(kelvedge):
    article, _ = kelvedge
    frames = article.reference["framing"]["frames"]
    headline = [f for f in frames if f["scope"] == "headline"]
    body = [f for f in frames if f["scope"] == "body"]
    assert len(headline) == 1 and headline[0]["primary"] and headline[0]["frame"] == "political"
    assert [c["text"] for c in headline[0]["cues"]] == ["vote"]
    assert sum(f["primary"] for f in body) == 1
    primary = next(f for f in body if f["primary"])
    assert primary["draft"]["proposal"] is True and primary["note"].startswith("Proposed primary frame")
    assert all(article.part_at(c["start"]) == f["scope"] for f in frames for c in f["cues"])


def test_lessons_can_be_built_from_the_draft(kelvedge):
    """The questions a lesson needs from the sources and framing layers can be made."""
    from medialit.course.build import make_questions

    article, _ = kelvedge
    sources, left = make_questions("sources", article, lambda name: name)
    assert "src-named" in sources and "src-types" in sources, left
    framing, left = make_questions("framing", article, lambda name: name)
    assert "frm-frames" in framing and "frm-headline" in framing, left


def test_unnamed_document_group_and_joint_sources():
    doc = draft_of(
        "Ferry fares to rise, says operator\n\n"
        "A person familiar with the talks said the fares would rise in June.\n"
        "A report commissioned by the harbour board found that the slipway was unsafe. "
        "The report suggests that repairs could take a year.\n"
        "Islanders who spoke to the Post were divided. Several said they would stop using the ferry.\n"
        "Petra Lund and Tam Ostby said the island needed a bridge.\n", headline=True)
    sources = by_name(doc)
    person = sources["person familiar with the talks"]
    assert (person["type"], person["named"]) == ("unnamed_individual", False)
    report = sources["report commissioned by the harbour board"]
    assert (report["type"], report["named"]) == ("document", True)
    linked = [a for a in doc["attributions"] if a.get("source_id") == report["id"]]
    assert len(linked) == 2 and linked[1]["speaker"]["text"] == "The report"  # joins the report named before
    several = next(a for a in doc["attributions"] if a["speaker"] and a["speaker"]["text"] == "Several")
    group = next(s for s in doc["sources"] if s["id"] == several["source_id"])
    assert (group["name"], group["type"], group["named"]) == ("islanders", "unnamed_group", False)
    joint = next(a for a in doc["attributions"] if a["content"]["text"] == "the island needed a bridge")
    assert joint["source_id"] is None  # held jointly by Petra Lund and Tam Ostby
    assert "Petra Lund" not in sources


def test_roles_give_types():
    doc = draft_of(
        "Dr Ilse Marrow, a marine ecologist at the Tarran Institute, said the seagrass could recover.\n"
        "Jon Abery, who chairs the Dunmore Anglers’ Club, said the catch was down.\n"
        "Jon Abery later added that the club would meet the council.\n")
    sources = by_name(doc)
    assert sources["Ilse Marrow"]["type"] == "expert" and "“ecologist”" in sources["Ilse Marrow"]["draft"]["rule"]
    assert sources["Ilse Marrow"]["affiliation"] == "Tarran Institute"
    assert sources["Jon Abery"]["type"] == "other"  # an office outside government
    assert len([s for s in doc["sources"] if "Abery" in s["name"]]) == 1


def test_accepting_the_article_removes_the_draft_notes(tmp_path, monkeypatch):
    from medialit.articles.review import accept_article

    draft = prepare(FIX / "json-ld-page.html")
    folder, _ = write(draft, tmp_path)
    assert any("draft" in item for _, item in ann.iter_items(json.loads((folder / "reference.json").read_text())))
    monkeypatch.setenv("MEDIALIT_SEEDS", str(tmp_path))
    done = accept_article(folder.name, reviewer="A. Teacher", today="2024-06-01",
                         accept_unreviewed=True)  # nobody checked the drafted items here
    assert any("confidence and rules removed" in d for d in done)
    doc = ann.load(folder / "reference.json", (folder / "article.txt").read_text(encoding="utf-8"))
    assert not any("draft" in item for _, item in ann.iter_items(doc))


def test_draft_notes_are_checked_by_the_schema():
    doc = {"schema_version": 1, "article_id": "x", "text_sha256": "0" * 64,
           "sources": [{"id": "s", "name": "Ana Veld", "type": "other", "named": True,
                        "draft": {"confidence": 1.5, "rule": "r"}}],
           "hedges": [{"id": "h1", "cue": {"start": 0, "end": 1, "text": "x"}, "category": "modal",
                       "draft": {"confidence": 0.5}}]}
    problems = ann.schema_problems(doc)
    assert any(p.startswith("sources[0]") and "draft.confidence: 1.5 is greater than the maximum" in p
               for p in problems)
    assert any(p.startswith("hedges[0]") and "draft: 'rule' is a required property" in p for p in problems)
    doc["sources"][0]["draft"]["confidence"] = 0.5
    doc["hedges"][0]["draft"]["rule"] = "stance_cues.yaml"
    assert ann.schema_problems(doc) == []
