"""The stance evaluation set: its data, its scoring, and the quality floor on its held-out part."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from medialit.articles.reference_build import SOURCE_FILE
from medialit.core import annotation as ann
from medialit.nlp import stance_eval as se

#: The floor users rely on: hedges found on constructed news the analyzer was never tuned on.
HEDGE_FLOOR = 0.9
BOOSTER_F1_FLOOR = 0.8


@pytest.fixture(scope="module")
def figures():
    from medialit.nlp import load_nlp

    return se.evaluate_stance_set(load_nlp())


@pytest.mark.parametrize("part", se.PARTS)
def test_each_part_holds_constructed_news_texts_with_a_gold_annotation(part: str) -> None:
    articles = se.eval_articles(part)
    assert len(articles) >= 5
    topics = set()
    for article in articles:
        words = len(re.findall(r"\w+", article.text))
        assert 150 <= words <= 400, (article.id, words)
        assert article.constructed and article.meta["licence"] == "MIT, part of medialit", article.id
        assert article.part_at(0) == "headline"
        doc = ann.load(article.reference_path, article.text)  # validates against the schema and the text
        assert doc["article_id"] == article.id
        assert len(doc["hedges"]) >= 8, article.id
        topics.add(article.id.rsplit("-", 1)[-1])
    assert len(topics) == len(articles)  # one topic per text


def test_every_reference_json_is_built_from_its_source_file() -> None:
    for part in se.PARTS:
        for article in se.eval_articles(part):
            assert (article.path / SOURCE_FILE).exists(), article.id
            built = ann.dumps(se.build_reference(article))
            assert article.reference_path.read_text(encoding="utf-8") == built, (
                f"{article.reference_path} is out of date; run scripts/bench_stance.py --build")


def test_the_set_contains_the_hard_cases_and_their_look_alikes() -> None:
    text = "\n".join(a.text for part in se.PARTS for a in se.eval_articles(part))
    for needle in ("that could", "likely cost", "study suggests", "fairly consistent", "tentatively",
                   "Preliminary figures", "would not comment", "may submit", "could not", "by far", "particularly"):
        assert needle in text, needle


def test_the_parts_share_no_text() -> None:
    tuning = {a.text for a in se.eval_articles("tuning")}
    held_out = {a.text for a in se.eval_articles("held-out")}
    assert tuning and held_out and not tuning & held_out


def test_scoring_counts_misses_and_false_alarms() -> None:
    text = "The ferry may be late and could be cancelled."
    gold = [{"cue": {"start": 10, "end": 13, "text": "may"}, "category": "modal", "holder": "reporter"},
            {"cue": {"start": 26, "end": 31, "text": "could"}, "category": "modal", "holder": "reporter"}]
    predicted = [{"cue": {"start": 10, "end": 13, "text": "may"}, "category": "modal", "holder": "source"},
                 {"cue": {"start": 4, "end": 9, "text": "ferry"}, "category": "noun", "holder": "reporter"}]
    row = se.score_layer(text, predicted, gold)
    assert (row["matched"], row["same_category"], row["same_holder"]) == (1, 1, 0)
    assert row["missed"] == ["could"] and row["false_alarms"] == ["ferry"]


def test_an_unknown_part_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="use one of tuning, held-out"):
        se.eval_articles("test")


def test_hedges_on_the_held_out_part_reach_the_quality_floor(figures) -> None:
    hedges = figures["held-out"]["hedges"]
    assert hedges["reference"] >= 60
    assert hedges["recall"] >= HEDGE_FLOOR, hedges
    assert hedges["precision"] >= HEDGE_FLOOR, hedges


def test_boosters_on_the_held_out_part_reach_their_floor(figures) -> None:
    boosters = figures["held-out"]["boosters"]
    assert boosters["f1"] >= BOOSTER_F1_FLOOR, boosters


def test_the_tuning_part_is_scored_too(figures) -> None:
    assert figures["tuning"]["texts"] >= 5
    assert figures["tuning"]["hedges"]["f1"] >= HEDGE_FLOOR


def test_the_bench_script_prints_both_parts_and_hides_held_out_errors_unless_asked() -> None:
    from medialit.core.paths import SOURCE_ROOT

    script = SOURCE_ROOT / "scripts" / "bench_stance.py"
    out = subprocess.run([sys.executable, str(script), "--errors"], capture_output=True, text=True,
                         encoding="utf-8", timeout=300)
    assert out.returncode == 0, out.stderr
    rows = [line.split() for line in out.stdout.splitlines()]
    assert {(r[0], r[1]) for r in rows if len(r) > 2} >= {("tuning", "hedges"), ("held-out", "hedges"),
                                                         ("tuning", "boosters"), ("held-out", "boosters")}
    assert "[held-out]" not in out.stdout
