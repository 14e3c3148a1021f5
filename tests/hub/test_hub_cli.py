"""``medialit hub``: what it says when it cannot run (no root needed for these)."""

from __future__ import annotations

import json

import pytest

from medialit.cli import main
from medialit.hub.exchange import check_exchange
from medialit.hub.site import HubSite, student_names


def test_a_missing_site_says_how_to_make_one(tmp_path, capsys):
    assert main(["hub", "status", "--site", str(tmp_path / "nowhere")]) == 2
    assert "set a hub up first (medialit hub demo --students N)" in capsys.readouterr().err


def test_demo_needs_at_least_one_student(capsys):
    assert main(["hub", "demo", "--students", "0", "--site", "/nonexistent-site"]) == 2
    assert "--students must be 1 or more" in capsys.readouterr().err


def test_remove_asks_for_yes_and_says_what_it_deletes(tmp_path, capsys):
    site = HubSite(root=tmp_path, instructor="mlhub-teacher", students=student_names("mlhub-", 3))
    site.save()
    assert main(["hub", "remove", "--site", str(tmp_path)]) == 2
    assert "this deletes 4 accounts with their files" in capsys.readouterr().err
    assert json.loads((tmp_path / "site.json").read_text())["students"] == ["mlhub-student01", "mlhub-student02",
                                                                           "mlhub-student03"]


def test_student_names_widen_with_the_class():
    assert student_names("p-", 2) == ["p-student01", "p-student02"]
    assert student_names("p-", 200)[0] == "p-student001"


def test_the_exchange_check_names_what_to_fix(tmp_path):
    missing = check_exchange(tmp_path / "exchange", "medialit")
    assert not missing.ok and "mkdir -p" in missing.problems[0]
    root = tmp_path / "exchange"
    root.mkdir()
    root.chmod(0o755)
    closed = check_exchange(root, "medialit", low_space=0)
    assert closed.problems == [f"{root} has mode 0755: students cannot write to it; run `chmod 1777 {root}` as root"]
    root.chmod(0o1777)
    full = check_exchange(root, "medialit", low_space=2**62)
    assert len(full.problems) == 1 and "MB free on the exchange's disk" in full.problems[0]


@pytest.mark.parametrize("role", ["students", "instructor"])
def test_configure_env_refuses_a_folder_without_jupyter(tmp_path, capsys, role):
    assert main(["hub", "configure-env", "--role", role, "--env", str(tmp_path)]) == 2
    assert "has no bin/jupyter" in capsys.readouterr().err
