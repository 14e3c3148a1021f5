"""Clean text out of a saved news page: paragraphs (blocks) plus the page's metadata.

The page is parsed as a browser parses it: by the HTML5 parsing algorithm of the WHATWG
standard (the Lexbor engine, through the ``selectolax`` package), so optional end tags
(``</head>``, ``</p>``, ``</li>``...), missing ``<head>``/``<body>`` tags and misnested
markup give the same document tree a browser builds.  The tree is then walked in document
order: scripts, styles, navigation menus, forms, hidden elements and AMP's advertising and
sharing elements are dropped; every other piece of text becomes part of a *block* (a
paragraph, heading, list item, caption...), and blocks are joined with one blank line
between them.  Character references are decoded (``&rsquo;`` becomes ’), curly quotes are
kept, runs of white space collapse to one space (non-breaking spaces included), soft
hyphens and zero-width characters are removed, and ``<br>`` becomes a line break inside its
block.  Each block remembers the elements it sits in (:attr:`Block.ancestors`), so that the
article's region of the page can be found (:mod:`medialit.articles.ingest.main_content`).

Metadata comes from ``<meta>`` tags (Open Graph, ``article:*``, ``author``...), the
``<title>``, ``<html lang>``, the canonical link and JSON-LD records (``NewsArticle`` and
the others, ``@graph`` lists included).

Limits: no CSS is applied, so text hidden only by a style sheet is kept; pages that
build their text with JavaScript have little text in their saved HTML.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

#: Elements whose content is never page text (AMP's ads, trackers, menus and share buttons too).
SKIPPED = {"script", "style", "nav", "noscript", "template", "svg", "canvas", "iframe", "head", "select",
           "option", "datalist", "object", "embed", "math", "textarea", "input", "map",
           "amp-ad", "amp-embed", "amp-analytics", "amp-pixel", "amp-sidebar", "amp-consent", "amp-social-share",
           "amp-iframe", "amp-geo", "amp-user-notification", "amp-auto-ads", "amp-sticky-ad", "amp-call-tracking",
           "amp-story-auto-ads", "amp-access", "amp-install-serviceworker"}
#: Elements that start a new block of text.
BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "figure", "figcaption",
          "blockquote", "section", "article", "header", "footer", "aside", "main", "table", "thead",
          "tbody", "tr", "td", "th", "dl", "dd", "dt", "pre", "address", "hr", "form", "fieldset",
          "legend", "details", "summary", "caption", "video", "audio", "picture", "body", "html",
          "amp-carousel", "amp-accordion", "amp-youtube", "amp-video", "amp-brightcove", "amp-jwplayer",
          "amp-fit-text", "amp-list", "amp-live-list"}
VOID = {"br", "img", "meta", "link", "hr", "input", "wbr", "source", "area", "base", "col", "embed",
        "param", "track", "keygen"}
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
    ``"time"`` for a ``<time>`` element.  ``ancestors`` numbers the elements the block sits
    in, outermost first (numbers are unique within one page).  ``main`` is True when the
    article extractor kept the block as the article's text, False when it left it out as
    boilerplate, None when nobody asked (plain text).
    """

    text: str
    tag: str
    context: list[set[str]] = field(default_factory=list)
    marks: list[tuple[int, int, str]] = field(default_factory=list)
    href: str | None = None
    ancestors: tuple[int, ...] = ()
    main: bool | None = None

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
    """The blocks of a page, its metadata and its ``<title>``; ``html`` is the page as parsed
    (serialised back, with the end tags a browser would add)."""

    blocks: list[Block]
    meta: dict[str, str]
    title: str | None = None
    language: str | None = None
    json_ld: list[dict[str, object]] = field(default_factory=list)
    html: str = ""
    amp: bool = False

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


def _tag_words(tag: str) -> set[str]:
    """The tag and, for custom elements such as ``amp-youtube``, its pieces (``youtube``)."""
    return {tag, *tag.split("-")[1:]} if "-" in tag else {tag}


class _Extractor:
    """Builds blocks from a stream of start, text and end events of a well-formed tree."""

    def __init__(self, credit_words: set[str]) -> None:
        self.credit_words = credit_words
        self.stack: list[tuple[str, set[str], dict[str, str | None], int]] = []
        self.blocks: list[Block] = []
        self.buf: list[str] = []
        self.marks: list[tuple[int, int, str]] = []
        self.open_marks: list[tuple[str, int, str]] = []  # (tag, start, kind)
        self.pre_depth = 0
        self.block_href: str | None = None
        self.serial = 0

    # -- text buffer -------------------------------------------------------------------
    def _buffer_text(self) -> str:
        return "".join(self.buf)

    def data(self, data: str) -> None:
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
            for t, words, _, _ in reversed(self.stack):
                context.append({*_tag_words(t), *words})
            depth = len(self.stack)
            for k in range(len(self.stack) - 1, -1, -1):
                if self.stack[k][0] in BLOCKS:
                    tag, depth = self.stack[k][0], k + 1
                    break
            ancestors = tuple(serial for _, _, _, serial in self.stack[:depth])
            self.blocks.append(Block(text, tag, context, marks, self.block_href, ancestors))
        self.buf, self.marks, self.block_href = [], [], None

    # -- tree events -------------------------------------------------------------------
    def start(self, tag: str, attrs: dict[str, str | None]) -> None:
        if tag == "br":
            self._line_break()
            return
        if tag in VOID:
            if tag == "hr":
                self._flush()
            return
        if tag in BLOCKS:
            self._flush()
        if tag == "pre":
            self.pre_depth += 1
        self.serial += 1
        words = _words(attrs)
        self.stack.append((tag, words, attrs, self.serial))
        if tag == "a":
            self.open_marks.append((tag, len(self._buffer_text()), "link"))
            if not self._buffer_text().strip():
                self.block_href = attrs.get("href")
        elif tag == "time":
            self.open_marks.append((tag, len(self._buffer_text()), "time"))
        elif words & self.credit_words or tag in ("cite", "small") and self._inside("figcaption"):
            self.open_marks.append((tag, len(self._buffer_text()), "credit"))

    def _inside(self, tag: str) -> bool:
        return any(t == tag for t, _, _, _ in self.stack)

    def end(self, tag: str) -> None:
        if tag in VOID or not self.stack:
            return
        t = self.stack[-1][0]
        self._end_marks(t)
        if t in BLOCKS:
            self._flush()  # while the element is still open, so the block knows its tag
        self.stack.pop()
        if t == "pre":
            self.pre_depth = max(0, self.pre_depth - 1)

    def _end_marks(self, tag: str) -> None:
        for i in range(len(self.open_marks) - 1, -1, -1):
            t, start, kind = self.open_marks[i]
            if t == tag:
                self.marks.append((start, len(self._buffer_text()), kind))
                del self.open_marks[i]
                break

    def close(self) -> None:
        while self.stack:
            self.end(self.stack[-1][0])
        self._flush()


