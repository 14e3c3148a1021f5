"""Reviewing a draft reference item by item, and `medialit article review ID --accept`."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest
import yaml

from medialit.articles.article import load_article
from medialit.articles.review import DraftReview, ReviewError, accept_article
from medialit.core import annotation as ann
from tests.support.paths import REPO, SEED_ID


@pytest.fixture()
def draft_copy(tmp_path, monkeypatch, seed):
    """A copy of the seed folder, turned into a draft (status draft, analyzer producer)."""
    folder = tmp_path / SEED_ID
    shutil.copytree(seed.path, folder)
    (folder / "reference.src.yaml").unlink()  # a draft from `medialit article add` has none
    meta = folder / "meta.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("status: reviewed", "status: draft"), encoding="utf-8")
    doc = json.loads((folder / "reference.json").read_text(encoding="utf-8"))
    doc["producer"] = {"kind": "analyzer", "name": "medialit.nlp", "reviewed": False}
    (folder / "reference.json").write_text(ann.dumps(doc), encoding="utf-8")
    monkeypatch.setenv("MEDIALIT_SEEDS", str(tmp_path))
    article = load_article(SEED_ID)
    assert article.path == folder and not article.reviewed
    return article


def test_accept_edit_remove_add_then_save(draft_copy):
    review = DraftReview(draft_copy)
    before = review.doc
    first_hedge = before["hedges"][0]["id"]
    review.accept(first_hedge)
    assert first_hedge not in review.pending()

    claim = before["claims"][0]
    new_status = next(s for s in ("reported_fact", "attributed_claim", "speculation", "opinion")
                      if s != claim["status"])
    review.edit(claim["id"], status=new_status)
    review.remove(before["boosters"][0]["id"])
    added = review.add("framing.loaded_language", span="shrugged off", holder="reporter", note="dismissive verb")
    path = review.save()

    saved = ann.load(path, draft_copy.text)
    assert next(c for c in saved["claims"] if c["id"] == claim["id"])["status"] == new_status
    assert before["boosters"][0]["id"] not in {b["id"] for b in saved["boosters"]}
    new = next(x for x in saved["framing"]["loaded_language"] if x["id"] == added["id"])
    assert draft_copy.text[new["span"]["start"]:new["span"]["end"]] == "shrugged off"


def test_bad_edits_are_refused_and_nothing_changes(draft_copy):
    review = DraftReview(draft_copy)
    original = json.dumps(review.doc, sort_keys=True)
    attribution = review.doc["attributions"][0]
    with pytest.raises(ReviewError, match="does not occur in the article"):
        review.edit(attribution["id"], content="words that are not in the article")
    with pytest.raises(ann.AnnotationError, match="not a known label"):
        review.edit(attribution["id"], kind="sarcastic")
    with pytest.raises(ReviewError, match="no item with id"):
        review.remove("zz99")
    used_source = next(a["source_id"] for a in review.doc["attributions"] if a.get("source_id"))
    with pytest.raises(ReviewError, match="is used by"):
        review.remove(used_source)
    assert json.dumps(review.doc, sort_keys=True) == original


def test_accept_article_marks_it_reviewed(draft_copy):
    done = accept_article(SEED_ID, reviewer="Ada Quillfeather", today="2026-01-05")
    assert any("status: reviewed" in d for d in done)
    article = load_article(SEED_ID)
    assert article.reviewed
    meta_text = (article.path / "meta.yaml").read_text(encoding="utf-8")
    assert meta_text.startswith("# Metadata of the seed article")  # comments kept
    producer = article.reference["producer"]
    assert producer["kind"] == "reference" and producer["reviewed"] is True
    assert producer["name"] == "Ada Quillfeather"
    assert "2026-01-05" in producer["note"] and "medialit.nlp" in producer["note"]


def test_accept_refuses_an_invalid_reference_and_changes_nothing(draft_copy):
    ref = draft_copy.path / "reference.json"
    doc = json.loads(ref.read_text(encoding="utf-8"))
    doc["hedges"][0]["cue"]["end"] += 2
    ref.write_text(ann.dumps(doc), encoding="utf-8")
    meta_before = (draft_copy.path / "meta.yaml").read_bytes()
    with pytest.raises(ReviewError, match="cannot be marked reviewed") as info:
        accept_article(SEED_ID)
    assert "does not match the article" in str(info.value)
    assert (draft_copy.path / "meta.yaml").read_bytes() == meta_before


def test_cli_review(draft_copy, tmp_path):
    env = dict(os.environ, MEDIALIT_SEEDS=str(tmp_path))

    def run(*args):
        return subprocess.run([sys.executable, "-m", "medialit.cli", "article", "review", *args],
                              capture_output=True, text=True, encoding="utf-8", env=env, timeout=120)

    out = run(SEED_ID)
    assert out.returncode == 0 and "status draft" in out.stdout and "reviewed: False" in out.stdout
    out = run(SEED_ID, "--accept", "--reviewer", "Ada Quillfeather")
    assert out.returncode == 0, out.stderr
    meta = yaml.safe_load((draft_copy.path / "meta.yaml").read_text(encoding="utf-8"))
    assert meta["status"] == "reviewed"
    (draft_copy.path / "reference.json").unlink()
    out = run(SEED_ID, "--accept")
    assert out.returncode == 2 and "no reference annotation" in out.stderr and "Traceback" not in out.stderr


# -- the review notebook --------------------------------------------------------------------
NOTEBOOK = REPO / "docs" / "review-article.ipynb"


def test_review_notebook_is_committed_without_outputs():
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None


def test_review_notebook_runs_top_to_bottom_on_a_draft(draft_copy):
    """Executes every cell (a real kernel) against a draft copy: nothing fails, the reference
    saved is valid, and the article stays a draft because items are still unchecked."""
    nbformat = pytest.importorskip("nbformat")
    from nbclient import NotebookClient

    nb = nbformat.read(NOTEBOOK, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code" and cell.source.startswith("ARTICLE_ID ="):
            cell.source = f'ARTICLE_ID = "{SEED_ID}"\nREVIEWER = "Ada Quillfeather"'
    NotebookClient(nb, timeout=120, kernel_name="python3").execute()
    outputs = "\n".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    assert f"{SEED_ID}: US efforts to rally allies" in outputs
    assert "saved " in outputs and "still to check" in outputs
    assert not any(o.get("output_type") == "error" for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    article = load_article(SEED_ID)
    assert article.path == draft_copy.path and not article.reviewed
    ann.load(article.reference_path, article.text)


def test_review_panel_actions(draft_copy):
    pytest.importorskip("ipywidgets")
    from medialit.articles.review_panel import ReviewPanel
    from medialit.core.spans import find_span

    review = DraftReview(draft_copy)
    panel = ReviewPanel(review, layer="hedges")
    n = len(review.doc["hedges"])
    assert len(panel.rows.children) == n
    _text, keep, edit, drop = panel.rows.children[0].children
    first = panel.rows.children[0].item_id
    assert [b.description for b in (keep, edit, drop)] == ["Keep", "Edit", "Drop"]

    # Keep marks the item checked (pressed again, it takes the mark back).
    keep.click()
    assert first in review.accepted and keep.description == "Kept"
    keep.click()
    assert first not in review.accepted and keep.description == "Keep"

    # Edit opens the item's span and label; Save changes writes both and keeps the item.
    before = review.find(first)[1]
    edit.click()
    assert panel.editing == first
    assert [(s.text, role) for s, role in panel.highlighter.value] == [(before["cue"]["text"], "cue")]
    assert panel.new_value.value == before["category"]
    other = next(v for v in panel.new_value.options if v != before["category"])
    panel.new_value.value = other
    panel.highlighter.remove(0)
    panel.highlighter.add(find_span(review.text, "did not expect"), "cue")
    panel.apply_button.click()
    changed = review.find(first)[1]
    assert changed["category"] == other and changed["cue"]["text"] == "did not expect"
    assert first in review.accepted and panel.editing is None and panel.highlighter.value == []
    assert panel.row(first).keep_button.description == "Kept"

    # A bad edit is refused with its reason and changes nothing; Cancel closes the editor.
    second = panel.rows.children[1].item_id
    unchanged = json.dumps(review.find(second)[1], sort_keys=True)
    panel.row(second).children[2].click()
    panel.highlighter.remove(0)
    panel.apply_button.click()
    assert "not changed: mark at least one span" in panel.status.value
    assert json.dumps(review.find(second)[1], sort_keys=True) == unchanged and panel.editing == second
    panel.cancel_button.click()
    assert panel.editing is None and "cancelled" in panel.status.value

    # Drop deletes the item and its row only.
    panel.row(first).children[3].click()
    assert first not in {h["id"] for h in review.doc["hedges"]} and len(panel.rows.children) == n - 1
    panel.highlighter.add(find_span(review.text, "unlikely"), "cue")
    panel.new_value.value = "adjective"
    panel.add_button.click()
    assert sum(h["cue"]["text"] == "unlikely" and h["category"] == "adjective" for h in review.doc["hedges"]) == 2
    panel.accept_button.click()
    assert "not reviewed yet" in panel.status.value and not load_article(SEED_ID).reviewed
    panel.save_button.click()
    assert "saved" in panel.status.value
    saved = ann.load(draft_copy.reference_path, draft_copy.text)
    assert first not in {h["id"] for h in saved["hedges"]}
    review.accept_all()
    panel.accept_button.click()
    assert load_article(SEED_ID).reviewed


def test_a_reference_generated_from_its_source_is_not_edited_here(tmp_path, monkeypatch, seed):
    shutil.copytree(seed.path, tmp_path / SEED_ID)
    monkeypatch.setenv("MEDIALIT_SEEDS", str(tmp_path))
    before = (tmp_path / SEED_ID / "reference.json").read_bytes()
    with pytest.raises(ReviewError, match=r"generated from reference.src.yaml.*medialit reference-build"):
        accept_article(SEED_ID)
    review = DraftReview(load_article(SEED_ID))
    with pytest.raises(ReviewError, match="generated from reference.src.yaml"):
        review.save()
    assert (tmp_path / SEED_ID / "reference.json").read_bytes() == before


def _drafted(article):
    """Give every item of the draft copy the analyzers' note, as `medialit article add` writes it."""
    ref = article.path / "reference.json"
    doc = json.loads(ref.read_text(encoding="utf-8"))
    for _, item in ann.iter_items(doc):
        item["draft"] = {"confidence": 0.8, "rule": "a lexicon entry"}
    ref.write_text(ann.dumps(doc), encoding="utf-8")
    return doc


