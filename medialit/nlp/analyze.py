"""Analyse texts and articles into annotation documents.

Inputs are UTF-8 text files, folders of ``*.txt`` files, or the ids of known articles.
Many texts go through ``nlp.pipe`` together.  A text longer than :data:`CHUNK_CHARS` is
parsed in paragraph-aligned pieces that are joined back into one doc before the
analyzers run, so offsets always refer to the whole text and spaCy's length limit never
applies.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from medialit.errors import MedialitError

#: Longer texts are parsed in pieces of about this many characters.
CHUNK_CHARS = 100_000
_ID_SAFE = re.compile(r"[^a-z0-9-]+")


class InputError(MedialitError, ValueError):
    """An input cannot be analysed; the message says which and what to do."""


@dataclass
class Item:
    """One text to analyse."""

    name: str  # file stem or article id: the output file is <name>.json
    article_id: str
    text: str
    part_at: Callable[[int], str | None] | None = None


def article_id_for(name: str) -> str:
    """A valid annotation ``article_id`` made from a file name."""
    ident = _ID_SAFE.sub("-", name.lower()).strip("-")
    return ident or "analyzed-text"


def read_text_file(path: Path) -> str:
    """The text of a UTF-8 file, with errors a student can act on."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file or article id (`medialit articles` lists the article ids)") from None
    except IsADirectoryError:
        raise InputError(f"{path} is a folder; give the folder itself to analyse every .txt file in it") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied; check that you can read the file") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{path} is not UTF-8 text (undecodable byte at position {exc.start}); "
            "save it as UTF-8 (e.g. in a text editor: Save As, encoding UTF-8) and try again"
        ) from None
    return text


def check_text(text: str, where: str) -> str:
    """``text`` if it can be analysed; raises :class:`InputError` for an empty text."""
    if not text.strip():
        raise InputError(f"{where} is empty (no text to analyse)")
    return text


def resolve_inputs(inputs: Iterable[str]) -> list[Item]:
    """Files, folders (their ``*.txt`` files) or article ids, as items to analyse."""
    from medialit.articles.article import ArticleError, load_article

    items: list[Item] = []
    for raw in inputs:
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.iterdir() if p.suffix == ".txt" and p.is_file())
            if not files:
                raise InputError(f"{path} holds no .txt files to analyse")
            for f in files:
                items.append(Item(f.stem, article_id_for(f.stem), check_text(read_text_file(f), str(f))))
        elif path.exists() or "/" in raw or raw.endswith(".txt"):
            text = check_text(read_text_file(path), str(path))
            items.append(Item(path.stem, article_id_for(path.stem), text))
        else:
            try:
                article = load_article(raw)
            except ArticleError as exc:
                raise InputError(f"{raw}: no such file, and {exc}") from None
            items.append(Item(article.id, article.id, check_text(article.text, f"article {article.id}"),
                              _safe_part_at(article)))
    return items


def _safe_part_at(article: Any) -> Callable[[int], str | None] | None:
    try:
        _ = article.structure
    except Exception:  # noqa: BLE001 - an article without a usable structure just has no parts
        return None
    return article.part_at


def _chunks(text: str, size: int) -> list[str]:
    """Pieces of ``text`` of about ``size`` characters, cut after a line break when possible."""
    pieces = []
    start = 0
    while len(text) - start > size:
        cut = text.rfind("\n", start + size // 2, start + size)
        if cut < 0:
            cut = text.rfind(" ", start + size // 2, start + size)
        cut = cut + 1 if cut >= 0 else start + size
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])
    return pieces


def pipe_docs(nlp: Any, texts: Iterable[str], batch_size: int = 16) -> Iterator[Any]:
    """``nlp.pipe`` over ``texts`` in order, with long texts parsed in pieces and joined back."""
    texts = list(texts)
    long_ones = {i for i, t in enumerate(texts) if len(t) > CHUNK_CHARS}
    short_docs = nlp.pipe((t for i, t in enumerate(texts) if i not in long_ones), batch_size=batch_size)
    for i, text in enumerate(texts):
        yield long_doc(nlp, text) if i in long_ones else next(short_docs)


def long_doc(nlp: Any, text: str) -> Any:
    """Parse ``text`` in pieces, join them into one doc, then run the analyzers on it."""
    from spacy.tokens import Doc

    from medialit.nlp.loader import ANALYZERS

    analyzers = [(name, proc) for name, proc in nlp.pipeline if name in ANALYZERS]
    with nlp.select_pipes(disable=[name for name, _ in analyzers]):
        parts = list(nlp.pipe(_chunks(text, CHUNK_CHARS), batch_size=4))
    doc = Doc.from_docs(parts, ensure_whitespace=False)
    for _, proc in analyzers:
        doc = proc(doc)
    return doc
