"""Shared fixtures."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from tests.support.paths import SEED_ID

# nbgrader and jupyter start sub-processes (alembic, kernels): the venv's bin must be on PATH.
_bin = str(Path(sys.executable).parent)
if _bin not in os.environ.get("PATH", "").split(os.pathsep):
    os.environ["PATH"] = _bin + os.pathsep + os.environ.get("PATH", "")


@pytest.fixture(scope="session")
def seed():
    from medialit import load_article

    return load_article(SEED_ID)
