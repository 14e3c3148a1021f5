"""Faults on the class hub, each with a clear message and nothing lost.

- the hub restarts while a student works: their server, kernel and files survive;
- a student submits twice: both stay in the exchange, the newest is collected;
- the exchange is unwritable, or full: the submission fails with a message that says the
  work is safe, and nothing half-copied is left for collect to find;
- a collected submission has no answers file: the collect report names the student;
- a student in the school's roster is missing from the gradebook: the export keeps them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time

import pytest

from medialit.hub import exchange, process, users
from medialit.hub.course_folder import nbgrader_dir
from tests.support import hub_actions as act

pytestmark = pytest.mark.hub

LESSON = "00-orientation"


@pytest.fixture(scope="module")
def released(class_hub):
    act.release(class_hub, LESSON)
    return class_hub


def test_the_hub_restarts_while_a_student_works(released):
    hub = released
    stu1 = hub.students[0]
    api = hub.api_as(stu1)
    hub.admin.start_server(stu1)
    act.fetch(hub, stu1, LESSON)
    act.answer(hub, stu1, LESSON, "good")
    answers_file = hub.home(stu1) / LESSON / f"{LESSON}.answers.json"
    answers_before = answers_file.read_bytes()
    note = {"type": "file", "format": "text", "content": "half-written reflection"}
    assert api.request("PUT", f"/user/{stu1}/api/contents/notes.txt", note).ok
    kernel = api.request("POST", f"/user/{stu1}/api/kernels", {"name": "python3"}).body["id"]
    server_pids = users.processes_of(stu1)

    assert process.stop_hub(hub.site)
    assert not process.is_up(hub.site)
    assert all(_alive(pid) for pid in server_pids), "the student's server or kernel died with the hub"
    process.start_hub(hub.site)

    assert users.processes_of(stu1)[: len(server_pids)] == server_pids  # the same server, not a new one
    assert api.request("GET", f"/user/{stu1}/api/contents/notes.txt").body["content"] == "half-written reflection"
    assert kernel in [k["id"] for k in api.request("GET", f"/user/{stu1}/api/kernels").body]
    assert answers_file.read_bytes() == answers_before
    more = {"type": "file", "format": "text", "content": "finished after the restart"}
    assert api.request("PUT", f"/user/{stu1}/api/contents/notes.txt", more).ok  # and carries on working
    api.request("DELETE", f"/user/{stu1}/api/kernels/{kernel}")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_a_student_who_submits_twice_keeps_both_and_the_newest_is_collected(released):
    hub = released
    stu2 = hub.students[1]
    act.fetch(hub, stu2, LESSON)
    act.answer(hub, stu2, LESSON, "bad")
    act.submit(hub, stu2, LESSON)
    time.sleep(1.1)
    act.answer(hub, stu2, LESSON, "good")
    second = (hub.home(stu2) / LESSON / f"{LESSON}.answers.json").read_text(encoding="utf-8")
    act.submit(hub, stu2, LESSON)
    assert len(act.inbound_entries(hub, stu2, LESSON)) >= 2  # nothing replaced in the exchange
    act.collect(hub, LESSON)
    collected = act.collected(hub, stu2, LESSON) / f"{LESSON}.answers.json"
    assert collected.read_text(encoding="utf-8") == second
    listed = act.student_nbgrader(hub.site, stu2, "list", "--cached")
    shown = listed.stdout + listed.stderr
    assert shown.count(f"{LESSON}") >= 2, shown  # the student sees both submissions


def test_an_unwritable_exchange_refuses_the_submission_and_keeps_the_work(released):
    hub = released
    stu3 = hub.students[2]
    folder = act.fetch(hub, stu3, LESSON)
    act.answer(hub, stu3, LESSON, "good")
    before = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    inbound = hub.site.exchange / hub.site.course_id / "inbound"
    entries = act.inbound_entries(hub, stu3, LESSON)
    inbound.chmod(0o2755)
    try:
        failed = act.submit(hub, stu3, LESSON, check=False)
        health = act.teacher(hub, "medialit", "hub", "check-exchange", "--exchange", str(hub.site.exchange),
                             check=False)
    finally:
        inbound.chmod(exchange.INBOUND_MODE)
    assert failed.returncode != 0
    message = failed.stdout + failed.stderr
    assert "does not accept submissions" in message and "Your work is safe in" in message, message
    assert act.inbound_entries(hub, stu3, LESSON) == entries
    assert {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()} == before
    assert health.returncode == 1 and f"{inbound} has mode 0755 instead of 0733" in health.stdout, health.stdout
    act.submit(hub, stu3, LESSON)  # once the exchange is repaired, the same work goes in


def test_a_full_exchange_refuses_the_submission_and_leaves_nothing_half_copied(released, tmp_path):
    hub = released
    stu1 = hub.students[0]
    small = hub.site.root / "small-exchange"
    small.mkdir(exist_ok=True)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m,mode=1777", "tmpfs", str(small)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here to fill up: {mounted.stderr.strip()}")
    try:
        teacher_account = users.lookup(hub.teacher)
        exchange.prepare_exchange(small, hub.site.course_id, teacher_account)
        override = f"--Exchange.root={small}"
        act.instructor_nbgrader_ok(hub, "release_assignment", "--force", LESSON, override)
        home_copy = hub.home(stu1) / "full-exchange"
        shutil.rmtree(home_copy, ignore_errors=True)
        act.as_member_ok(hub, stu1, ["mkdir", "-p", str(home_copy)])
        act.student_nbgrader(hub.site, stu1, "fetch_assignment", LESSON, override, cwd=home_copy)
        work = home_copy / LESSON
        act.answer_in(hub, stu1, LESSON, "good", work)
        (small / "filler").write_bytes(b"\0" * (shutil.disk_usage(small).free - 4096))
        health = act.teacher(hub, "medialit", "hub", "check-exchange", "--exchange", str(small), check=False)
        before = {p.name: p.read_bytes() for p in work.iterdir() if p.is_file()}
        failed = act.student_nbgrader(hub.site, stu1, "submit", LESSON, override, cwd=home_copy, check=False)
        left = sorted(p.name for p in (small / hub.site.course_id / "inbound").iterdir())
    finally:
        subprocess.run(["umount", str(small)], check=True)
    message = failed.stdout + failed.stderr
    assert failed.returncode != 0
    assert "The class exchange is full" in message and "Your work is safe in" in message, message
    assert left == [], f"a half-copied submission was left for collect: {left}"
    assert {p.name: p.read_bytes() for p in work.iterdir() if p.is_file()} == before
    assert health.returncode == 1 and "MB free on the exchange's disk" in health.stdout, health.stdout


def test_a_submission_without_answers_file_is_named_in_the_collect_report(released):
    hub = released
    stu3 = hub.students[2]
    folder = act.fetch(hub, stu3, LESSON)
    time.sleep(1.1)
    act.as_member_ok(hub, stu3, ["rm", "-f", str(folder / f"{LESSON}.answers.json")])
    act.submit(hub, stu3, LESSON)
    report = act.collect(hub, LESSON)
    line = next(x for x in report.splitlines() if f"no {LESSON}.answers.json" in x)
    assert stu3 in line and "submit again" in line, report
    act.teacher(hub, "medialit", "grade", ".", LESSON, "--student", stu3)
    assert act.gradebook_submission(hub, stu3, LESSON)["score"] == 0.0


def test_a_roster_student_missing_from_the_gradebook_is_kept_in_the_export(released):
    hub = released
    course = nbgrader_dir(hub.site.course_dir)
    roster = hub.home(hub.teacher) / "roster.csv"
    rows = ["username,sis_id"] + [f"{s},S{i}" for i, s in enumerate(hub.students, 1)] + ["mlhub-unknown,S99"]
    roster.write_text("\n".join(rows) + "\n", encoding="utf-8")
    owner = users.lookup(hub.teacher)
    os.chown(roster, owner.uid, owner.gid)
    out = hub.home(hub.teacher) / "grades.csv"
    done = act.teacher(hub, "medialit", "hub", "export-grades", "--to", "moodle", "--roster", str(roster),
                       "-o", str(out), "--force", "--course-dir", str(course))
    assert "in the roster but not in the gradebook (written with empty scores): mlhub-unknown" in done.stdout
    lines = out.read_text(encoding="utf-8").splitlines()
    assert any(line.startswith("S99,mlhub-unknown,") for line in lines)
    assert len(lines) == 1 + len(hub.students) + 1  # header, the class, the missing student
