"""Propose the structure of a saved news page: headline, standfirst, caption, body, furniture.

The result is a list of parts (``{"label", "start", "end", "text"[, "note"]}``) in the
shape of ``structure.json``, with labels from the annotation schema's ``part`` list.  It is
a *proposal*: the rules below are simple, and the person adding the article checks it
(``medialit show ID --layer structure``) before the article is used in class.

Rules, in order, for each block (paragraph) of the page:

- the headline is the first ``<h1>``, else the block equal to ``og:title`` or the
  JSON-LD headline, else (plain text) the first line that stands alone between blank
  lines and reads like a headline, else the first line;
- ``<figcaption>`` (or a caption class) is a caption; a credit element inside it, or a
  trailing "Photo: ..." / "(Photo by ...)", is split off as its credit;
- whole-block furniture phrases ("Advertisement", "Sign up", "Read more"...) and
  furniture class words (ad, promo, newsletter, share...) give furniture, and "Read
  more: <title>" lines, related-link boxes and link-only short blocks give related;
- a paywall's message ("Subscribe to continue reading", paywall classes) is furniture,
  noted as the place where the article is cut off;
- video blocks (player classes), bylines ("By ...", author classes) and date lines
  (``<time>``, date classes) are labelled so;
- before the headline: a short label at the top is the section, other text is furniture;
- between the headline and the first body paragraph: sub-headings, list items and
  standfirst classes are the standfirst;
- everything else is body, except (HTML) a block the article extractor left out of the
  main text (:mod:`medialit.articles.ingest.main_content`), which is furniture.  In plain
  text, a body line without closing punctuation is proposed as related (a link or video
  title), and two identical such lines in a row as a video title shown twice.

The phrases and class words are data: ``medialit/data/page_furniture.yaml``.
Limits: English furniture phrases only; pages with unusual templates need more checking.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from medialit.articles.ingest.page_text import Block, Page
from medialit.articles.ingest.paywall import is_paywall_block

_BULLET = re.compile(r"^([•·▪●◦‣\-*–—]|\d{1,2}[.)])\s+")
_CLOSING = re.compile(r"[.!?…:;]$")
_TRAILING_QUOTES = "”’\"')]»"
_DATE_LINE = re.compile(
    r"^(?:(?:published|updated|posted|first published)\s*:?\s*)?"
    r"(?:\d{1,2}:\d{2}\s*(?:am|pm)?,?\s*)?(?:mon|tue|wed|thu|fri|sat|sun)?[a-z]*,?\s*"
    r"(?:\d{1,2}\s+[a-z]{3,9}\.?,?\s+\d{4}|[a-z]{3,9}\.?\s+\d{1,2},?\s+\d{4}|\d{4}-\d{2}-\d{2})",
    re.IGNORECASE,
)
#: The note on a paywall's message in the proposed structure.
CUT_OFF_NOTE = "paywall message: the article is cut off here"
_BYLINE = re.compile(r"^(?:by|written by|reporting by)\s+\w", re.IGNORECASE)


@dataclass
class Candidate:
    """A block of the final article text with the features the rules look at."""

    start: int
    end: int
    text: str
    block: Block
    lead: int = 0  # characters of a list bullet before the text (plain text only)
    standalone: bool = False  # blank line (or page edge) before and after (plain text only)


@lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    """The page furniture lexicon, validated against ``page_furniture.schema.json``."""
    from medialit.core import annotation as ann
    from medialit.core.yaml_text import read_yaml

    data = read_yaml(resources.files("medialit").joinpath("data/page_furniture.yaml"))
    problems = ann.schema_problems(data, "page_furniture")
    if problems:
        raise ann.AnnotationError(problems, "medialit/data/page_furniture.yaml")
    return data


def credit_words() -> set[str]:
    return set(lexicon()["class_words"]["credit"])


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower().rstrip(".:!›»>→ ").strip()


def _word_count(text: str) -> int:
    return len(re.findall(r"\w+", text))


def _has_class(block: Block, group: str) -> bool:
    return block.has(*lexicon()["class_words"][group])


def _ends_like_sentence(text: str) -> bool:
    return bool(_CLOSING.search(text.rstrip().rstrip(_TRAILING_QUOTES).rstrip()))


def furniture_kind(text: str) -> str | None:
    """``"furniture"`` or ``"related"`` when the phrase lists say so, else None."""
    lex, low = lexicon(), _norm(text)
    if low in lex["furniture_phrases"]:
        return "furniture"
    raw = text.strip().lower()
    if any(raw.startswith(p) for p in lex["related_prefixes"]) and _word_count(text) > 2:
        return "related"
    if _word_count(text) <= 15 and any(raw.startswith(p) for p in lex["furniture_starts"]):
        return "furniture"
    return None


def split_credit(text: str, block: Block | None = None) -> tuple[int, int] | None:
    """Offsets (inside ``text``) of a caption's credit, when there is one."""
    for s, e, kind in block.marks if block else []:
        if kind == "credit" and (s > 0 or e < len(text)):
            return s, e
    m = re.search(lexicon()["credit_pattern"], text)
    if m and m.start(1) > 0:
        return m.start(1), m.end(1)
    return None


