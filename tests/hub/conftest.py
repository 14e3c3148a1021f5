"""The class hub shared by the tests marked ``hub`` (one per session; see tests/support/hub_class.py).

``MEDIALIT_HUB_TEST_SITE=/path/to/site`` runs the tests against a hub set up earlier (for
example with ``medialit hub demo``) and leaves it in place; it must have three students.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.support.hub_class import existing_class_hub, make_class_hub, remove_class_hub, skip_reason


@pytest.fixture(scope="session")
def class_hub():
    reason = skip_reason()
    if reason:
        pytest.skip(reason)
    if os.environ.get("MEDIALIT_HUB_TEST_SITE"):
        yield existing_class_hub(Path(os.environ["MEDIALIT_HUB_TEST_SITE"]))
        return
    hub = make_class_hub()
    try:
        yield hub
    finally:
        remove_class_hub(hub)
