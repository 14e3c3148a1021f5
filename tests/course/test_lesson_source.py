"""The lesson source format: cell flags, the demo cells nbgrader skips, and clear errors."""

from __future__ import annotations

import json

import pytest

from medialit.course.lesson_source import SKIP_TAG, SourceError, build_notebook, parse_source
from medialit.course.lessons import lesson_ids
from tests.support.paths import REPO

ROOT = REPO

SOURCE = """%% markdown
# A lesson

%% code
from medialit.nlp import load_nlp
nlp = load_nlp()

%% code demo id=run-article
doc = nlp("Ilsa Varga said the ferry was late.")
[t.text for t in doc]

%% code grade id=check points=2
len(nlp("A short sentence."))
"""


def test_a_demo_cell_is_locked_and_tagged_to_be_skipped():
    nb = json.loads(build_notebook(parse_source(SOURCE)))
    demo = next(c for c in nb["cells"] if c["id"] == "run-article")
    assert demo["metadata"]["tags"] == [SKIP_TAG]
    assert demo["metadata"]["nbgrader"]["locked"] is True
    assert demo["metadata"]["nbgrader"]["grade"] is False
    others = [c for c in nb["cells"] if c["id"] != "run-article"]
    assert all("tags" not in c["metadata"] for c in others)


def test_a_later_cell_may_not_use_a_name_bound_only_in_a_demo_cell():
    text = SOURCE + '\n%% code grade id=uses-doc points=1\nlen(doc)\n'
    with pytest.raises(SourceError, match=r"source:15: uses doc, bound only in the demo cell at line 8"):
        parse_source(text)


def test_a_name_bound_again_outside_the_demo_may_be_used():
    text = SOURCE + '\n%% code\ndoc = nlp("Another sentence.")\n\n%% code grade id=uses-doc points=1\nlen(doc)\n'
    assert [c["id"] for c in parse_source(text) if c["id"]] == ["run-article", "check", "uses-doc"]


def test_a_later_function_reading_a_demo_name_is_caught():
    text = SOURCE + '\n%% code solution id=fn\ndef count():\n    return len(doc)\n'
    with pytest.raises(SourceError, match="uses doc"):
        parse_source(text)


@pytest.mark.parametrize("marker", ["%% markdown demo id=d", "%% code demo grade id=d points=1",
                                    "%% code demo solution id=d"])
def test_demo_is_only_for_plain_code_cells(marker):
    with pytest.raises(SourceError, match="'demo' is for a plain code cell"):
        parse_source(f"{marker}\n1 + 1\n")


def test_a_demo_cell_needs_an_id():
    with pytest.raises(SourceError, match=r"source:1: an nbgrader cell \(demo, locked\) needs id="):
        parse_source("%% code demo\n1 + 1\n")


def test_unparsable_code_is_reported_with_its_line():
    with pytest.raises(SourceError, match=r"source:\d+: not valid Python"):
        parse_source(SOURCE + "\n%% code\ndef broken(:\n")


def test_ipython_magics_are_fine_and_a_lesson_without_demos_is_not_parsed():
    magic = "\n%% code\n%timeit sum(range(10))\n!echo hello\n"
    assert parse_source(SOURCE + magic)[-1]["source"].startswith("%timeit")
    assert parse_source("%% code\n%matplotlib inline\n\n%% code\nthis is not python\n")


@pytest.mark.parametrize("lesson", lesson_ids(ROOT))
def test_released_demo_cells_keep_their_skip_tag(lesson):
    """generate_assignment keeps the tag, so students' copies are skipped when they are graded too."""
    for folder in ("solutions", "lessons"):
        nb = json.loads((ROOT / folder / lesson / f"{lesson}.ipynb").read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            if SKIP_TAG in cell["metadata"].get("tags", []):
                assert cell["cell_type"] == "code" and cell["metadata"]["nbgrader"]["locked"], (folder, cell["id"])
                assert not cell["metadata"]["nbgrader"]["grade"], (folder, cell["id"])
