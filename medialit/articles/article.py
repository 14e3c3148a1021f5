"""Articles: the texts lessons are built on, with metadata, page structure and references.

An article lives in a folder ``seeds/<id>/``:

- ``article.txt``: the text, UTF-8, exactly as annotated (offsets count code points);
- ``meta.yaml``: outlet, date, title, provenance and rights (``meta.schema.json``);
- ``structure.json``: the parts of the page as spans (``structure.schema.json``);
- ``reference.json``: the reference annotation (``annotations.schema.json``), optional
  for a draft article.

Folders are looked up, first match wins, in

1. ``$MEDIALIT_SEEDS`` (several folders separated by ``os.pathsep``);
2. the ``seeds/`` of a course given by the caller (a question's own course);
3. the ``seeds/`` of the current course (:func:`medialit.course.course.find_course`);
4. the article texts the package carries (:data:`medialit.core.paths.PACKAGE_SEEDS_DIR`):
   text, metadata and structure only.  An article found there has no reference annotation
   here, even where the folder holds one (a checkout): references stay in courses, and
   asking for one raises :class:`ArticleError` saying so.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from medialit.core import annotation as ann
from medialit.core import paths
from medialit.core.spans import Span, text_sha256
from medialit.errors import MedialitError


class ArticleError(MedialitError, LookupError):
    """An article is missing or its files are inconsistent."""


def _search(course: str | os.PathLike[str] | None = None) -> list[tuple[Path, bool]]:
    """Existing folders searched for article folders, in order, and whether each is the package's."""
    from medialit.course.course import find_course

    dirs = [Path(p) for p in os.environ.get("MEDIALIT_SEEDS", "").split(os.pathsep) if p]
    current = find_course()
    for root in (course, current.root if current else None):
        if root is not None:
            dirs.append(Path(root) / "seeds")
    out: list[tuple[Path, bool]] = []
    for d, packaged in [(d, False) for d in dirs] + [(paths.PACKAGE_SEEDS_DIR, True)]:
        if d.is_dir() and all(d.resolve() != seen.resolve() for seen, _ in out):
            out.append((d, packaged))
    return out


def seed_dirs(course: str | os.PathLike[str] | None = None) -> list[Path]:
    """Folders searched for article folders, in order (see the module docstring)."""
    return [d for d, _ in _search(course)]


def _teacher_message(article_id: str) -> str:
    return (f"the reference annotation of article {article_id!r} is kept by your teacher's course, not by the "
            "medialit package (students' installs hold the article text only). Teachers: run medialit inside your "
            "course folder or give --course DIR; `medialit course new DIR` starts a course")


