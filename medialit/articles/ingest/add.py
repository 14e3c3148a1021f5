"""Add an article of the instructor's choosing: a saved news page becomes ``seeds/<id>/``.

:func:`prepare` reads a plain-text or saved HTML page (decoded and parsed as a browser
does: :mod:`medialit.articles.ingest.page_text`), keeps the article's region of the page
(:mod:`medialit.articles.ingest.main_content`, trafilatura's boilerplate removal), proposes
its structure (:mod:`medialit.articles.ingest.page_structure`), notices a paywall teaser
(:mod:`medialit.articles.ingest.paywall`) and gathers its metadata (HTML meta tags,
JSON-LD, then what the caller passes); :func:`write` checks everything against the
schemas and writes the folder (``article.txt``, ``meta.yaml`` with ``status: draft``,
``structure.json`` and, when the analyzers are installed, a draft ``reference.json``
made by them and marked ``reviewed: false``: :mod:`medialit.articles.ingest.draft`).
Nothing is ever overwritten: the folder is built under a temporary name and renamed into
place only when complete.

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

from medialit.articles.ingest.main_content import article_blocks
from medialit.articles.ingest.page_structure import credit_words, html_structure, text_structure
from medialit.articles.ingest.page_text import looks_like_html, normalise_plain_text, parse_html
from medialit.articles.ingest.paywall import Teaser, find_teaser
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
    teaser: Teaser | None = None  # the page shows only the start of the article (paywall)

    @property
    def cut_off(self) -> bool:
        """True when the page is surely a teaser: the text is cut off."""
        return self.teaser is not None and self.teaser.certain

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
#: Encoding labels browsers read as another encoding (WHATWG Encoding Standard): a page that
#: says ISO-8859-1 or ASCII is read as Windows-1252, which has the curly quotes at 0x91-0x94.
_BROWSER_ENCODINGS = {"iso-8859-1": "cp1252", "iso8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252",
                      "l1": "cp1252", "us-ascii": "cp1252", "ascii": "cp1252", "windows-1252": "cp1252",
                      "x-cp1252": "cp1252", "iso-8859-9": "cp1254", "tis-620": "cp874", "gb2312": "gbk"}
_DECLARED = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def declared_encoding(data: bytes) -> str | None:
    """The Python codec for the charset a page declares in its first 4 kB (``<meta charset>``
    or ``http-equiv``), mapped as browsers map it; None when it declares none."""
    m = _DECLARED.search(data[:4096])
    if not m:
        return None
    label = m.group(1).decode("ascii", "replace").strip().lower()
    return _BROWSER_ENCODINGS.get(label, label)


def decode_page(data: bytes, path: Path, is_html: bool) -> str:
    """The text of a saved page: a byte-order mark wins, then UTF-8, then (HTML) the declared
    charset.  Undeclared text that is not UTF-8 is refused with what to do: guessing would
    change quotes and accents without a word."""
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                break
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = exc.start
    codec = declared_encoding(data) if is_html else None
    if codec is not None:
        try:
            return data.decode(codec)
        except LookupError:
            raise AddError(f"{path} declares the character set {codec!r}, which is unknown; save the page as UTF-8 "
                           "and try again") from None
        except UnicodeDecodeError:
            pass
    where = f"byte 0x{data[bad]:02X} at position {bad} is not UTF-8"
    likely = ("; it looks like Latin-1 / Windows-1252 text" if 0x80 <= data[bad] <= 0xFF and b"\x00" not in data[:4000]
              else "")
    fix = ("save the page again as UTF-8 (e.g. in a text editor: Save As, encoding UTF-8)"
           + (", or, if you know its encoding, declare it in the page's <head>, e.g. <meta charset=\"windows-1252\">"
              if is_html else ""))
    raise AddError(f"{path} is not UTF-8 text and does not say which encoding it uses ({where}{likely}); "
                   f"{fix}, then run the command again")


def read_page(path: Path) -> tuple[str, str]:
    """(raw page text, "html" or "text"); raises :class:`AddError` with a clear message."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise AddError(f"file not found: {path}") from None
    except IsADirectoryError:
        raise AddError(f"{path} is a folder; give the saved page file (.html or .txt)") from None
    except PermissionError:
        raise AddError(f"{path}: permission denied; check that you can read the file") from None
    if not data.strip():
        raise AddError(f"{path} is empty ({len(data)} bytes): save the page again (in the browser: Save Page As, "
                       "'Web Page, HTML only') or paste the article's text into a .txt file, and give that file")
    if b"\x00" in data[:4000] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise AddError(f"{path} is not UTF-8 text: it looks like a binary file (an image, a PDF...); give a saved "
                       "web page (.html) or a text file (.txt)")
    suffix = path.suffix.lower()
    is_html = suffix in (".html", ".htm", ".xhtml") or (
        suffix not in (".txt", ".text") and looks_like_html(data[:4000].decode("utf-8", "replace")))
    raw = decode_page(data, path, is_html)
    return raw, "html" if is_html else "text"


