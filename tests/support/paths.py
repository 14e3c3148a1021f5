"""Where the test suite finds the repository and its fixtures."""

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures"
ARTIFACTS = REPO / "test-artifacts"
SEED_ID = "scmp-2021-03-18-alaska-talks"
