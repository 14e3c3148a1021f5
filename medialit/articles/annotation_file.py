"""An annotation file checked against its article (``medialit validate``), and the
document a command works on when it is given a file or an article id (``medialit export``)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from medialit.articles.article import Article, ArticleError, load_article
from medialit.core import annotation as ann
from medialit.errors import MedialitError


class AnnotationFileError(MedialitError, ValueError):
    """What was given is neither an annotation file nor an article id; the message says what to give."""


def check_annotation_file(path: str | os.PathLike[str], article_id: str | None = None) -> tuple[int, str | None]:
    """Validate an annotation file; returns (number of items, the article id it was checked against).

    Offsets are checked against ``article_id``'s text, by default the file's own
    ``article_id``; without either only the format is checked.  Raises ``AnnotationError``
    listing every problem, ``ArticleError`` for an unknown article.
    """
    data = ann.read_json(path)
    article_id = article_id or (data.get("article_id") if isinstance(data, dict) else None)
    text = load_article(article_id).text if article_id else None
    ann.validate(data, text, where=str(path))
    return sum(1 for _ in ann.iter_items(data)), article_id


def document_or_reference(file_or_id: str) -> tuple[dict[str, Any], Article]:
    """The validated annotation in the file ``file_or_id``, or the reference of the article with
    that id when there is no such file; with the article it belongs to."""
    path = Path(file_or_id)
    if path.exists():
        data = ann.read_json(path)
        if not isinstance(data, dict) or not isinstance(data.get("article_id"), str):
            raise AnnotationFileError(f"{path} is not an annotation document (no article_id); "
                                      "give a medialit annotation file or an article id")
        article = load_article(data["article_id"])
        return ann.validate(data, article.text, where=str(path)), article
    try:
        article = load_article(file_or_id)
    except ArticleError:
        raise AnnotationFileError(f"{file_or_id} is neither an annotation file nor a known article id") from None
    return article.reference, article
