"""medialit: exercises and tools for reading the news critically.

Importing the package is cheap: spaCy, jsonschema, YAML and the widgets load only when
something needs them.  Start with :func:`load_article` (:mod:`medialit.articles.article`)
and the annotation format (:mod:`medialit.core.annotation`); the analyzers are in
:mod:`medialit.nlp`, the lesson widgets in :mod:`medialit.lesson.widgets`.

Importing it changes nothing outside medialit, with one exception that only grading sees:
in a kernel run by ``nbgrader autograde`` (``NBGRADER_EXECUTION=autograde``) it turns on the
process-wide speed-ups of :mod:`medialit.speedups`.
"""

from __future__ import annotations

__version__ = "0.1.0"

from medialit import speedups as _speedups
from medialit.articles.article import Article, ArticleError, list_articles, load_article
from medialit.core.spans import Span, text_sha256

_speedups.enable_for_autograde()

__all__ = ["Article", "ArticleError", "Span", "__version__", "list_articles", "load_article", "text_sha256"]
