"""Add an article of the instructor's choosing: a saved news page becomes ``seeds/<id>/``.

:func:`prepare` reads a plain-text or saved HTML page, extracts its text, proposes its
structure (:mod:`medialit.articles.ingest.page_structure`) and gathers its metadata (HTML meta tags,
JSON-LD, then what the caller passes); :func:`write` checks everything against the
schemas and writes the folder (``article.txt``, ``meta.yaml`` with ``status: draft``,
``structure.json`` and, when the analyzers are installed, a draft ``reference.json``
made by them and marked ``reviewed: false``).  Nothing is ever overwritten: the folder is
built under a temporary name and renamed into place only when complete.

Limits: the structure and the draft annotation are proposals to check, not results; a
page that needs JavaScript to show its text yields little text; dates in words are
understood in English only.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from medialit.articles.ingest.page_structure import credit_words, html_structure, text_structure
from medialit.articles.ingest.page_text import looks_like_html, normalise_plain_text, parse_html
from medialit.core import annotation as ann
from medialit.core.spans import text_sha256
from medialit.errors import MedialitError

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_STOPWORDS = {"a", "an", "the", "of", "on", "in", "to", "for", "and", "or", "is", "are", "be", "as", "at", "by",
              "with", "from", "says", "said", "its", "it", "that", "this", "not", "will", "over", "after"}
_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}


class AddError(MedialitError, ValueError):
    """The page or the options cannot make an article; the message says how to fix it."""


@dataclass
class Draft:
    """Everything ``article add`` will write, before it is written."""

    text: str
    parts: list[dict[str, Any]]
    meta: dict[str, Any]
    source_kind: str  # "html" or "text"
    missing: list[str] = field(default_factory=list)  # required metadata still unknown

    @property
    def id(self) -> str:
        return str(self.meta.get("id") or "")


# -- metadata -------------------------------------------------------------------------
def parse_date(value: str | None) -> str | None:
    """``YYYY-MM-DD`` from an ISO timestamp or an English date ("18 March 2021"); else None."""
    if not value:
        return None
    value = value.strip()
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", value)
    if m:
        y, mo, d = map(int, m.groups())
    else:
        m1 = re.search(r"(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})", value)
        m2 = re.search(r"([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})", value)
        if m1 and m1.group(2)[:3].lower() in _MONTHS:
            d, mo, y = int(m1.group(1)), _MONTHS[m1.group(2)[:3].lower()], int(m1.group(3))
        elif m2 and m2.group(1)[:3].lower() in _MONTHS:
            mo, d, y = _MONTHS[m2.group(1)[:3].lower()], int(m2.group(2)), int(m2.group(3))
        else:
            return None
    try:
        return _dt.date(y, mo, d).isoformat()
    except ValueError:
        return None


def _ld_name(value: Any) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        return _ld_name(value.get("name"))
    if isinstance(value, list):
        names = [n for n in (_ld_name(v) for v in value) if n]
        return ", ".join(names) or None
    return None


def html_metadata(page: Any) -> dict[str, str]:
    """Outlet, date, title, author, section, url and language found in the page."""
    m: dict[str, str] = page.meta
    found: dict[str, str | None] = {
        "outlet": m.get("og:site_name") or m.get("application-name") or m.get("publisher"),
        "date": parse_date(m.get("article:published_time") or m.get("datepublished") or m.get("date")
                           or m.get("pubdate") or m.get("publish-date") or m.get("dc.date")
                           or m.get("dcterms.created") or m.get("parsely-pub-date") or m.get("sailthru.date")),
        "title": m.get("og:title") or m.get("twitter:title"),
        "author": m.get("author") or m.get("article:author") or m.get("byl") or m.get("parsely-author"),
        "section": m.get("article:section") or m.get("section"),
        "url": m.get("og:url") or m.get("canonical"),
        "language": page.language,
    }
    for rec in page.json_ld:
        types = rec.get("@type")
        types = types if isinstance(types, list) else [types]
        if not any(isinstance(t, str) and t.endswith(("Article", "NewsArticle", "Posting")) for t in types):
            continue
        found["title"] = found["title"] or _ld_name(rec.get("headline"))
        found["date"] = found["date"] or parse_date(str(rec.get("datePublished") or ""))
        found["author"] = found["author"] or _ld_name(rec.get("author"))
        found["outlet"] = found["outlet"] or _ld_name(rec.get("publisher"))
        found["section"] = found["section"] or _ld_name(rec.get("articleSection"))
    if found["author"] and found["author"].startswith(("http://", "https://")):
        found["author"] = None  # article:author is often a profile URL, not a name
    if not found["title"] and page.title:
        title = page.title
        if found["outlet"]:
            title = re.sub(rf"\s*[|–—-]\s*{re.escape(found['outlet'])}\s*$", "", title)
        found["title"] = title
    return {k: v.strip() for k, v in found.items() if isinstance(v, str) and v.strip()}


def outlet_slug(outlet: str) -> str:
    """``south-china-morning-post`` -> ``scmp``: initials for names of three words or more."""
    words = re.findall(r"[A-Za-z0-9]+", outlet.lower())
    words = [w for w in words if w not in ("the",)] or words
    if len(words) >= 3:
        return "".join(w[0] for w in words)
    return "-".join(words)


def propose_id(outlet: str, date: str, headline: str) -> str:
    """An article id like ``scmp-2021-03-18-alaska-talks``: outlet, date, headline words."""
    words = [w for w in re.findall(r"[a-z0-9]+", headline.lower()) if w not in _STOPWORDS]
    tail = "-".join(words[:4]) or "article"
    return "-".join(x for x in (outlet_slug(outlet), date, tail) if x)


# -- preparing ------------------------------------------------------------------------
def read_page(path: Path) -> tuple[str, str]:
    """(raw page text, "html" or "text"); raises :class:`AddError` with a clear message."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise AddError(f"file not found: {path}") from None
    except IsADirectoryError:
        raise AddError(f"{path} is a folder; give the saved page file (.html or .txt)") from None
    if not data.strip():
        raise AddError(f"{path} is empty")
    try:
        raw = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        declared = re.search(rb"charset=[\"']?([A-Za-z0-9_-]+)", data[:4000])
        try:
            raw = data.decode(declared.group(1).decode("ascii")) if declared else None  # type: ignore[assignment]
        except (LookupError, UnicodeDecodeError):
            raw = None  # type: ignore[assignment]
        if raw is None:
            raise AddError(f"{path} is not UTF-8 text; save the page as UTF-8 (or as HTML declaring its charset)") \
                from None
    if b"\x00" in data[:4000]:
        raise AddError(f"{path} looks like a binary file; give a saved web page (.html) or a text file (.txt)")
    is_html = path.suffix.lower() in (".html", ".htm", ".xhtml") or (
        path.suffix.lower() not in (".txt", ".text") and looks_like_html(raw))
    return raw, "html" if is_html else "text"