def _find_headline(cands: list[Candidate], hints: list[str], plain: bool) -> int:
    for i, c in enumerate(cands):
        if c.block.tag == "h1":
            return i
    wanted = {_norm(h) for h in hints if h}
    for i, c in enumerate(cands):
        if _norm(c.text) in wanted:
            return i
    for i, c in enumerate(cands):
        if _has_class(c.block, "standfirst"):
            continue
        if c.block.has("headline", "title") and not c.block.has("caption", "figcaption"):
            return i
    if plain:
        for i, c in enumerate(cands):
            words = _word_count(c.text)
            reads_like_headline = not _ends_like_sentence(c.text) or c.text.rstrip(_TRAILING_QUOTES).endswith("?")
            if c.standalone and 4 <= words <= 30 and reads_like_headline and not c.lead \
                    and not furniture_kind(c.text) and split_credit(c.text) is None:
                return i
    return 0


def _label(c: Candidate, i: int, headline: int, body_started: bool, plain: bool, meta_desc: str) -> tuple[str, str]:
    """(label, note) for one candidate block."""
    b, words = c.block, _word_count(c.text)
    if i == headline:
        return "headline", ""
    if not plain and is_paywall_block(b):
        return "furniture", CUT_OFF_NOTE
    if b.tag == "figcaption" or _has_class(b, "caption"):
        return "caption", ""
    if _has_class(b, "credit") and words <= 12:
        return "credit", ""
    if (_has_class(b, "video") or b.has("video")) and not furniture_kind(c.text) == "furniture":
        return "video", ""
    kind = furniture_kind(c.text)
    if kind:
        return kind, ""
    if _has_class(b, "related"):
        return "related", "link to another page" if b.link_share >= 0.9 else ""
    if _has_class(b, "furniture"):
        return "furniture", ""
    if b.link_share >= 0.9 and words <= 25 and i > headline:
        return "related", "link to another page"
    if (_has_class(b, "byline") or b.tag == "address" or _BYLINE.match(c.text)) and words <= 14:
        return "byline", ""
    time_share = sum(e - s for s, e, k in b.marks if k == "time") / max(1, len(c.text))
    if (time_share > 0.6 or _has_class(b, "dateline") or _DATE_LINE.match(c.text)) and words <= 10:
        return "dateline", "publication date"
    if split_credit(c.text, b) is not None and (plain or b.has("figure")):
        return "caption", ""
    if i < headline:
        if _has_class(b, "section") or (i == 0 and words <= 5 and not _ends_like_sentence(c.text)):
            return "section", ""
        return "furniture", "before the headline"
    if not body_started:
        if (b.tag in ("h2", "h3", "h4", "li") or c.lead or _has_class(b, "standfirst")
                or (meta_desc and _norm(c.text) == _norm(meta_desc))):
            return "standfirst", ""
    if b.main is False:
        return "furniture", "not part of the main text, as the article extractor (trafilatura) read the page"
    if b.tag in ("h2", "h3", "h4", "h5", "h6"):
        return "body", "crosshead"
    if plain and words <= 25 and not _ends_like_sentence(c.text):
        return "related", "check: no closing punctuation, so perhaps a link or a video title"
    return "body", ""