def prepare(path: str | os.PathLike[str], *, article_id: str | None = None, outlet: str | None = None,
            date: str | None = None, title: str | None = None, author: str | None = None,
            url: str | None = None, constructed: bool = False, rights: str | None = None) -> Draft:
    """Read ``path`` and propose text, structure and metadata.  Explicit options win."""
    path = Path(path)
    raw, kind = read_page(path)
    found: dict[str, str] = {}
    extracted, teaser, amp = "", None, False
    if kind == "html":
        page = parse_html(raw, credit_words())
        found = html_metadata(page)
        hints = [h for h in (title, found.get("title")) if h]
        extraction = article_blocks(page, hints)
        text, parts = html_structure(page, hints, extraction.blocks)
        teaser = find_teaser(page, extraction.blocks)
        extracted, amp = extraction.describe(), page.amp
    else:
        text = normalise_plain_text(raw)
        parts = text_structure(text, [title] if title else [])
    if not text.strip():
        raise AddError(f"no article text found in {path}" + (
            ": the page may build its text with JavaScript, or show it only after a login. Copy the article's text "
            "from the browser into a .txt file and add that instead (medialit article add story.txt --outlet NAME "
            "--date YYYY-MM-DD)" if kind == "html" else ""))
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
    page_kind = ("Saved AMP page" if amp else "Saved HTML page") if kind == "html" else "Plain-text page"
    meta["provenance"] = (
        f"{page_kind} {path.name} (sha256 {digest}...), "
        f"text extracted with `medialit article add` on {_dt.date.today().isoformat()}"
        + (f" (parsed as browsers parse HTML; {extracted}; scripts, styles and navigation dropped; paragraphs "
           "kept)" if kind == "html" else " (kept as given)")
        + "; structure proposed automatically and to be checked."
    )
    meta["rights"] = rights or (
        "Written for medialit with fictional people, places and outlets; MIT licence." if constructed else
        f"Copyright {meta['outlet'] or 'the publisher'}. All rights stay with the publisher. Included "
        "unchanged for classroom analysis and criticism only; not covered by the project's licence. "
        "Do not republish.")
    meta["licence"] = "MIT" if constructed else None
    meta["status"] = "draft"
    if teaser is not None:
        meta["notes"] = teaser.message()[0].upper() + teaser.message()[1:]
    draft = Draft(text, parts, meta, kind, teaser=teaser)
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
    """A draft reference made by the analyzers, or (None, reason) when they are unavailable:
    :func:`medialit.articles.ingest.draft.draft_reference`."""
    from medialit.articles.ingest.draft import draft_reference

    return draft_reference(article_id, text, parts)


def write(draft: Draft, dest: Path, with_annotation: bool = True) -> tuple[Path, list[str]]:
    """Write the article folder ``dest/<id>/``; returns (folder, notes).  Raises AddError, and
    :class:`~medialit.core.paths.PackageWriteError` for a ``dest`` inside the installed package."""
    from medialit.core.paths import ensure_outside_package

    ensure_outside_package(dest, "a new article")
    problems = check(draft, dest)
    if problems:
        raise AddError("cannot add the article:\n" + "\n".join(f"  - {p}" for p in problems))
    notes: list[str] = []
    if draft.teaser is not None:
        notes.append(("CUT OFF: " if draft.teaser.certain else "CHECK: ") + draft.teaser.message())
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
