"""What the lessons say about their articles is true of the articles.

Every blockquote and ``text`` block of a lesson, and every passage in curly double quotes in its
bank, is verbatim in the lesson's article (pieces cut with "…", "..." or "[...]" are checked one by
one); questions whose prompt says "fictional" quote constructed text and are left out.
Statements about the page's layout (how often the body is interrupted, and where) and about
what the saved text contains are checked against the article's structure and metadata.
"""

from __future__ import annotations

import re

import pytest

from medialit import load_article
from medialit.course.lessons import lesson_dir, lesson_ids
from medialit.questions import load_bank
from tests.support.paths import REPO, SEED_ID

CUTS = re.compile(r"\s*(?:\[\.\.\.\]|\.\.\.|…| / )\s*")


def verbatim(piece: str, article: str) -> bool:
    """True when ``piece`` is in ``article``, allowing a capital first letter (a quote opening a sentence)."""
    return piece in article or piece[0].lower() + piece[1:] in article


def normal(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("**", "").replace("*", "")).strip()


def pieces(passage: str) -> list[str]:
    """The verbatim pieces of a quoted passage: cut at ellipses, without edge punctuation marks."""
    return [p for p in (normal(x).strip(" ") for x in CUTS.split(passage)) if len(p.split()) >= 2]


def lesson_quotes(text: str) -> list[str]:
    """The blockquotes (consecutive '>' lines, split at '>' blank lines) and ```text blocks of a lesson."""
    quotes, current = [], []
    for line in text.splitlines() + [""]:
        if line.startswith(">"):
            body = line[1:].strip()
            if body:
                current.append(body)
                continue
        if current:
            quotes.append(" ".join(current))
            current = []
    for block in re.findall(r"```text\n(.*?)```", text, flags=re.S):
        for para in block.split("\n\n"):
            quotes.extend(bullet for bullet in para.split("•") if bullet.strip())
    return quotes


def curly_quotes(field: str) -> list[str]:
    """Passages in curly double quotes; with nested quotes, the longest one that closes last."""
    found, depth, start = [], 0, 0
    for i, ch in enumerate(field):
        if ch == "“":
            if depth == 0:
                start = i + 1
            depth += 1
        elif ch == "”" and depth:
            depth -= 1
            if depth == 0:
                found.append(field[start:i])
    return found


def bank_fields(q) -> list[str]:
    fields = [q.prompt] + [o["text"] for o in q.options] + [i["text"] for i in q.data.get("items") or []]
    return [f for f in fields if f]


LESSONS = lesson_ids(REPO)


@pytest.mark.parametrize("lesson", LESSONS)
def test_every_quoted_passage_is_verbatim_in_the_article(lesson):
    folder = lesson_dir(REPO, lesson)
    bank = load_bank(folder / "questions.yaml")
    article = normal(load_article(bank.article).text)
    missing = []
    lesson_text = (folder / "lesson.md").read_text(encoding="utf-8")
    for quote in lesson_quotes(lesson_text):
        if quote.startswith("*Constructed"):
            continue
        for label in ("Headline:", "Video title:"):
            quote = quote.replace(label, "")
        missing += [p for p in pieces(quote) if not verbatim(p, article)]
    checked = 0
    for q in bank.questions:
        if "fictional" in q.prompt.lower():
            continue
        for field in bank_fields(q):
            for passage in curly_quotes(field):
                checked += 1
                missing += [f"{q.id}: {p}" for p in pieces(passage) if not verbatim(p, article)]
    assert not missing, "not verbatim in the article:\n" + "\n".join(missing)
    assert checked, f"no quoted passage found in the bank of {lesson}"


def interruptions(structure: list[dict]) -> list[tuple[str, list[str]]]:
    """Runs of non-body parts between body paragraphs: (text of the body part before, the run's texts)."""
    runs, last_body, run = [], None, []
    for part in structure:
        if part["label"] == "body":
            if run and last_body is not None:
                runs.append((last_body, run))
            last_body, run = part["text"], []
        elif last_body is not None:
            run.append(part["text"])
    return runs


def test_lesson_0_describes_the_interruptions_of_the_body_as_the_structure_has_them():
    article = load_article(SEED_ID)
    runs = interruptions(article.structure)
    words = {2: "twice", 3: "three times", 4: "four times"}
    text = normal((lesson_dir(REPO, "00-orientation") / "lesson.md").read_text(encoding="utf-8"))
    assert f"the body is interrupted {words[len(runs)]}" in text
    for before, run in runs:
        ending = " ".join(normal(before).split()[-4:])
        assert ending in text, f"the paragraph before {run[0]!r} (ending {ending!r}) is not named in lesson 0"
        after = text.index(ending)
        assert normal(run[0]) in text[after:], f"{run[0]!r} is not given after {ending!r}"
        if len(run) == 2 and run[0] == run[1]:
            assert f"{normal(run[0])}" in text and "shown twice" in text[after:text.index(normal(run[0]), after)]


def test_lesson_0_says_the_saved_text_has_no_outlet_date_or_byline_as_is_true():
    article = load_article(SEED_ID)
    meta = article.meta
    assert meta["outlet"] not in article.text and meta["author"] is None
    assert "18 March 2021" not in article.text and "2021-03-18" not in article.text
    assert not re.search(r"^By ", article.text, flags=re.M)
    text = normal((lesson_dir(REPO, "00-orientation") / "lesson.md").read_text(encoding="utf-8"))
    assert "it names neither the outlet nor the date" in text and "there is none in the saved text" in text
