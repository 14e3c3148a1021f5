"""Read YAML for the package's data files, fast and with one error wording.

PyYAML's C loader (libyaml) parses the banks, lexicons and references about ten times faster
than its pure-Python loader, which matters when a lesson is graded; both build the same
plain values (no tags, no arbitrary objects).  Limits: only the safe YAML subset is read,
and when PyYAML was built without libyaml the slower pure-Python loader is used.
"""

from __future__ import annotations

from typing import Any, Protocol

from medialit.errors import MedialitError


class YamlFileError(MedialitError, ValueError):
    """The text is not UTF-8 or not valid YAML; the message says where (line and column, 1-based)."""


class _Readable(Protocol):
    def read_text(self, encoding: str = ...) -> str: ...


def parse_yaml(text: str) -> Any:
    """The values in ``text``; :class:`YamlFileError` ("not valid YAML at line 3, column 5: ...")."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.load(text, Loader=loader)  # noqa: S506 - a safe loader (CSafeLoader or SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        reason = getattr(exc, "problem", None) or str(exc)
        raise YamlFileError(f"not valid YAML{at}: {reason}") from None


def read_yaml(file: _Readable) -> Any:
    """The values in a UTF-8 YAML file (a path or a package resource).

    :class:`YamlFileError` when it is not UTF-8 or not valid YAML; ``FileNotFoundError``
    passes through, so that the caller can say what is missing and where it belongs.
    """
    try:
        text = file.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise YamlFileError(f"not UTF-8 text (byte {exc.start}); re-save the file as UTF-8") from None
    return parse_yaml(text)