@dataclass
class Article:
    """One article folder.  Files are read on first use and then kept.

    ``packaged`` is True for an article found among the package's article texts: it has no
    reference annotation (see the module docstring).
    """

    path: Path
    packaged: bool = False
    id: str = field(init=False)

    def __post_init__(self) -> None:
        self.path = Path(self.path)
        self.id = self.path.name

    @cached_property
    def text(self) -> str:
        try:
            raw = (self.path / "article.txt").read_bytes()
        except FileNotFoundError:
            raise ArticleError(f"article {self.id!r} has no article.txt in {self.path}") from None
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ArticleError(
                f"{self.path / 'article.txt'} is not UTF-8 (byte {exc.start}); re-save it as UTF-8"
            ) from None

    @cached_property
    def sha256(self) -> str:
        return text_sha256(self.text)

    @cached_property
    def meta(self) -> dict[str, Any]:
        from medialit.core.yaml_text import YamlFileError, read_yaml

        path = self.path / "meta.yaml"
        try:
            data = read_yaml(path)
        except FileNotFoundError:
            raise ArticleError(f"article {self.id!r} has no meta.yaml in {self.path}") from None
        except YamlFileError as exc:
            raise ann.AnnotationError([str(exc)], str(path)) from None
        problems = ann.schema_problems(data, "meta")
        if isinstance(data, dict) and data.get("id") != self.id:
            problems.append(f"id {data.get('id')!r} differs from the folder name {self.id!r}")
        if problems:
            raise ann.AnnotationError(problems, str(path))
        return data

    @property
    def title(self) -> str:
        return str(self.meta["title"])

    @property
    def constructed(self) -> bool:
        return bool(self.meta.get("constructed"))

    @property
    def reviewed(self) -> bool:
        return self.meta.get("status") == "reviewed"

    @cached_property
    def structure(self) -> list[dict[str, Any]]:
        """The page's parts in order: ``{"label", "start", "end", "text"[, "note"]}``."""
        path = self.path / "structure.json"
        data = ann.read_json(path)
        problems = ann.schema_problems(data, "structure")
        if not problems:
            if data["text_sha256"] != self.sha256:
                problems.append("text_sha256 does not match article.txt")
            for i, part in enumerate(data["parts"]):
                if not (0 <= part["start"] <= part["end"] <= len(self.text)):
                    problems.append(f"parts[{i}]: offsets {part['start']}:{part['end']} out of range")
                elif self.text[part["start"] : part["end"]] != part["text"]:
                    problems.append(f"parts[{i}]: text does not match the article at {part['start']}:{part['end']}")
        if problems:
            raise ann.AnnotationError(problems, str(path))
        return data["parts"]

    def parts(self, label: str | None = None) -> list[Span]:
        """Spans of the parts with ``label`` (all parts when ``label`` is None)."""
        return [Span(p["start"], p["end"], p["text"]) for p in self.structure if label in (None, p["label"])]

    def part_at(self, offset: int) -> str | None:
        """The label of the part holding character ``offset`` (None between parts)."""
        for p in self.structure:
            if p["start"] <= offset < p["end"]:
                return str(p["label"])
        return None

    @property
    def reference_path(self) -> Path:
        return self.path / "reference.json"

    @property
    def has_reference(self) -> bool:
        """True when the reference annotation can be read here."""
        return not self.packaged and self.reference_path.exists()

    @cached_property
    def reference(self) -> dict[str, Any]:
        """The validated reference annotation (raises ``ArticleError`` when there is none, or
        when the article comes from the package's texts, whose references stay in courses)."""
        if self.packaged:
            raise ArticleError(_teacher_message(self.id))
        if not self.reference_path.exists():
            raise ArticleError(f"article {self.id!r} has no reference annotation yet ({self.reference_path})")
        doc = ann.load(self.reference_path, self.text)
        if doc["article_id"] != self.id:
            problem = f"article_id {doc['article_id']!r} is not {self.id!r}"
            raise ann.AnnotationError([problem], str(self.reference_path))
        return doc

    def ensure_writable(self) -> Path:
        """The article's folder, when its files may be changed: an article of a course or of
        ``$MEDIALIT_SEEDS``.  Raises :class:`ArticleError` for one of the package's article
        texts, and :class:`~medialit.core.paths.PackageWriteError` for a folder inside the package."""
        if self.packaged:
            raise ArticleError(f"article {self.id!r} is one of the texts the medialit package carries ({self.path}), "
                               "not an article of a course, so it cannot be changed or annotated here. Work in a "
                               "course (run medialit inside it, or give --course DIR); `medialit course new DIR` "
                               "starts one, and `medialit article add` adds an article to it")
        return paths.ensure_outside_package(self.path, f"the files of article {self.id!r}")

    def span(self, start: int, end: int) -> Span:
        return Span.of(self.text, start, end)

    def summary(self) -> dict[str, Any]:
        m = self.meta
        return {"id": self.id, "title": m["title"], "outlet": m["outlet"], "date": m["date"],
                "constructed": m["constructed"], "status": m["status"]}


def list_articles(course: str | os.PathLike[str] | None = None) -> list[Article]:
    """Every article folder found (first folder wins on duplicate ids), sorted by id.

    ``course`` is a course root searched before the current course (see the module docstring).
    """
    found: dict[str, Article] = {}
    for d, packaged in _search(course):
        for sub in sorted(d.iterdir()):
            if sub.is_dir() and (sub / "article.txt").exists() and sub.name not in found:
                found[sub.name] = Article(sub, packaged=packaged)
    return [found[k] for k in sorted(found)]


def load_article(article_id: str, course: str | os.PathLike[str] | None = None) -> Article:
    """The article with this id; ``ArticleError`` lists the known ids when it is unknown.

    ``course`` is a course root searched before the current course (see the module docstring).
    """
    plain = bool(article_id) and article_id not in (".", "..") and "/" not in article_id and os.sep not in article_id
    for d, packaged in _search(course) if plain else []:
        if (d / article_id / "article.txt").exists():
            return Article(d / article_id, packaged=packaged)
    known = ", ".join(a.id for a in list_articles(course)) or "none"
    raise ArticleError(f"no article {article_id!r}; known articles: {known}")
