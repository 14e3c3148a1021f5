"""The class hub as set up: environments, extensions, course folder, exchange, servers."""

from __future__ import annotations

import stat

import pytest

from medialit.core.paths import SOURCE_ROOT
from medialit.hub import envs, exchange, users
from medialit.hub.course_folder import nbgrader_dir
from tests.support import hub_actions as act

pytestmark = pytest.mark.hub

WHERE_IS_MEDIALIT = "import medialit, nbgrader; print(medialit.__file__); print(nbgrader.__file__)"
GRADED_KEYS = """
from medialit.questions import all_questions, key_answer
found = []
for q in all_questions().values():
    if q.mode == "graded" and q.type != "text":
        try:
            key_answer(q)
            found.append(q.id)
        except Exception:
            pass
print(len(found))
"""


@pytest.mark.parametrize("role", ["students", "instructor"])
def test_each_environment_has_the_nbgrader_extensions_of_its_role(class_hub, role):
    env = class_hub.site.student_env if role == "students" else class_hub.site.instructor_env
    found = envs.extensions(env)
    assert found.problems(role) == []
    assert found.server["nbgrader.server_extensions.assignment_list"]
    if role == "students":
        assert not found.server["nbgrader.server_extensions.formgrader"]
        assert "@jupyter/nbgrader:formgrader" in found.lab_disabled_plugins
    else:
        assert found.server["nbgrader.server_extensions.formgrader"]


def test_student_servers_have_no_formgrader_and_the_instructors_has(class_hub):
    hub = class_hub
    stu1 = hub.students[0]
    for user in (stu1, hub.teacher):
        hub.admin.start_server(user)
    assert hub.api_as(stu1).request("GET", f"/user/{stu1}/formgrader/api/assignments").status == 404
    assert hub.api_as(stu1).request("GET", f"/user/{stu1}/assignments?course_id=medialit").status == 200
    teacher = hub.api_as(hub.teacher).request("GET", f"/user/{hub.teacher}/formgrader/api/assignments")
    assert teacher.status == 200 and any(a["name"] == "01-sources" for a in teacher.body)


def test_a_students_server_runs_the_student_install_not_the_checkout(class_hub):
    hub = class_hub
    out = act.as_member_ok(hub, hub.students[0], ["python", "-c", WHERE_IS_MEDIALIT]).stdout.split()
    assert all(path.startswith(str(hub.site.student_env) + "/") for path in out), out
    assert not any(path.startswith(str(SOURCE_ROOT) + "/medialit") for path in out)


def test_the_student_install_holds_no_key_to_a_graded_question(class_hub):
    hub = class_hub
    found = act.as_member_ok(hub, hub.students[0], ["python", "-c", GRADED_KEYS]).stdout.strip()
    assert found == "0", f"{found} graded questions have their key in the student install"


def test_the_course_folder_is_the_instructors_alone(class_hub):
    hub = class_hub
    course = hub.site.course_dir
    info = course.stat()
    assert stat.S_IMODE(info.st_mode) == 0o700
    assert info.st_uid == users.lookup(hub.teacher).uid
    assert (nbgrader_dir(course) / "gradebook.db").stat().st_uid == info.st_uid
    listed = act.teacher(hub, "nbgrader", "db", "student", "list").stdout
    assert all(s in listed for s in hub.students)


def test_the_exchange_has_the_documented_modes(class_hub):
    site = class_hub.site
    course = site.exchange / site.course_id
    modes = {p: stat.S_IMODE(p.stat().st_mode) for p in
             (site.exchange, course, course / "inbound", course / "outbound", course / "feedback")}
    assert modes == {site.exchange: exchange.ROOT_MODE, course: exchange.COURSE_MODE,
                     course / "inbound": exchange.INBOUND_MODE, course / "outbound": exchange.OUTBOUND_MODE,
                     course / "feedback": exchange.FEEDBACK_MODE}
    assert exchange.check_exchange(site.exchange, site.course_id).ok