def test_accept_refuses_unreviewed_items_and_says_how_many(draft_copy, tmp_path):
    doc = _drafted(draft_copy)
    drafted = sum(1 for layer, _ in ann.iter_items(doc) if layer != "sources")
    meta_before = (draft_copy.path / "meta.yaml").read_bytes()
    with pytest.raises(ReviewError, match=rf"{drafted} of the {drafted} drafted items are not reviewed yet") as info:
        accept_article(SEED_ID)
    assert "--accept-unreviewed" in str(info.value)
    assert (draft_copy.path / "meta.yaml").read_bytes() == meta_before

    # the checks made in a review are saved with the items and count at the next --accept
    review = DraftReview(draft_copy)
    kept = [i["id"] for layer, i in review.items() if layer != "sources"]
    review.accept(*kept[:-2])
    review.remove(kept[-1])
    review.save()
    assert DraftReview(load_article(SEED_ID)).accepted >= set(kept[:-2])
    with pytest.raises(ReviewError, match=rf"1 of the {drafted - 1} drafted items are not reviewed yet \({kept[-2]}\)"):
        accept_article(SEED_ID)

    env = dict(os.environ, MEDIALIT_SEEDS=str(tmp_path))
    cli = [sys.executable, "-m", "medialit.cli", "article", "review", SEED_ID]
    shown = subprocess.run(cli, capture_output=True, text=True, encoding="utf-8", env=env, timeout=120)
    assert f"not reviewed yet: 1 of {drafted - 1} drafted items" in shown.stdout
    out = subprocess.run([*cli, "--accept", "--accept-unreviewed", "--reviewer", "Ada Quillfeather"],
                         capture_output=True, text=True, encoding="utf-8", env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "accepted_unreviewed: 1 drafted items" in out.stdout
    meta = yaml.safe_load((draft_copy.path / "meta.yaml").read_text(encoding="utf-8"))
    assert meta["status"] == "reviewed"
    assert meta["accepted_unreviewed"]["items"] == 1 and meta["accepted_unreviewed"]["by"] == "Ada Quillfeather"
    article = load_article(SEED_ID)  # meta.yaml still valid against its schema
    assert article.reviewed and "draft" not in json.dumps(article.reference["hedges"])


def test_accept_unreviewed_needs_accept(draft_copy, tmp_path):
    env = dict(os.environ, MEDIALIT_SEEDS=str(tmp_path))
    out = subprocess.run([sys.executable, "-m", "medialit.cli", "article", "review", SEED_ID, "--accept-unreviewed"],
                         capture_output=True, text=True, encoding="utf-8", env=env, timeout=120)
    assert out.returncode == 2 and "only goes with --accept" in out.stderr


def test_review_panel_edits_an_attribution_in_place(draft_copy):
    """Edit keeps what the editor does not show (source, note), sets the speaker's name from a
    new speaker span, and clears a span that is no longer marked."""
    pytest.importorskip("ipywidgets")
    from medialit.articles.review_panel import ReviewPanel
    from medialit.core.spans import Span

    review = DraftReview(draft_copy)
    panel = ReviewPanel(review, layer="attributions")
    first = panel.rows.children[0].item_id
    before = review.find(first)[1]
    panel.row(first).children[2].click()
    assert sorted(role for _, role in panel.highlighter.value) == ["content", "cue", "speaker"]
    speaker = before["speaker"]
    surname = Span.of(review.text, speaker["end"] - len("Tiankai"), speaker["end"])
    panel.highlighter.set_value([(surname, "speaker")]
                                + [pair for pair in panel.highlighter.value if pair[1] == "content"])
    panel.apply_button.click()
    after = review.find(first)[1]
    assert after["speaker"]["text"] == "Tiankai" and after["speaker_name"] == "Tiankai"
    assert after["cue"] is None and after["content"] == before["content"]
    assert after["source_id"] == before["source_id"] and after["note"] == before["note"]
    assert first in review.accepted
