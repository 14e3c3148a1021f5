"""What a student cannot do on the class hub, each tried as the student's own OS account.

Every claim is tried three ways where it applies: the file system (``runuser -u <student>``),
a terminal in the student's own server (through the server's API with the student's token),
and the hub's REST API with the student's token.  Each forbidden attempt has a positive
control (the owner can do it), so a test cannot pass because a path is simply missing.

The class state: the instructor released 00-orientation, two students fetched, answered
(one well, one badly) and submitted; the instructor collected, graded, and released feedback.
"""

from __future__ import annotations

import shlex
import time
from datetime import UTC, datetime

import pytest

from medialit.hub.course_folder import nbgrader_dir
from tests.support import hub_actions as act
from tests.support.hub_terminal import run_in_terminal

pytestmark = pytest.mark.hub

LESSON = "00-orientation"


@pytest.fixture(scope="module")
def term(class_hub):
    """Release, fetch, answer, submit, collect, grade, feedback: 00-orientation, students 1 and 2."""
    hub = class_hub
    stu1, stu2, _ = hub.students
    act.release(hub, LESSON)
    for student, quality in ((stu1, "good"), (stu2, "bad")):
        act.fetch(hub, student, LESSON)
        assert act.answer(hub, student, LESSON, quality) > 0
        act.submit(hub, student, LESSON)
    report = act.collect(hub, LESSON)
    act.teacher(hub, "medialit", "grade", ".", LESSON)
    act.instructor_nbgrader_ok(hub, "autograde", LESSON)
    act.instructor_nbgrader_ok(hub, "generate_feedback", LESSON)
    act.instructor_nbgrader_ok(hub, "release_feedback", LESSON)
    for student in (stu1, stu2):
        act.student_nbgrader(hub.site, student, "fetch_feedback", LESSON)
    return hub, report


def _paths(hub):
    stu1, stu2, _ = hub.students
    course = hub.site.course_dir
    auto = nbgrader_dir(course)
    exchange = hub.site.exchange / hub.site.course_id
    feedback_html = next((hub.home(stu2) / LESSON / "feedback").rglob("*.html"))
    return {
        "course folder": (["ls", str(course)], hub.teacher),
        "gradebook": (["cat", str(auto / "gradebook.db")], hub.teacher),
        "keys (reference answers)": (["cat", str(course / "solutions" / LESSON / f"{LESSON}.answers.json")],
                                     hub.teacher),
        "collected submission of another student": (
            ["cat", str(auto / "submitted" / stu2 / LESSON / f"{LESSON}.answers.json")], hub.teacher),
        "exchange inbound (everyone's submissions)": (["ls", str(exchange / "inbound")], hub.teacher),
        "exchange feedback folder": (["ls", str(exchange / "feedback")], hub.teacher),
        "another student's home": (["ls", str(hub.home(stu2))], stu2),
        "another student's answers": (["cat", str(hub.home(stu2) / LESSON / f"{LESSON}.answers.json")], stu2),
        "another student's feedback": (["cat", str(feedback_html)], stu2),
        "another student's nbgrader cache (submission secrets)": (
            ["ls", str(hub.home(stu2) / ".local" / "share" / "jupyter" / "nbgrader_cache")], stu2),
    }


CLAIMS = ["course folder", "gradebook", "keys (reference answers)", "collected submission of another student",
          "exchange inbound (everyone's submissions)", "exchange feedback folder", "another student's home",
          "another student's answers", "another student's feedback",
          "another student's nbgrader cache (submission secrets)"]


@pytest.mark.parametrize("claim", CLAIMS)
def test_a_student_cannot_read_it_through_the_file_system(term, claim):
    hub, _ = term
    argv, owner = _paths(hub)[claim]
    attempt = act.as_student(hub, hub.students[0], *argv)
    assert attempt.returncode != 0 and "Permission denied" in attempt.stderr, (claim, attempt)
    control = act.as_student(hub, owner, *argv) if owner != hub.teacher else act.teacher(hub, *argv, check=False)
    assert control.returncode == 0, (claim, "the owner cannot read it either: the test proves nothing", control)


def test_a_student_cannot_read_them_from_a_terminal_in_their_server(term):
    hub, _ = term
    stu1 = hub.students[0]
    hub.admin.start_server(stu1)
    paths = _paths(hub)
    commands = "; ".join(shlex.join(paths[c][0]) + " 2>&1 | tail -1" for c in CLAIMS)
    out = run_in_terminal(hub.site.url, stu1, hub.token(stu1), f"id -un; {commands}")
    assert stu1 in out  # the terminal runs as the student
    assert out.count("Permission denied") >= len(CLAIMS), out


