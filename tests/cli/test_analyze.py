"""``medialit analyze`` and ``medialit evaluate`` as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from medialit.cli import main
from medialit.core.annotation import validate

SEED_ID = "scmp-2021-03-18-alaska-talks"
BRIDGE = "“We checked every bolt,” Mara Quell said. The bridge may open in May, officials said.\n"


@pytest.fixture(scope="session", autouse=True)
def nlp():
    from medialit.nlp import load_nlp

    return load_nlp()


def test_analyze_a_known_article_prints_valid_json(capsys) -> None:
    from medialit import load_article

    assert main(["analyze", SEED_ID]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["article_id"] == SEED_ID and doc["producer"]["kind"] == "analyzer"
    validate(doc, load_article(SEED_ID).text)
    assert all(a.get("part") not in ("related", "furniture") for a in doc["attributions"])


def test_analyze_a_text_file(tmp_path, capsys) -> None:
    path = tmp_path / "Bridge Story.txt"
    path.write_text(BRIDGE, encoding="utf-8")
    assert main(["analyze", str(path)]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["article_id"] == "bridge-story"
    validate(doc, BRIDGE)
    assert [a["speaker"]["text"] for a in doc["attributions"]] == ["Mara Quell", "officials"]


def test_analyze_a_folder_writes_one_file_per_text(tmp_path, capsys) -> None:
    src = tmp_path / "texts"
    src.mkdir()
    (src / "one.txt").write_text(BRIDGE, encoding="utf-8")
    (src / "two.txt").write_text("Tomas Brell told reporters the toll was too high.\n", encoding="utf-8")
    (src / "notes.md").write_text("not a .txt file", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["analyze", str(src), "--out", str(out), "--format", "table"]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["one.json", "two.json"]
    two = json.loads((out / "two.json").read_text(encoding="utf-8"))
    assert two["attributions"][0]["cue"]["text"] == "told"
    assert "two" in capsys.readouterr().out  # the summary table


def test_several_inputs_need_an_output_folder(tmp_path, capsys) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(BRIDGE, encoding="utf-8")
    b.write_text(BRIDGE, encoding="utf-8")
    assert main(["analyze", str(a), str(b)]) == 2
    assert "--out DIR" in capsys.readouterr().err


@pytest.mark.parametrize(
    "content, message",
    [
        (None, "no such file or article id"),
        (b"\xff\xfe\x00bad", "is not UTF-8"),
        (b"  \n\n", "is empty"),
    ],
)
def test_bad_input_gets_a_clear_message(tmp_path, capsys, content, message) -> None:
    path = tmp_path / "input.txt"
    if content is not None:
        path.write_bytes(content)
    assert main(["analyze", str(path)]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_unknown_article_id_lists_the_known_ones(capsys) -> None:
    assert main(["analyze", "no-such-article"]) == 2
    assert SEED_ID in capsys.readouterr().err


def test_a_students_file_is_never_overwritten(tmp_path, capsys) -> None:
    src = tmp_path / "mine.txt"
    src.write_text(BRIDGE, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    student = out / "mine.json"
    student.write_text('{"producer": {"kind": "student"}, "attributions": []}', encoding="utf-8")
    before = student.read_bytes()
    assert main(["analyze", str(src), "--out", str(out)]) == 2
    assert "left untouched" in capsys.readouterr().err
    assert student.read_bytes() == before
    # earlier analyzer output is replaced
    student.write_text('{"producer": {"kind": "analyzer"}}', encoding="utf-8")
    assert main(["analyze", str(src), "--out", str(out)]) == 0
    assert json.loads(student.read_text(encoding="utf-8"))["producer"]["kind"] == "analyzer"


def test_missing_model_is_explained(monkeypatch, capsys) -> None:
    import importlib.util

    from medialit.nlp import loader

    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    with pytest.raises(loader.ModelNotInstalled, match="pip install"):
        loader.model_name()

    def no_model():
        raise loader.ModelNotInstalled("no English spaCy model is installed; install one with pip")

    monkeypatch.setattr(loader, "load_nlp", no_model)
    assert main(["analyze", SEED_ID]) == 2
    assert "no English spaCy model" in capsys.readouterr().err


def test_evaluate_articles_and_write_json(tmp_path, capsys) -> None:
    out = tmp_path / "figures.json"
    assert main(["evaluate", "--no-polnear", "--json", str(out)]) == 0
    figures = json.loads(out.read_text(encoding="utf-8"))
    seed = next(r for r in figures["articles"] if r["article"] == SEED_ID)
    assert set(seed) >= {"attributions", "hedges", "boosters"}
    assert 0 <= seed["attributions"]["content"]["f1"] <= 1
    assert set(figures["stance_set"]) == {"tuning", "held-out"}
    assert 0 <= figures["stance_set"]["held-out"]["hedges"]["recall"] <= 1
    printed = capsys.readouterr().out
    assert "against the reference annotations" in printed
    assert "stance evaluation set" in printed and "held-out  hedges" in printed


def test_evaluate_with_a_missing_polnear_folder(tmp_path, capsys) -> None:
    assert main(["evaluate", "--polnear", str(tmp_path / "nowhere")]) == 2
    assert "no PolNeAR dev split" in capsys.readouterr().err


def test_the_command_line_does_not_load_spacy_until_it_analyses() -> None:
    code = ("import sys, medialit, medialit.cli; medialit.cli.build_parser(); "
            "print(sorted(m for m in ('spacy', 'jsonschema', 'yaml') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_polnear_convention_joins_the_stretches_of_one_quotation(tmp_path, capsys) -> None:
    text = "“The pier is safe,” said Orla Brannick, the harbour master. “We test it every week.”\n"
    path = tmp_path / "pier.txt"
    path.write_text(text, encoding="utf-8")
    assert main(["analyze", str(path)]) == 0
    stretches = [a["content"]["text"] for a in json.loads(capsys.readouterr().out)["attributions"]]
    assert stretches == ["“The pier is safe,”", "“We test it every week.”"]
    assert main(["analyze", str(path), "--convention", "polnear"]) == 0
    (joined,) = json.loads(capsys.readouterr().out)["attributions"]
    assert joined["content"]["text"].startswith("“The pier is safe") and joined["content"]["text"].endswith("week.”")
    assert joined["speaker_name"] == "Orla Brannick"
