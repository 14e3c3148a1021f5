"""medialit: exercises and tools for reading the news critically.

Importing the package is cheap: spaCy, jsonschema, YAML and the widgets load only when
something needs them.  Start with :func:`load_article` and :mod:`medialit.annotations`.
"""

from __future__ import annotations

__version__ = "0.1.0"

from medialit.articles.article import Article, ArticleError, list_articles, load_article
from medialit.core.spans import Span, text_sha256

__all__ = ["Article", "ArticleError", "Span", "__version__", "list_articles", "load_article", "text_sha256"]
