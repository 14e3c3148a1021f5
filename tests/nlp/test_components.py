"""The components as a spaCy user adds them: found through the package's entry points, with settings."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

spacy = pytest.importorskip("spacy")

from medialit.nlp.components import BadSetting  # noqa: E402
from medialit.nlp.loader import model_name  # noqa: E402

#: A fresh interpreter that never imports medialit itself: spaCy must find the components.
FRESH = """
import json, sys
import spacy
from spacy.tokens import Doc
assert "medialit" not in sys.modules
TEXT = ("“We will rebuild the harbour this year,” said Ilsa Varga, the mayor of Portmere.\\n"
        "Tomas Penhallow, a fisherman, urged the council to act.\\n"
        "The council described the delay as regrettable. The “fair deal” left the harbour empty.\\n")
bare = spacy.load({model!r})
out = {{"extensions_before": Doc.has_extension("attributions")}}
for name, settings in (("default", {{}}), ("strict", {{"threshold": 0.8, "max_scare_words": 1}})):
    nlp = spacy.load({model!r})
    nlp.add_pipe("medialit_paragraph_breaks", before="parser")
    nlp.add_pipe("medialit_attributions", config={{k: v for k, v in settings.items() if k == "threshold"}})
    nlp.add_pipe("medialit_hedges")
    nlp.add_pipe("medialit_framing_cues", config={{k: v for k, v in settings.items() if k == "max_scare_words"}})
    doc = nlp(TEXT)
    out[name] = {{
        "config": {{k: dict(nlp.config["components"][k]) for k in ("medialit_attributions", "medialit_framing_cues")}},
        "scores": [a.score for a in doc._.attributions],
        "scare_quotes": [q.text for q in doc._.scare_quotes],
    }}
print(json.dumps(out))
"""


@pytest.fixture(scope="module")
def fresh() -> dict:
    code = FRESH.format(model=model_name())
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.splitlines()[-1])


def test_components_are_found_without_importing_medialit(fresh):
    assert len(fresh["default"]["scores"]) == 3
    assert fresh["default"]["scare_quotes"] == ["“fair deal”"]


def test_building_a_pipeline_without_medialit_components_adds_no_doc_attributes(fresh):
    assert fresh["extensions_before"] is False


def test_default_settings_are_in_the_pipeline_config(fresh):
    assert fresh["default"]["config"] == {
        "medialit_attributions": {"factory": "medialit_attributions", "threshold": None},
        "medialit_framing_cues": {"factory": "medialit_framing_cues", "max_scare_words": 4},
    }


def test_a_higher_threshold_keeps_only_surer_attributions(fresh):
    default, strict = fresh["default"]["scores"], fresh["strict"]["scores"]
    assert min(default) < 0.8
    assert strict == [s for s in default if s >= 0.8] and strict
    assert fresh["strict"]["config"]["medialit_attributions"]["threshold"] == 0.8


def test_max_scare_words_limits_the_scare_quotes(fresh):
    assert fresh["strict"]["scare_quotes"] == []  # "fair deal" is two words


@pytest.mark.parametrize(("component", "config", "message"), [
    ("medialit_attributions", {"threshold": 1.5}, r"threshold must be a number between 0 and 1.*model's own, 0\.\d+"),
    ("medialit_attributions", {"threshold": 0}, "threshold must be a number between 0 and 1"),
    ("medialit_framing_cues", {"max_scare_words": 0}, "max_scare_words must be 1 or more.*default is 4"),
])
def test_a_setting_out_of_range_says_what_is_allowed(component, config, message):
    with pytest.raises(BadSetting, match=message):
        spacy.blank("en").add_pipe(component, config=config)