@dataclass
class _Metadata:
    meta: dict[str, str] = field(default_factory=dict)
    title: str | None = None
    canonical: str | None = None
    json_ld_raw: list[str] = field(default_factory=list)

    def element(self, node: object, tag: str, attrs: dict[str, str | None], in_body: bool) -> None:
        """Record what a ``<meta>``, ``<link>``, ``<title>`` or JSON-LD ``<script>`` says."""
        if tag == "meta":
            key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").strip().lower()
            content = attrs.get("content")
            if key and content and key not in self.meta:
                self.meta[key] = content.strip()
        elif tag == "link":
            if "canonical" in (attrs.get("rel") or "").lower().split() and attrs.get("href") and not self.canonical:
                self.canonical = attrs["href"]
        elif tag == "title" and not in_body and self.title is None:
            self.title = _SPACE.sub(" ", node.text(deep=True)).strip() or None  # type: ignore[attr-defined]
        elif tag == "script" and (attrs.get("type") or "").strip().lower() == "application/ld+json":
            self.json_ld_raw.append(node.text(deep=True))  # type: ignore[attr-defined]


def _hidden(attrs: dict[str, str | None]) -> bool:
    return "hidden" in attrs or (attrs.get("aria-hidden") or "").strip().lower() == "true"


def _walk(root: object, extractor: _Extractor, found: _Metadata) -> None:
    """Walk the tree in document order, sending text to ``extractor`` and metadata to ``found``.

    Iterative (a deeply nested page cannot overflow the interpreter's stack).  Skipped
    elements give no text, but their metadata is still read (a JSON-LD script, a ``<meta>``
    of microdata inside a hidden element).
    """
    stack: list[tuple[object, bool, bool]] = [(root, False, False)]  # (node, skipping, leaving)
    while stack:
        node, skipping, leaving = stack.pop()
        tag = node.tag  # type: ignore[attr-defined]
        if leaving:
            if not skipping:
                extractor.end(tag)
            continue
        if tag == "-text":
            if not skipping:
                extractor.data(node.text_content or "")  # type: ignore[attr-defined]
            continue
        if tag.startswith("-"):  # comments, doctype
            continue
        attrs = dict(node.attributes)  # type: ignore[attr-defined]
        in_body = extractor._inside("body")
        found.element(node, tag, attrs, in_body)
        skip_here = skipping or tag in SKIPPED or _hidden(attrs)
        if not skip_here:
            extractor.start(tag, attrs)
        if tag in VOID and not skip_here:
            continue
        stack.append((node, skip_here, True))
        children = []
        child = node.child  # type: ignore[attr-defined]
        while child is not None:
            children.append(child)
            child = child.next
        for child in reversed(children):
            stack.append((child, skip_here, False))


_JSON_WRAPPERS = re.compile(r"^\s*(?://\s*)?(?:<!--|<!\[CDATA\[)|(?://\s*)?(?:-->|\]\]>)\s*$")


def _json_ld_records(raw: list[str]) -> list[dict[str, object]]:
    """The JSON-LD records of the page, ``@graph`` lists unpacked.  A script wrapped in an HTML
    comment or CDATA is unwrapped, raw line breaks inside strings are accepted, and a script
    that is still not JSON is skipped."""
    records: list[dict[str, object]] = []
    for chunk in raw:
        try:
            data = json.loads(_JSON_WRAPPERS.sub("", chunk.strip()), strict=False)
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
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(html)
    extractor = _Extractor(credit_words or CREDIT_WORDS)
    found = _Metadata()
    root = tree.root
    if root is not None:
        _walk(root, extractor, found)
    extractor.close()
    meta = dict(found.meta)
    if found.canonical and "canonical" not in meta:
        meta["canonical"] = found.canonical
    attrs = dict(root.attributes) if root is not None else {}
    language = (attrs.get("lang") or "").strip() or None
    amp = "amp" in attrs or "\u26a1" in attrs
    return Page(extractor.blocks, meta, found.title, language, _json_ld_records(found.json_ld_raw),
                tree.html or "", amp)


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
