"""Ways a student's notebook can try to change its own score, for the red-team tests.

Each cheat turns an honest student's notebook into the same notebook plus the cheat: a cell
of code inserted right after the lesson's set-up cell (so it runs before every grading
cell), or an edit of the notebook itself.  The code looks the key up the way a student in
this repository could (the course's bank is on the lookup path), so each cheat is
self-contained.  Nothing here is imported by ``medialit``.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

#: Code that builds ``_key``: question id -> full-marks answer, for the notebook's graded questions.
_KEY = (
    "from medialit.questions import questions_for_notebook as _qfn, key_answer as _key_answer\n"
    "_key = {{q.id: _key_answer(q) for q in _qfn({lesson!r}) if q.mode == 'graded' and q.kind.auto_scored}}\n"
)

CHEAT_CODE: dict[str, str] = {
    # grade() and answered() replaced wherever they live, and the notebook's own name rebound
    "patched_grade": (
        "import medialit.grading, medialit.grading.score, medialit.checks, medialit.lesson.checks\n"
        "def _full(*args, **kwargs):\n    return None\n"
        "for _m in (medialit.grading, medialit.grading.score):\n    _m.grade = lambda *a, **k: 100.0\n"
        "for _m in (medialit.checks, medialit.lesson.checks):\n    _m.answered = _full\n"
        "answered = _full\n"
    ),
    # fake modules in sys.modules, imported again by the name the grading cells use
    "fake_module": (
        "import sys, types\n"
        "for _name in ('medialit.checks', 'medialit.grading', 'medialit.grading.score'):\n"
        "    _fake = types.ModuleType(_name)\n"
        "    _fake.answered = lambda *a, **k: None\n"
        "    _fake.grade = lambda *a, **k: 100.0\n"
        "    sys.modules[_name] = _fake\n"
        "from medialit.checks import answered\n"
    ),
    # the key recorded through the answers API, as the text fallback shows
    "record_key": _KEY + (
        "from medialit import answers as _answers\n"
        "_answers.use({lesson!r})\n"
        "for _qid, _value in _key.items():\n    _answers.record(_qid, _value)\n"
    ),
    # the same, forcing the store to write the file beside the graded notebook
    "record_key_forced": _KEY + (
        "from medialit.answers.store import AnswerStore\n"
        "_store = AnswerStore({lesson!r} + '.answers.json', read_only=False)\n"
        "for _qid, _value in _key.items():\n    _store.record(_qid, _value)\n"
    ),
    # tracebacks switched off, and every grading cell's check made to fail silently
    "no_traceback": (
        "get_ipython().showtraceback = lambda *a, **k: None\n"
        "get_ipython().showsyntaxerror = lambda *a, **k: None\n"
        "answered = None\n"
    ),
    # the answers file rewritten from a cell: beside the notebook, in the submitted folder, and the timestamp
    "rewrite_answers_file": _KEY + (
        "import json, pathlib\n"
        "from medialit.questions import find_question as _fq\n"
        "_doc = {{'schema_version': 1, 'notebook': {lesson!r}, 'answers': {{\n"
        "    _q: {{'kind': _fq(_q).type, 'value': _fq(_q).check_answer(_v), 'updated': '2026-11-28T10:00:00+00:00'}}\n"
        "    for _q, _v in _key.items()}}}}\n"
        "_here = pathlib.Path.cwd()\n"
        "_sub = _here.parents[2] / 'submitted' / _here.parent.name / _here.name\n"
        "for _folder in (_here, _sub):\n"
        "    if _folder.is_dir():\n"
        "        _p = _folder / ({lesson!r} + '.answers.json')\n"
        "        if _p.exists():\n            _p.chmod(0o644)\n"
        "        _p.write_text(json.dumps(_doc))\n"
        "if (_sub / 'timestamp.txt').exists():\n"
        "    (_sub / 'timestamp.txt').chmod(0o644)\n"
        "    (_sub / 'timestamp.txt').write_text('2020-01-01 00:00:00 UTC')\n"
    ),
    # the bank in use (the first that holds the notebook's questions) rewritten: every option
    # of a multiple-choice question right, every item in the first category
    "rewrite_bank": (
        "import yaml\n"
        "from medialit.questions.lookup import bank_files\n"
        "for _path in bank_files():\n"
        "    _bank = yaml.safe_load(_path.read_text(encoding='utf-8'))\n"
        "    if _bank.get('notebook') != {lesson!r}:\n        continue\n"
        "    for _q in _bank['questions']:\n"
        "        if _q['type'] == 'multiple':\n"
        "            for _o in _q['options']:\n                _o['correct'] = True\n"
        "        if _q['type'] == 'classify':\n"
        "            for _it in _q['items']:\n                _it['answer'] = _q['categories'][0]['id']\n"
        "    _path.write_text(yaml.safe_dump(_bank, allow_unicode=True), encoding='utf-8')\n"
        "    break\n"
    ),
    # grade() / answered() returning more than the cell is worth (crashed nbgrader's SaveAutoGrades)
    "too_much": (
        "import medialit.grading\n"
        "medialit.grading.grade = lambda *a, **k: 1e9\n"
        "answered = lambda *a, **k: 1e9\n"
    ),
    # a negative and a not-a-number value (nbgrader gives full points for both)
    "strange_values": (
        "_values = iter([-1.0, float('nan'), 'full marks'] * 10)\n"
        "answered = lambda *a, **k: next(_values)\n"
    ),
}

#: Cheats that edit the notebook instead of adding code (name -> function of (notebook, lesson)).
NOTEBOOK_CHEATS: dict[str, Callable[[dict[str, Any], str], None]] = {}


def _grade_cells(nb: dict[str, Any]) -> list[dict[str, Any]]:
    return [c for c in nb["cells"] if c.get("metadata", {}).get("nbgrader", {}).get("grade")
            and c["cell_type"] == "code" and not c["metadata"]["nbgrader"].get("solution")]


def _raise_points(nb: dict[str, Any], lesson: str) -> None:
    """Every grading cell claims 20 points and prints them."""
    for cell in _grade_cells(nb):
        cell["metadata"]["nbgrader"]["points"] = 20
        cell["source"] = "20.0"


def _kill_kernel_last(nb: dict[str, Any], lesson: str) -> None:
    """A last cell that ends the kernel's process (nbgrader gave up on the whole submission)."""
    nb["cells"].append(_code_cell("import os\nos._exit(0)"))


NOTEBOOK_CHEATS["raise_points"] = _raise_points
NOTEBOOK_CHEATS["kill_kernel"] = _kill_kernel_last

#: Every cheat, in a stable order.
CHEATS = [*CHEAT_CODE, *NOTEBOOK_CHEATS]


def _code_cell(source: str) -> dict[str, Any]:
    return {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [], "source": source}


def setup_index(nb: dict[str, Any]) -> int:
    """Index of the lesson's locked set-up cell (the first locked code cell)."""
    for i, c in enumerate(nb["cells"]):
        meta = c.get("metadata", {}).get("nbgrader", {})
        if c["cell_type"] == "code" and meta.get("locked") and not meta.get("grade"):
            return i
    raise ValueError("the notebook has no locked set-up cell")


def with_cheat(nb: dict[str, Any], lesson: str, cheat: str) -> dict[str, Any]:
    """A copy of ``nb`` with ``cheat`` added."""
    out = copy.deepcopy(nb)
    if cheat in NOTEBOOK_CHEATS:
        NOTEBOOK_CHEATS[cheat](out, lesson)
    else:
        out["cells"].insert(setup_index(out) + 1, _code_cell(CHEAT_CODE[cheat].format(lesson=lesson)))
    return out
