"""What ``medialit articles`` and ``medialit reference`` print: the list of articles and an
article's reference annotation.

Tables are drawn with rich, imported only when a table is printed; JSON goes to standard
output as it is.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from medialit.articles.article import list_articles, load_article
from medialit.core import annotation as ann


def article_rows() -> list[dict[str, Any]]:
    """One summary per article (id, title, outlet, date, constructed, status), sorted by id."""
    return [a.summary() for a in list_articles()]


def print_articles(fmt: str = "table") -> None:
    """Print every article: a table (id, outlet, date, title, kind), or JSON with ``fmt="json"``."""
    rows = article_rows()
    if fmt == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table("id", "outlet", "date", "title", "kind")
    for r in rows:
        table.add_row(r["id"], r["outlet"], r["date"], r["title"], "constructed" if r["constructed"] else "real")
    Console().print(table)


def layer_counts(doc: dict[str, Any]) -> dict[str, int]:
    """How many items each layer of an annotation document has, in the document's order (empty layers left out)."""
    counts: dict[str, int] = {}
    for layer, _ in ann.iter_items(doc):
        counts[layer] = counts.get(layer, 0) + 1
    return counts


def print_reference(article_id: str, fmt: str = "json") -> None:
    """Print the article's reference annotation as canonical JSON, or with ``fmt="table"`` the
    number of items per layer.  Raises ``ArticleError`` for an unknown article or one without a
    reference, ``AnnotationError`` for an invalid reference."""
    doc = load_article(article_id).reference
    if fmt == "json":
        sys.stdout.write(ann.dumps(doc))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table("layer", "items")
    for layer, n in layer_counts(doc).items():
        table.add_row(layer, str(n))
    Console().print(table)
