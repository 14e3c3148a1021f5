"""Which blocks of a saved page are the article: boilerplate removal by trafilatura.

trafilatura (Barbaresi 2021, the extractor behind many web corpora) reads the page as
parsed (:attr:`medialit.articles.ingest.page_text.Page.html`) and returns the text it takes
for the main content.  Here its answer is used in two ways:

- every block is marked ``main`` (kept by the extractor) or not (left out as boilerplate);
  :mod:`medialit.articles.ingest.page_structure` never proposes a block left out as body;
- the article's *region* is the smallest element that holds the headline and the main
  blocks; blocks outside it (site header and footer, sidebars, lists of other stories,
  comments) are dropped from the article text.  Everything between the headline and the
  end of the body is inside that element, so furniture within the article (a sign-up box,
  a related link, a caption) stays and is labelled by the page-furniture rules.

When the extractor finds no main text, or its text matches fewer than
:data:`MIN_MAIN_BLOCKS` blocks, every block is kept and nothing is marked.

Limits: text that sits before the headline outside the article's element (a section label
in the site's header, a lead photo placed above the article) is dropped with the rest; the
extractor can leave out a short body paragraph, which is then proposed as furniture (the
structure is a proposal to check).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from medialit.articles.ingest.page_text import Block, Page

#: Fewer blocks than this matched to the extractor's text: the extraction is not trusted.
MIN_MAIN_BLOCKS = 2
_SPACE = re.compile(r"\s+")
_BULLET = re.compile(r"^[-*•]\s+")


@dataclass
class Extraction:
    """What the article extractor decided about a page."""

    blocks: list[Block]  # the blocks of the article's region, in page order
    main: int  # blocks the extractor kept as main text
    dropped: int  # blocks outside the article's region
    used: bool  # False when the extractor found nothing usable (every block kept, none marked)

    def describe(self) -> str:
        """One clause for the provenance line."""
        if not self.used:
            return "no main text recognised by trafilatura, so every block was kept"
        if not self.dropped:
            return "main text recognised by trafilatura; nothing outside the article's region to drop"
        return (f"main text recognised by trafilatura; {self.dropped} blocks outside the article's region "
                "(site menus, sidebars, footers) dropped")


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip().casefold()


def extracted_lines(html: str) -> list[str]:
    """The lines of main text trafilatura finds in ``html`` (empty when it finds none)."""
    import trafilatura

    result = trafilatura.bare_extraction(html, include_comments=False, include_tables=True, include_images=False,
                                         with_metadata=False, deduplicate=False, output_format="python")
    text = getattr(result, "text", None) if result is not None else None
    if not text:
        return []
    return [_BULLET.sub("", _norm(line)) for line in str(text).split("\n") if line.strip()]


def _is_main(block: Block, lines: set[str], whole: str) -> bool:
    text = _norm(block.text.replace("\n", " "))
    if text in lines:
        return True
    return len(text.split()) >= 4 and text in whole


def _common_prefix(paths: list[tuple[int, ...]]) -> tuple[int, ...]:
    first = paths[0]
    n = len(first)
    for p in paths[1:]:
        n = min(n, len(p))
        for k in range(n):
            if p[k] != first[k]:
                n = k
                break
    return first[:n]


def _headline_block(blocks: list[Block], first_main: int, hints: list[str]) -> int | None:
    wanted = {_norm(h) for h in hints if h}
    for i, b in enumerate(blocks):
        if b.tag == "h1" and _norm(b.text) in wanted:
            return i
    before = [i for i in range(first_main) if blocks[i].tag == "h1"]
    return before[-1] if before else None


def article_blocks(page: Page, hints: list[str]) -> Extraction:
    """The blocks of the article's region, each marked ``main`` or not (see the module docstring)."""
    blocks = page.blocks
    lines = extracted_lines(page.html) if page.html and blocks else []
    whole = " ".join(lines)
    line_set = set(lines)
    flags = [_is_main(b, line_set, whole) for b in blocks] if lines else []
    if sum(flags) < MIN_MAIN_BLOCKS:
        return Extraction(list(blocks), 0, 0, False)
    for b, flag in zip(blocks, flags, strict=True):
        b.main = flag
    main_idx = [i for i, f in enumerate(flags) if f]
    anchors = [blocks[i].ancestors for i in main_idx]
    head = _headline_block(blocks, main_idx[0], hints)
    if head is not None:
        anchors.append(blocks[head].ancestors)
    # the block element itself is not a container of the others: use its parents
    region = _common_prefix([a[:-1] if len(a) > 1 else a for a in anchors])
    kept = [b for b in blocks if b.ancestors[: len(region)] == region]
    return Extraction(kept, sum(flags), len(blocks) - len(kept), True)
