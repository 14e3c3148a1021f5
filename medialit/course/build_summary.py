"""``medialit build`` around :func:`medialit.course.build.build`: which templates to build, and
what to print about each lesson built (its files, its checks, what was left out)."""

from __future__ import annotations

from medialit.course.build import TEMPLATES, BuildError, BuiltLesson


def parse_templates(names: str) -> tuple[str, ...]:
    """The template names in a comma-separated list; :class:`BuildError` for an unknown one or none."""
    templates = tuple(t.strip() for t in names.split(",") if t.strip())
    unknown = [t for t in templates if t not in TEMPLATES]
    if unknown or not templates:
        raise BuildError(f"unknown lesson template(s) {', '.join(unknown) or '(none given)'}; "
                         f"use some of {', '.join(TEMPLATES)}")
    return templates


def lesson_lines(lesson: BuiltLesson) -> list[str]:
    """The assignment, its lesson source, bank, solution and release, each check (ok or FAIL), what was left out
    and the problems found."""
    lines = [f"{lesson.assignment}:", f"  source    {lesson.source}", f"  bank      {lesson.bank}",
             f"  solution  {lesson.solution}", f"  release   {lesson.release}"]
    lines += [f"  {'ok  ' if ok else 'FAIL'}      {name}" for name, ok in lesson.checks.items()]
    lines += [f"  left out  {item}" for item in lesson.left_out]
    lines += [f"  problem   {problem}" for problem in lesson.problems]
    return lines


def all_checks_passed(built: list[BuiltLesson]) -> bool:
    """True when every check of every lesson passed."""
    return all(all(lesson.checks.values()) for lesson in built)