def prepare(path: str | os.PathLike[str], *, article_id: str | None = None, outlet: str | None = None,
            date: str | None = None, title: str | None = None, author: str | None = None,
            url: str | None = None, constructed: bool = False, rights: str | None = None) -> Draft:
    """Read ``path`` and propose text, structure and metadata.  Explicit options win."""
    path = Path(path)
    raw, kind = read_page(path)
    found: dict[str, str] = {}
    if kind == "html":
        page = parse_html(raw, credit_words())
        found = html_metadata(page)
        hints = [h for h in (title, found.get("title")) if h]
        text, parts = html_structure(page, hints)
    else:
        text = normalise_plain_text(raw)
        parts = text_structure(text, [title] if title else [])
    if not text.strip():
        raise AddError(f"no article text found in {path}" + (
            " (the page may build its text with JavaScript; save the text instead)" if kind == "html" else ""))
    headline = next((p["text"] for p in parts if p["label"] == "headline"), "")
    if date is not None and parse_date(date) is None:
        raise AddError(f"--date {date!r} is not a date; use YYYY-MM-DD, e.g. 2021-03-18")
    meta: dict[str, Any] = {
        "id": article_id,
        "title": title or headline or found.get("title"),
        "outlet": outlet or found.get("outlet"),
        "date": parse_date(date) if date else found.get("date"),
        "author": author or found.get("author"),
        "section": found.get("section") or next((p["text"] for p in parts if p["label"] == "section"), None),
        "language": (found.get("language") or "en").split("-")[0].lower(),
        "url": url or found.get("url"),
        "constructed": constructed,
    }
    digest = hashlib.sha256(raw.encode("utf-8")).hexdigest()[:16]
    meta["provenance"] = (
        f"{'Saved HTML page' if kind == 'html' else 'Plain-text page'} {path.name} (sha256 {digest}...), "
        f"text extracted with `medialit article add` on {_dt.date.today().isoformat()}"
        + (" (scripts, styles and navigation dropped; paragraphs kept)" if kind == "html" else " (kept as given)")
        + "; structure proposed automatically and to be checked."
    )
    meta["rights"] = rights or (
        "Written for medialit with fictional people, places and outlets; MIT licence." if constructed else
        f"Copyright {meta['outlet'] or 'the publisher'}. All rights stay with the publisher. Included "
        "unchanged for classroom analysis and criticism only; not covered by the project's licence. "
        "Do not republish.")
    meta["licence"] = "MIT" if constructed else None
    meta["status"] = "draft"
    draft = Draft(text, parts, meta, kind)
    complete(draft)
    return draft