def test_a_students_token_opens_nothing_but_their_own_server(term):
    hub, _ = term
    stu1, stu2, _ = hub.students
    for user in (hub.teacher, stu2, stu1):
        hub.admin.start_server(user)
    mine = hub.api_as(stu1)
    assert mine.request("GET", "/hub/api/user").body["name"] == stu1
    assert mine.request("GET", f"/user/{stu1}/api/contents").status == 200  # control: the token works
    forbidden = {
        "list the hub's users": ("GET", "/hub/api/users"),
        "read the instructor's account": ("GET", f"/hub/api/users/{hub.teacher}"),
        "make a token for another student": ("POST", f"/hub/api/users/{stu2}/tokens"),
        "start or stop another server": ("DELETE", f"/hub/api/users/{stu2}/server"),
        "read the instructor's files": ("GET", f"/user/{hub.teacher}/api/contents/course/autograder/gradebook.db"),
        "open a terminal in the instructor's server": ("POST", f"/user/{hub.teacher}/api/terminals"),
        "read another student's files": ("GET", f"/user/{stu2}/api/contents/{LESSON}/{LESSON}.answers.json"),
        "leave their own home through the contents API": ("GET", f"/user/{stu1}/api/contents/..%2F{stu2}"),
    }
    for what, (method, path) in forbidden.items():
        status = mine.request(method, path, {} if method == "POST" else None).status
        assert status in (400, 403, 404), (what, path, status)
    assert hub.admin.user(stu2)["servers"], "the student stopped another student's server"


def test_a_student_cannot_log_in_as_another_student(term):
    import http.cookiejar
    import urllib.error
    import urllib.parse
    import urllib.request

    hub, _ = term
    stu1, stu2, _ = hub.students
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.open(f"{hub.site.url}/hub/login").read()
    xsrf = next(c.value for c in jar if c.name == "_xsrf")
    form = urllib.parse.urlencode({"username": stu2, "password": hub.passwords[stu1], "_xsrf": xsrf}).encode()
    with pytest.raises(urllib.error.HTTPError) as refused:
        opener.open(f"{hub.site.url}/hub/login", data=form)
    assert refused.value.code == 403
    form = urllib.parse.urlencode({"username": stu1, "password": hub.passwords[stu1], "_xsrf": xsrf}).encode()
    assert opener.open(f"{hub.site.url}/hub/login", data=form).status == 200  # control: the right password works


def test_a_student_cannot_submit_as_someone_else(term):
    hub, _ = term
    stu1, stu2, _ = hub.students
    genuine = (act.collected(hub, stu2, LESSON) / f"{LESSON}.answers.json").read_text(encoding="utf-8")
    time.sleep(1.1)
    # nbgrader lets anyone name a student on the command line; the folder still belongs to stu1
    forged = act.submit(hub, stu1, LESSON, "--student", stu2)
    assert forged.returncode == 0
    assert any(n.startswith(f"{stu2}+") for n in act.inbound_entries(hub, stu2, LESSON))
    report = act.collect(hub, LESSON)
    assert f"it names {stu2} but was made by {stu1}" in report
    assert (act.collected(hub, stu2, LESSON) / f"{LESSON}.answers.json").read_text(encoding="utf-8") == genuine


def test_a_late_submission_is_marked_late(term):
    hub, _ = term
    stu3 = hub.students[2]
    act.fetch(hub, stu3, LESSON)
    act.answer(hub, stu3, LESSON, "good")
    due = datetime.now(UTC).replace(microsecond=0)
    act.instructor_nbgrader_ok(hub, "db", "assignment", "add", LESSON, f"--duedate={due:%Y-%m-%d %H:%M:%S} UTC")
    time.sleep(1.1)
    act.submit(hub, stu3, LESSON)
    report = act.collect(hub, LESSON)
    late_line = next(line for line in report.splitlines() if line.strip().startswith("late:"))
    assert stu3 in late_line and hub.students[0] not in late_line
    act.teacher(hub, "medialit", "grade", ".", LESSON, "--student", stu3)
    assert act.gradebook_submission(hub, stu3, LESSON)["seconds_late"] > 0
    assert act.gradebook_submission(hub, hub.students[0], LESSON)["seconds_late"] == 0
    act.teacher(hub, "nbgrader", "export", "--to", "grades.csv")
    exported = (nbgrader_dir(hub.site.course_dir) / "grades.csv").read_text(encoding="utf-8").splitlines()
    header = exported[0].split(",")
    row = next(r.split(",") for r in exported if r.startswith(f"{LESSON},") and f",{stu3}," in r)
    assert row[header.index("timestamp")] > row[header.index("duedate")]  # what the gradebook export shows
