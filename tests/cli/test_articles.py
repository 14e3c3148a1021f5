"""The article and annotation commands, through the installed ``medialit`` entry point."""

from __future__ import annotations

import json
import subprocess
import sys

from medialit.core import annotation as ann
from medialit.core.spans import find_span
from tests.support.paths import SEED_ID


def medialit(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "medialit.cli", *args], capture_output=True, text=True, encoding="utf-8", timeout=120
    )


def test_articles_json_lists_id_title_outlet_date():
    out = medialit("articles", "--format", "json")
    assert out.returncode == 0, out.stderr
    rows = {r["id"]: r for r in json.loads(out.stdout)}
    assert rows[SEED_ID]["outlet"] == "South China Morning Post"
    assert rows[SEED_ID]["date"] == "2021-03-18"
    assert rows[SEED_ID]["title"].startswith("US efforts to rally allies")
    assert any(r["constructed"] for r in rows.values()), "a constructed practice article is listed too"


def test_unknown_article_is_a_clear_error():
    out = medialit("show", "no-such-article")
    assert out.returncode == 2
    assert "no article 'no-such-article'" in out.stderr and SEED_ID in out.stderr
    assert "Traceback" not in out.stderr


def test_validate_accepts_a_good_file_and_explains_a_bad_one(seed, tmp_path):
    doc = ann.new_document(seed.id, seed.text)
    doc["hedges"] = [{"id": "h1", "cue": find_span(seed.text, "probably").to_json(), "category": "adverb"}]
    good = tmp_path / "good.json"
    good.write_text(ann.dumps(doc), encoding="utf-8")
    out = medialit("validate", str(good))
    assert out.returncode == 0 and "valid" in out.stdout

    doc["hedges"][0]["cue"]["end"] += 3
    bad = tmp_path / "bad.json"
    bad.write_text(ann.dumps(doc), encoding="utf-8")
    out = medialit("validate", str(bad))
    assert out.returncode == 1
    assert "hedges[0] (id 'h1').cue" in out.stderr and "does not match" in out.stderr
    assert "Traceback" not in out.stderr

    out = medialit("validate", str(tmp_path / "absent.json"))
    assert out.returncode == 1 and "file not found" in out.stderr


def test_show_structure_lists_every_part(seed):
    out = medialit("show", SEED_ID, "--layer", "structure")
    assert out.returncode == 0, out.stderr
    for label in ("section", "furniture", "caption", "credit", "headline", "standfirst", "body", "video", "related"):
        assert f" {label} " in out.stdout


def test_show_a_layer_of_the_reference():
    out = medialit("show", SEED_ID, "--layer", "hedges")
    assert out.returncode == 0, out.stderr
    assert "marks" in out.stdout and "probably" in out.stdout


def test_reference_prints_the_shared_format(seed):
    out = medialit("reference", SEED_ID, "--format", "json")
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    assert ann.validate(doc, seed.text) == doc
    assert doc["text_sha256"] == seed.sha256


def test_import_stays_light():
    code = (
        f"import sys, medialit; medialit.load_article('{SEED_ID}').text; "
        "heavy = [m for m in ('spacy', 'jsonschema', 'yaml', 'ipywidgets', 'nbgrader', 'rich') if m in sys.modules]; "
        "print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "[]", out.stdout + out.stderr
