"""``medialit export`` and ``medialit import`` on files: read an annotation tool's file, write
the result to a file or standard output without overwriting anything by accident."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from medialit.errors import MedialitError


class ToolFileError(MedialitError, OSError):
    """A tool's file cannot be read, or an output file exists already; the message says what to do."""


def export_file(file_or_id: str, fmt: str, *, offsets: str | None = None, as_predictions: bool = False,
                relations: bool = False) -> str:
    """The ``fmt`` file content for an annotation file, or for an article's reference given its id
    (see :func:`medialit.articles.annotation_file.document_or_reference`)."""
    from medialit.articles.annotation_file import document_or_reference
    from medialit.interchange import export_text

    doc, article = document_or_reference(file_or_id)
    return export_text(doc, article.text, fmt, offsets=offsets, as_predictions=as_predictions, relations=relations)


def tool_setup(fmt: str) -> str:
    """The tool's set-up for the medialit labels: Label Studio's labeling config (XML), or the
    doccano label names, one per line."""
    if fmt == "label-studio":
        from medialit.interchange.label_studio import labeling_config

        return labeling_config()
    from medialit.interchange.doccano import label_names

    return "\n".join(label_names()) + "\n"


def read_tool_file(path: Path) -> str:
    """The text of an exported file; :class:`ToolFileError` when it is missing or not UTF-8."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ToolFileError(f"file not found: {path}") from None
    except UnicodeDecodeError:
        raise ToolFileError(f"{path} is not UTF-8 text; export it again from the tool") from None


def import_file(path: str | os.PathLike[str], article_id: str, fmt: str, *, pick: int | None = None,
                offsets: str | None = None) -> tuple[dict[str, Any], list[str]]:
    """The validated annotation document in a tool's file for ``article_id``, and notes on what
    was read.  A file that cannot be imported raises ``AnnotationError`` naming the file and
    listing every problem, as an annotation that fails its check."""
    from medialit.articles.article import load_article
    from medialit.core import annotation as ann
    from medialit.interchange import ExchangeError, import_text

    article = load_article(article_id)
    path = Path(path)
    raw = read_tool_file(path)
    try:
        return import_text(raw, article, fmt, pick=pick, offsets=offsets, where=str(path))
    except ExchangeError as exc:
        raise ann.AnnotationError(exc.problems, str(path)) from None


def write_output(content: str, out: str | os.PathLike[str] | None, force: bool = False) -> Path | None:
    """Write ``content`` to the file ``out`` (atomically, then "wrote FILE" on standard error), or
    to standard output when ``out`` is None.

    Returns the file written.  An existing file is replaced only with ``force``; otherwise
    :class:`ToolFileError` says how to choose.
    """
    from medialit.core.annotation import atomic_write_text
    from medialit.core.paths import ensure_outside_package

    if not out:
        sys.stdout.write(content)
        return None
    path = ensure_outside_package(out, "the output")
    if path.exists() and not force:
        raise ToolFileError(f"{path} already exists; choose another --out or add --force to replace it")
    atomic_write_text(path, content)
    print(f"wrote {path}", file=sys.stderr)
    return path
