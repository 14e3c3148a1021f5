"""Clean text out of a saved news page: paragraphs (blocks) plus the page's metadata.

Uses only the standard library's :mod:`html.parser`.  Scripts, styles, navigation menus,
forms and hidden elements are dropped; every other piece of text becomes part of a
*block* (a paragraph, heading, list item, caption...), and blocks are joined with one
blank line between them.  Character references are decoded (``&rsquo;`` becomes ’),
curly quotes are kept, runs of white space collapse to one space (non-breaking spaces
included), soft hyphens and zero-width characters are removed, and ``<br>`` becomes a
line break inside its block.

Metadata comes from ``<meta>`` tags (Open Graph, ``article:*``, ``author``...), the
``<title>``, ``<html lang>``, the canonical link and JSON-LD ``NewsArticle`` records.

Limits: no CSS is applied, so text hidden only by a style sheet is kept; pages that
build their text with JavaScript have little text in their saved HTML; the parser
repairs common tag soup (unclosed ``<p>``/``<li>``) but not every malformed page.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

#: Elements whose content is never page text.
SKIPPED = {"script", "style", "nav", "noscript", "template", "svg", "canvas", "iframe", "head", "select",
           "option", "datalist", "object", "embed", "math", "textarea", "input", "map"}
#: Elements that start a new block of text.
BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "figure", "figcaption",
          "blockquote", "section", "article", "header", "footer", "aside", "main", "table", "thead",
          "tbody", "tr", "td", "th", "dl", "dd", "dt", "pre", "address", "hr", "form", "fieldset",
          "legend", "details", "summary", "caption", "video", "audio", "picture", "body", "html"}
VOID = {"br", "img", "meta", "link", "hr", "input", "wbr", "source", "area", "base", "col", "embed",
        "param", "track", "keygen"}
#: Opening one of these closes an open ``<p>`` (HTML's implied end tags, simplified).
_CLOSES_P = BLOCKS - {"body", "html"}
#: Class/id words that mark a credit inside a caption (the lexicon's list is passed in by
#: :mod:`medialit.articles.ingest.page_structure`; this default keeps the parser usable on its own).
CREDIT_WORDS = {"credit", "credits", "copyright", "photographer", "attribution"}

_SPACE = re.compile(r"[ \t\n\r\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")


@dataclass
class Block:
    """One paragraph-like piece of page text.

    ``context`` holds, for the block element and each ancestor (innermost first),
    its tag name and the words of its class, id, role and itemprop attributes, all
    lowercase (``"figcaption"``, ``"credit"``...).  ``marks`` are ``(start, end, kind)``
    ranges inside ``text``: ``"link"`` for link text, ``"credit"`` for a credit element,
    ``"time"`` for a ``<time>`` element.
    """

    text: str
    tag: str
    context: list[set[str]] = field(default_factory=list)
    marks: list[tuple[int, int, str]] = field(default_factory=list)
    href: str | None = None

    def has(self, *words: str) -> bool:
        """True when the block or an ancestor carries any of ``words`` (tag or class word)."""
        return any(w in ctx for ctx in self.context for w in words)

    @property
    def link_share(self) -> float:
        """Share of the block's non-space characters that are link text."""
        chars = sum(1 for c in self.text if not c.isspace())
        linked = sum(1 for s, e, k in self.marks if k == "link" for c in self.text[s:e] if not c.isspace())
        return linked / chars if chars else 0.0


