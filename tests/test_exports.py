"""No package's submodule shadows a name the package exports.

Importing ``pkg.sub`` binds ``sub`` as an attribute of ``pkg``.  If ``pkg`` also exports a
function called ``sub``, the first import of the submodule replaces the function with the
module, and ``from pkg import sub`` run again (a lesson's set-up cell run twice) gets a
module: ``TypeError: 'module' object is not callable``.  The check runs in a fresh
interpreter, so this test process's modules are left alone.
"""

from __future__ import annotations

import json
import subprocess
import sys

from tests.support.paths import REPO

CHECK = r"""
import importlib, json, pkgutil, types
import medialit

packages = ["medialit"] + [m.name for m in pkgutil.walk_packages(medialit.__path__, "medialit.") if m.ispkg]
before = {}
for name in packages:
    pkg = importlib.import_module(name)
    for attr in getattr(pkg, "__all__", []):
        before[(name, attr)] = getattr(pkg, attr)
for info in pkgutil.walk_packages(medialit.__path__, "medialit."):
    if not info.name.endswith("__main__"):  # running it starts the command line
        importlib.import_module(info.name)
shadowed = sorted(f"{name}.{attr}" for (name, attr), obj in before.items()
                  if getattr(importlib.import_module(name), attr) is not obj)
collisions = sorted(f"{name}.{attr}" for (name, attr), obj in before.items()
                    if not isinstance(obj, types.ModuleType)
                    and any(m.name == attr for m in pkgutil.iter_modules(importlib.import_module(name).__path__)))
print(json.dumps({"shadowed": shadowed, "collisions": collisions}))
"""


def _check() -> dict:
    out = subprocess.run([sys.executable, "-c", CHECK], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-3000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_importing_every_submodule_leaves_every_exported_name_alone():
    result = _check()
    assert result["shadowed"] == [], "a submodule replaced an exported name: rename the submodule"
    # The lesson widgets' functions (what the set-up cell imports) share no name with a submodule.
    assert [c for c in result["collisions"] if c.startswith("medialit.lesson.")] == []
