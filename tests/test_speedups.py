"""The process-wide speed-ups stay off unless grading turns them on, and then do what they say.

Every check runs in a fresh interpreter: turning the speed-ups on in the test process would
freeze the garbage collector and replace catalogue's table for every later test.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

#: Prints what medialit changed outside itself: gc freezing, catalogue's table, sys.modules
#: entries set to None, whether gc.freeze runs at exit; and whether jsonschema was imported.
PROBE = """
import atexit, gc, json, sys
{before}
atexit.register(lambda: print("frozen at exit:", gc.get_freeze_count() > 0))  # runs after any later hook
nones = {{k for k, v in sys.modules.items() if v is None}}
import catalogue
table = catalogue.AVAILABLE_ENTRY_POINTS
{action}
print(json.dumps({{
    "speedups": sys.modules["medialit.speedups"].enabled(),
    "frozen": gc.get_freeze_count(),
    "same_table": catalogue.AVAILABLE_ENTRY_POINTS is table,
    "new_nones": sorted(k for k, v in sys.modules.items() if v is None and k not in nones),
    "jsonschema": "jsonschema" in sys.modules,
}}))
"""

#: Imports medialit as a lesson does, loads the model both ways, validates every bank and lexicon.
LESSON = """
import medialit.lesson.widgets, medialit.checks
from medialit.nlp import load_model, load_nlp
load_nlp(); load_model(exclude=["parser", "ner"])
from medialit.questions.bank import all_questions
all_questions()
"""


def run(action: str, before: str = "", env: dict[str, str] | None = None) -> tuple[dict, str]:
    environ = {k: v for k, v in os.environ.items() if k != "NBGRADER_EXECUTION"}
    environ.update(env or {})
    code = PROBE.format(before=before, action=action)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=180, env=environ)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    return json.loads(next(line for line in lines if line.startswith("{"))), out.stdout


@pytest.mark.parametrize("kernel", [False, True], ids=["plain", "in-a-kernel"])
def test_importing_medialit_and_loading_the_model_change_nothing_outside_medialit(kernel):
    fake_kernel = "import ipykernel" if kernel else ""  # the check the widgets used to make
    got, out = run(LESSON, before=fake_kernel)
    assert got == {"speedups": False, "frozen": 0, "same_table": True, "new_nones": [], "jsonschema": False}
    assert "frozen at exit: False" in out


def test_nbgrader_validate_does_not_turn_them_on():
    got, out = run(LESSON, env={"NBGRADER_EXECUTION": "validate"})
    assert not got["speedups"] and got["frozen"] == 0 and got["same_table"] and got["new_nones"] == []
    assert "frozen at exit: False" in out


def test_under_autograde_importing_medialit_turns_them_all_on():
    got, out = run(LESSON, env={"NBGRADER_EXECUTION": "autograde"})
    assert got["speedups"]
    assert got["frozen"] > 0  # after the model loaded
    assert not got["same_table"]  # entry points indexed
    assert got["new_nones"] == []
    assert not got["jsonschema"]  # valid banks and lexicons are checked without it
    assert "frozen at exit: True" in out


def test_enable_turns_them_on_once_and_freezes_at_exit():
    got, out = run("from medialit import speedups\nprint('first:', speedups.enable(), 'again:', speedups.enable())")
    assert "first: True again: False" in out
    assert got["speedups"] and got["frozen"] == 0  # nothing frozen before exit without a model load
    assert "frozen at exit: True" in out


def test_the_entry_point_index_loses_none():
    code = """
import json
from importlib import metadata
import catalogue, spacy
from medialit import speedups
speedups.enable()
speedups.before_model_load()
indexed = catalogue.AVAILABLE_ENTRY_POINTS
everything = metadata.entry_points()
bad = [g for g in everything.groups
       if sorted(ep.value for ep in indexed[g]) != sorted(ep.value for ep in everything.select(group=g))]
# spaCy's registries look their entry points up through the index
for registry in (spacy.registry.factories, spacy.registry.misc, spacy.registry.languages):
    if sorted(ep.value for ep in registry._get_entry_points()) != sorted(
            ep.value for ep in everything.select(group=registry.entry_point_namespace)):
        bad.append(registry.entry_point_namespace)
factories = [ep.name for ep in indexed["spacy_factories"]]
print(json.dumps({"dict": isinstance(indexed, dict), "bad": bad, "factories": sorted(factories)}))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    got = json.loads(out.stdout)
    assert got["dict"] and got["bad"] == []
    assert "medialit_attributions" in got["factories"]


def test_class_grading_workers_turn_them_on_and_the_main_process_does_not():
    code = """
import json, os
from concurrent.futures import ProcessPoolExecutor
import multiprocessing
from medialit import speedups
from medialit.grading import class_grading

def probe(_):
    return speedups.enabled()

from types import SimpleNamespace

class_grading._init_worker = lambda course: None  # only the speed-up switch is under test
course = SimpleNamespace(run_code=False)  # no code exercises: no model to warm up
with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"),
                         initializer=class_grading._init_pool_worker, initargs=(course,)) as pool:
    worker = list(pool.map(probe, [0]))[0]
print(json.dumps({"worker": worker, "main": speedups.enabled()}))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout.splitlines()[-1]) == {"worker": True, "main": False}