@dataclass
class Page:
    """The blocks of a page, its metadata and its ``<title>``."""

    blocks: list[Block]
    meta: dict[str, str]
    title: str | None = None
    language: str | None = None
    json_ld: list[dict[str, object]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n\n".join(b.text for b in self.blocks)


def _words(attrs: dict[str, str | None]) -> set[str]:
    out: set[str] = set()
    for key in ("class", "id", "role", "itemprop", "itemtype", "data-type", "data-component"):
        value = attrs.get(key) or ""
        for w in re.split(r"[^a-zA-Z0-9]+", value):
            if w:
                out.add(w.lower())
                # camelCase and glued words: keep the lower-cased pieces too
                out.update(p.lower() for p in re.findall(r"[A-Z]?[a-z]+", w))
    return out


class _Extractor(HTMLParser):
    def __init__(self, credit_words: set[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.credit_words = credit_words
        self.stack: list[tuple[str, set[str], dict[str, str | None]]] = []
        self.skip_depth = 0
        self.blocks: list[Block] = []
        self.buf: list[str] = []
        self.marks: list[tuple[int, int, str]] = []
        self.open_marks: list[tuple[str, int, str]] = []  # (tag, start, kind)
        self.meta: dict[str, str] = {}
        self.title_parts: list[str] | None = None
        self.title: str | None = None
        self.language: str | None = None
        self.json_ld_raw: list[str] = []
        self.in_json_ld = False
        self.canonical: str | None = None
        self.pre_depth = 0
        self.block_href: str | None = None

    # -- text buffer -------------------------------------------------------------------
    def _buffer_text(self) -> str:
        return "".join(self.buf)

    def _append(self, data: str) -> None:
        data = _INVISIBLE.sub("", data)
        if self.pre_depth:
            self.buf.append(data.replace("\u00a0", " "))
            return
        data = _SPACE.sub(" ", data)
        current = self._buffer_text()
        if data.startswith(" ") and (not current or current.endswith((" ", "\n"))):
            data = data[1:]
        if data:
            self.buf.append(data)

    def _line_break(self) -> None:
        current = self._buffer_text().rstrip(" ")
        self.buf = [current + "\n"] if current else []

    def _flush(self) -> None:
        raw = self._buffer_text()
        # close marks still open at the end of the block
        for _tag, start, kind in self.open_marks:
            self.marks.append((start, len(raw), kind))
        self.open_marks = [(tag, 0, kind) for tag, _, kind in self.open_marks]
        lead = len(raw) - len(raw.lstrip())
        text = raw.strip()
        if self.pre_depth == 0:
            text = "\n".join(line.strip() for line in text.split("\n"))
        if text:
            marks = []
            for s, e, kind in self.marks:
                s2, e2 = max(0, s - lead), min(len(text), e - lead)
                if e2 > s2 and text[s2:e2].strip():
                    marks.append((s2, e2, kind))
            tag, context = "text", []
            for t, words, _ in reversed(self.stack):
                context.append({t, *words})
            for t, _, _ in reversed(self.stack):
                if t in BLOCKS:
                    tag = t
                    break
            self.blocks.append(Block(text, tag, context, marks, self.block_href))
        self.buf, self.marks, self.block_href = [], [], None

    # -- parser callbacks --------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs_list: list[tuple[str, str | None]]) -> None:
        attrs = dict(attrs_list)
        if tag == "html" and attrs.get("lang"):
            self.language = attrs["lang"]
        if tag == "meta":
            key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").strip().lower()
            if key and attrs.get("content") and key not in self.meta:
                self.meta[key] = attrs["content"].strip()
            return
        if tag == "link":
            if "canonical" in (attrs.get("rel") or "").lower().split() and attrs.get("href"):
                self.canonical = attrs["href"]
            return
        if tag == "title" and self.title is None and self.title_parts is None and not self._inside("body"):
            self.title_parts = []
            return
        if tag == "script" and (attrs.get("type") or "").lower() == "application/ld+json":
            self.in_json_ld = True
        if self.skip_depth:
            if tag not in VOID:
                self.skip_depth += 1
            return
        hidden = "hidden" in attrs or (attrs.get("aria-hidden") or "").lower() == "true"
        if tag in SKIPPED or hidden:
            if tag not in VOID:
                self.skip_depth = 1
            return
        if tag == "br":
            self._line_break()
            return
        if tag in VOID:
            if tag == "hr":
                self._flush()
            return
        if tag in BLOCKS:
            if tag in _CLOSES_P and any(t == "p" for t, _, _ in self.stack):
                self._close("p")
            if tag == "li":
                # an open <li> in the same list ends here
                for t, _, _ in reversed(self.stack):
                    if t in ("ul", "ol"):
                        break
                    if t == "li":
                        self._close("li")
                        break
            self._flush()
        if tag == "pre":
            self.pre_depth += 1
        self.stack.append((tag, _words(attrs), attrs))
        words = self.stack[-1][1]
        if tag == "a":
            self.open_marks.append((tag, len(self._buffer_text()), "link"))
            if not self._buffer_text().strip():
                self.block_href = attrs.get("href")
        elif tag == "time":
            self.open_marks.append((tag, len(self._buffer_text()), "time"))
        elif words & self.credit_words or tag in ("cite", "small") and self._inside("figcaption"):
            self.open_marks.append((tag, len(self._buffer_text()), "credit"))

    def _inside(self, tag: str) -> bool:
        return any(t == tag for t, _, _ in self.stack)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title" and self.title_parts is not None:
            self.title = _SPACE.sub(" ", "".join(self.title_parts)).strip() or None
            self.title_parts = None
            return
        if tag == "script" and self.in_json_ld:
            self.in_json_ld = False
        if self.skip_depth:
            if tag not in VOID:
                self.skip_depth -= 1
            return
        if any(t == tag for t, _, _ in self.stack):
            self._close(tag)

    def _close(self, tag: str) -> None:
        """Pop open elements down to and including the innermost ``tag``."""
        while self.stack:
            t = self.stack[-1][0]
            self._end_marks(t)
            if t in BLOCKS:
                self._flush()  # while the element is still open, so the block knows its tag
            self.stack.pop()
            if t == "pre":
                self.pre_depth = max(0, self.pre_depth - 1)
            if t == tag:
                break

    def _end_marks(self, tag: str) -> None:
        for i in range(len(self.open_marks) - 1, -1, -1):
            t, start, kind = self.open_marks[i]
            if t == tag:
                self.marks.append((start, len(self._buffer_text()), kind))
                del self.open_marks[i]
                break

    def handle_data(self, data: str) -> None:
        if self.title_parts is not None:
            self.title_parts.append(data)
            return
        if self.in_json_ld:
            self.json_ld_raw.append(data)
            return
        if self.skip_depth:
            return
        self._append(data)

    def close(self) -> None:
        super().close()
        while self.stack:
            self._close(self.stack[-1][0])
        self._flush()


def _json_ld_records(raw: list[str]) -> list[dict[str, object]]:
    records: list[dict[str, object]] = []
    for chunk in raw:
        try:
            data = json.loads(chunk)
        except (json.JSONDecodeError, ValueError):
            continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, dict):
                if isinstance(item.get("@graph"), list):
                    stack.extend(item["@graph"])
                records.append(item)
    return records


def parse_html(html: str, credit_words: set[str] | None = None) -> Page:
    """The blocks and metadata of a saved HTML page (see the module docstring)."""
    parser = _Extractor(credit_words or CREDIT_WORDS)
    parser.feed(html)
    parser.close()
    meta = dict(parser.meta)
    if parser.canonical and "canonical" not in meta:
        meta["canonical"] = parser.canonical
    return Page(parser.blocks, meta, parser.title, parser.language, _json_ld_records(parser.json_ld_raw))


def looks_like_html(raw: str) -> bool:
    """True when ``raw`` is an HTML page rather than plain text."""
    head = raw[:4000].lower()
    return bool(re.search(r"<!doctype html|<html[\s>]|<body[\s>]|<head[\s>]", head)) or (
        len(re.findall(r"</?(p|div|h1|h2|span|a|article)[\s>]", head)) >= 3
    )


def normalise_plain_text(raw: str) -> str:
    """A plain-text page as stored: UTF-8 without BOM, ``\\n`` line ends, no trailing spaces.

    The text is otherwise kept as given (curly quotes, paragraphs, blank lines), so that
    offsets in the stored article match what the user saved, apart from line ends.
    """
    text = raw.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = [line.rstrip() for line in text.split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    return "\n".join(lines) + ("\n" if lines else "")
