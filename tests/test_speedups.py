"""A lesson kernel freezes its objects first thing at exit, so that it shuts down sooner."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import atexit, gc, sys, types
{fake}
atexit.register(lambda: print("frozen at exit:", gc.get_freeze_count() > 0))  # runs after medialit's hook
import medialit.lesson.widgets
from medialit import speedups as quick_exit
print("registered again:", quick_exit.register())
"""


def run(fake_kernel: bool) -> str:
    fake = "sys.modules['ipykernel'] = types.ModuleType('ipykernel')" if fake_kernel else ""
    out = subprocess.run([sys.executable, "-c", PROBE.format(fake=fake)], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    return out.stdout


def test_in_a_kernel_the_objects_are_frozen_at_exit_once():
    out = run(fake_kernel=True)
    assert "registered again: False" in out
    assert "frozen at exit: True" in out


def test_outside_a_kernel_nothing_is_registered():
    out = run(fake_kernel=False)
    assert "registered again: True" in out  # widgets did not register it; this explicit call did
    assert "frozen at exit: True" in out