def complete(draft: Draft) -> None:
    """Fill the id when possible and list the required fields still missing."""
    m = draft.meta
    if not m.get("id") and m.get("outlet") and m.get("date") and m.get("title"):
        m["id"] = propose_id(m["outlet"], m["date"], m["title"])
    draft.missing = [k for k in ("outlet", "date", "title") if not m.get(k)]
    if not draft.missing and not m.get("id"):
        draft.missing.append("id")


FLAGS = {"outlet": "--outlet NAME", "date": "--date YYYY-MM-DD", "title": "--title TEXT", "id": "--id ID"}


# -- checking and writing -------------------------------------------------------------
def default_seeds_dir() -> Path:
    """Where new articles go: the first ``$MEDIALIT_SEEDS`` folder, else the current course's
    ``seeds/`` (:class:`~medialit.course.course.CourseError` saying how to fix it when there is
    no course).  Never a folder inside the installed package."""
    from medialit.core.paths import ensure_outside_package
    from medialit.course.course import require_course

    env = [p for p in os.environ.get("MEDIALIT_SEEDS", "").split(os.pathsep) if p]
    dest = Path(env[0]) if env else require_course().seeds
    return ensure_outside_package(dest, "a new article")


def check(draft: Draft, dest: Path) -> list[str]:
    """Problems that stop ``draft`` from being written into ``dest``; empty when fine."""
    from medialit.articles.article import list_articles

    problems = [f"{k} is unknown: pass {FLAGS[k]}" for k in draft.missing]
    aid = draft.id
    if aid and not ID_PATTERN.match(aid):
        problems.append(f"id {aid!r} is not allowed: use lower-case letters, digits and hyphens, "
                        "starting with a letter or digit (e.g. lark-2024-05-02-harbour-vote)")
    if aid and (dest / aid).exists():
        problems.append(f"{dest / aid} already exists: an article is never overwritten; "
                        "choose another --id or remove that folder first")
    elif aid and any(a.id == aid for a in list_articles()):
        problems.append(f"an article {aid!r} already exists; choose another --id")
    meta = {k: v for k, v in draft.meta.items()}
    if not problems:
        problems += [f"meta.yaml: {p}" for p in ann.schema_problems(meta, "meta")]
        structure = {"article_id": aid, "text_sha256": text_sha256(draft.text), "parts": draft.parts}
        problems += [f"structure.json: {p}" for p in ann.schema_problems(structure, "structure")]
    return problems