def propose(cands: list[Candidate], text: str, hints: list[str], plain: bool,
            meta_desc: str = "") -> list[dict[str, Any]]:
    """Label every candidate; returns structure parts (captions split from credits)."""
    headline = _find_headline(cands, hints, plain)
    labelled: list[tuple[Candidate, str, str]] = []
    body_started = False
    for i, c in enumerate(cands):
        label, note = _label(c, i, headline, body_started, plain, meta_desc)
        if label == "body" and i > headline:
            body_started = True
        labelled.append((c, label, note))
    # plain text: two identical link-like lines in a row are a video's title shown twice
    for k in range(1, len(labelled)):
        (a, la, _), (b, lb, _) = labelled[k - 1], labelled[k]
        if la == lb == "related" and a.text == b.text and plain:
            note = "title of an embedded video, shown twice (player and caption)"
            labelled[k - 1] = (a, "video", note)
            labelled[k] = (b, "video", note)
    parts: list[dict[str, Any]] = []
    for c, label, note in labelled:
        start = c.start + c.lead
        if label == "caption":
            credit = split_credit(text[start:c.end], c.block)
            if credit:
                cs, ce = start + credit[0], start + credit[1]
                cap_end = cs
                while cap_end > start and text[cap_end - 1] in " (":
                    cap_end -= 1
                parts.append(_part(text, "caption", start, cap_end, note))
                parts.append(_part(text, "credit", cs, ce, ""))
                continue
        parts.append(_part(text, label, start, c.end, note))
    return [p for p in parts if p["end"] > p["start"]]


def _part(text: str, label: str, start: int, end: int, note: str) -> dict[str, Any]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    part: dict[str, Any] = {"label": label, "start": start, "end": end, "text": text[start:end]}
    if note:
        part["note"] = note
    return part


def html_structure(page: Page, hints: list[str], blocks: list[Block] | None = None) -> tuple[str, list[dict[str, Any]]]:
    """The article text of an HTML page and its proposed parts; ``blocks`` (default: all the
    page's) are the blocks to keep, e.g. the article's region
    (:func:`medialit.articles.ingest.main_content.article_blocks`)."""
    blocks = page.blocks if blocks is None else blocks
    cands: list[Candidate] = []
    pos = 0
    for b in blocks:
        cands.append(Candidate(pos, pos + len(b.text), b.text, b))
        pos += len(b.text) + 2
    text = "\n\n".join(b.text for b in blocks) + ("\n" if blocks else "")
    desc = page.meta.get("og:description") or page.meta.get("description") or ""
    return text, propose(cands, text, hints, plain=False, meta_desc=desc)


def text_structure(text: str, hints: list[str]) -> list[dict[str, Any]]:
    """Proposed parts of a plain-text page: every non-blank line is one block."""
    cands: list[Candidate] = []
    lines = text.split("\n")
    pos = 0
    for k, line in enumerate(lines):
        if line.strip():
            m = _BULLET.match(line.lstrip())
            lead = (len(line) - len(line.lstrip())) + (m.end() if m else 0)
            standalone = (k == 0 or not lines[k - 1].strip()) and (k + 1 >= len(lines) or not lines[k + 1].strip())
            block = Block(line.strip(), "li" if m else "line")
            cands.append(Candidate(pos, pos + len(line), line[lead:], block, lead, standalone))
        pos += len(line) + 1
    return propose(cands, text, hints, plain=True)
