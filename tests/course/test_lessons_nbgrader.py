"""The course with the real nbgrader, in a copy in a temporary folder.

- ``nbgrader generate_assignment`` regenerates ``lessons/`` byte for byte;
- ``nbgrader validate`` passes on every solution (with its reference answers file);
- ``nbgrader validate --invert`` shows that the blank lessons fail their checks.
"""

from __future__ import annotations

import pytest

from tests.support import nbgrader_course as nc

pytestmark = pytest.mark.nbgrader


def test_generate_assignment_reproduces_lessons_byte_for_byte(tmp_path):
    course = nc.make_course(tmp_path, with_release=False)
    nc.nbgrader(course, "generate_assignment", "*")
    made = sorted(p.relative_to(course / "lessons") for p in (course / "lessons").rglob("*") if p.is_file())
    # the notebooks and their public banks: never the reference answers files that sit beside the solutions
    assert [p.as_posix() for p in made] == [name for lesson in nc.LESSONS for name in (
        f"{lesson}/{lesson}.ipynb", f"{lesson}/{lesson}.questions.yaml")]
    kept = sorted(p.relative_to(nc.ROOT / "lessons") for p in (nc.ROOT / "lessons").rglob("*")
                  if p.suffix in (".ipynb", ".yaml") and ".ipynb_checkpoints" not in p.parts)
    assert made == kept, "lessons/ holds other notebooks than nbgrader makes: run scripts/build_lessons.py"
    for rel in made:
        assert (course / "lessons" / rel).read_bytes() == (nc.ROOT / "lessons" / rel).read_bytes(), (
            f"lessons/{rel} differs from what nbgrader generates: run .venv/bin/python scripts/build_lessons.py")


def test_validate_passes_on_every_solution(tmp_path):
    course = nc.make_course(tmp_path)
    paths = [str(course / "solutions" / lesson / f"{lesson}.ipynb") for lesson in nc.LESSONS]
    proc = nc.nbgrader(course, "validate", *paths, check=False, timeout=600)
    out = proc.stdout
    assert proc.returncode == 0, out + proc.stderr
    assert out.count("Success! Your notebook passes all the tests.") == len(nc.LESSONS), out


def test_validate_invert_shows_blank_lessons_fail(tmp_path):
    course = nc.make_course(tmp_path)
    paths = [str(course / "lessons" / lesson / f"{lesson}.ipynb") for lesson in nc.LESSONS]
    proc = nc.nbgrader(course, "validate", "--invert", *paths, check=False, timeout=600)
    out = proc.stdout
    assert proc.returncode == 0, out + proc.stderr
    assert out.count("Success! The notebook does not pass any tests.") == len(nc.LESSONS), out