def meta_yaml(meta: dict[str, Any]) -> str:
    """``meta.yaml`` text: a comment line, then the fields in schema order."""
    import yaml

    order = ["id", "title", "outlet", "date", "author", "section", "language", "url", "constructed",
             "provenance", "rights", "licence", "status", "notes"]
    data = {k: meta[k] for k in order if k in meta}
    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False)
    return ("# Metadata of an article added with `medialit article add`. status: draft until the reference\n"
            "# annotation has been reviewed (`medialit article review ID --accept`).\n" + body)


def draft_annotation(article_id: str, text: str,
                     parts: list[dict[str, Any]] | None = None) -> tuple[dict[str, Any] | None, str]:
    """A draft reference made by the analyzers, or (None, reason) when they are unavailable.

    ``parts`` (the proposed structure) label each attribution with the part it sits in.
    """
    try:
        from medialit.nlp import load_nlp, to_annotation  # loaded only here: it imports spaCy
        from medialit.nlp.analyze import pipe_docs
    except ImportError as exc:
        return None, f"the analyzers are not available ({exc}); no draft annotation written"

    def part_at(offset: int) -> str | None:
        for p in parts or []:
            if p["start"] <= offset < p["end"]:
                return str(p["label"])
        return None

    try:
        nlp = load_nlp()
        analysed = next(pipe_docs(nlp, [text]))
        doc = to_annotation(analysed, article_id, part_at if parts else None)
    except Exception as exc:  # the draft is optional: report, keep the article
        return None, f"the analyzers failed on this text ({type(exc).__name__}: {exc}); no draft annotation written"
    doc = dict(doc)
    producer = dict(doc.get("producer") or {})
    producer.update({"kind": "analyzer", "reviewed": False})
    producer.setdefault("name", "medialit.nlp")
    producer["note"] = "Draft made by the analyzers when the article was added; every item needs checking."
    doc["producer"] = producer
    doc["article_id"] = article_id
    doc["text_sha256"] = text_sha256(text)
    return doc, ""


def write(draft: Draft, dest: Path, with_annotation: bool = True) -> tuple[Path, list[str]]:
    """Write the article folder ``dest/<id>/``; returns (folder, notes).  Raises AddError, and
    :class:`~medialit.core.paths.PackageWriteError` for a ``dest`` inside the installed package."""
    from medialit.core.paths import ensure_outside_package

    ensure_outside_package(dest, "a new article")
    problems = check(draft, dest)
    if problems:
        raise AddError("cannot add the article:\n" + "\n".join(f"  - {p}" for p in problems))
    notes: list[str] = []
    dest.mkdir(parents=True, exist_ok=True)
    final = dest / draft.id
    tmp = Path(tempfile.mkdtemp(prefix=f".{draft.id}.", dir=dest))
    try:
        (tmp / "article.txt").write_text(draft.text, encoding="utf-8", newline="\n")
        (tmp / "meta.yaml").write_text(meta_yaml(draft.meta), encoding="utf-8", newline="\n")
        structure = {"article_id": draft.id, "text_sha256": text_sha256(draft.text), "parts": draft.parts}
        (tmp / "structure.json").write_text(json.dumps(structure, ensure_ascii=False, indent=2) + "\n",
                                            encoding="utf-8", newline="\n")
        if with_annotation:
            doc, why = draft_annotation(draft.id, draft.text, draft.parts)
            if doc is not None:
                try:
                    ann.validate(doc, draft.text, where="draft annotation")
                    (tmp / "reference.json").write_text(ann.dumps(doc), encoding="utf-8", newline="\n")
                    n = sum(1 for _ in ann.iter_items(doc))
                    notes.append(f"draft reference annotation by the analyzers: {n} items, reviewed: false")
                except ann.AnnotationError as exc:
                    notes.append(f"the analyzers' draft was not valid, so it was not written:\n{exc}")
            else:
                notes.append(why)
        os.rename(tmp, final)  # fails, rather than overwrites, when the folder appeared meanwhile
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise AddError(f"could not write {final}: {exc}") from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return final, notes
