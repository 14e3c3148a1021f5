"""``make lab`` starts JupyterLab, also as root (as in many containers), and stays as it was for other users."""

from __future__ import annotations

import os
import re
import select
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.support.browser import free_port
from tests.support.paths import REPO

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")

VENV = Path(sys.prefix)


def make_lab(*args: str, env: dict[str, str] | None = None, dry_run: bool = False) -> subprocess.Popen | str:
    """``make lab`` with this interpreter's environment (never reinstalled: ``-o`` marks it up to date)."""
    cmd = ["make", "--no-print-directory", "-C", str(REPO), f"VENV={VENV}", "-o", f"{VENV}/.installed",
           *(["-n"] if dry_run else []), "lab", *args]
    if dry_run:
        return subprocess.run(cmd, env=env, capture_output=True, text=True, check=True, timeout=60).stdout
    return subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            start_new_session=True)


def fake_id(tmp_path: Path, uid: int) -> dict[str, str]:
    """An environment whose ``id -u`` prints ``uid``."""
    folder = tmp_path / f"uid{uid}"
    folder.mkdir()
    (folder / "id").write_text(f"#!/bin/sh\necho {uid}\n")
    (folder / "id").chmod(0o755)
    return {**os.environ, "PATH": f"{folder}{os.pathsep}{os.environ['PATH']}"}


def test_allow_root_is_passed_only_when_running_as_root(tmp_path):
    as_root = make_lab(env=fake_id(tmp_path, 0), dry_run=True)
    as_user = make_lab(env=fake_id(tmp_path, 1000), dry_run=True)
    assert re.search(r"jupyter lab --notebook-dir=lessons --allow-root\s*$", as_root, re.M), as_root
    assert "--allow-root" not in as_user
    assert re.search(r"jupyter lab --notebook-dir=lessons\s*$", as_user, re.M), as_user


def test_make_lab_serves_the_lessons_for_the_user_running_it(tmp_path):
    """A real start (as root when the tests run as root): the server answers, then is stopped."""
    env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
           "JUPYTER_CONFIG_DIR": str(tmp_path / "config"),
           "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "workspaces"),
           "JUPYTERLAB_SETTINGS_DIR": str(tmp_path / "settings")}
    port = free_port()
    proc = make_lab(f"LAB_ARGS=--no-browser --port={port} --ServerApp.port_retries=0 --ip=127.0.0.1 "
                    "--IdentityProvider.token=medialit-test", env=env)
    lines: list[str] = []
    try:
        deadline = time.monotonic() + 120
        url = None
        while url is None and time.monotonic() < deadline:
            ready, _, _ = select.select([proc.stdout], [], [], 1.0)
            if not ready:
                continue
            line = proc.stdout.readline()
            if not line:
                break
            lines.append(line)
            url = f"http://127.0.0.1:{port}" if f"http://127.0.0.1:{port}/lab?token=" in line else None
        assert url, "JupyterLab did not start:\n" + "".join(lines[-40:])
        listing = ""
        while not listing and time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{url}/api/contents/00-orientation?token=medialit-test", timeout=10) as r:
                    listing = r.read().decode()
            except OSError:
                time.sleep(0.5)
        assert "00-orientation.ipynb" in listing
    finally:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=30)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
    assert not any("Running as root is not recommended" in line and "allow-root" in line for line in lines)
