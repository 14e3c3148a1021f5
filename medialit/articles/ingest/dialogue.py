"""``medialit article add`` from start to end: read the page, show what was found, let the
instructor correct the metadata (when a person is at the terminal), write the folder.

Limits: questions are asked with :func:`input` on the terminal; with ``interactive=False``
nothing is asked and missing metadata is an :class:`~medialit.articles.ingest.add.AddError`.
"""

from __future__ import annotations

import os
from pathlib import Path

from medialit.articles.ingest import add as aa


def ask(prompt: str, default: str | None) -> str | None:
    """The user's answer to ``prompt``; ``default`` when they only press Enter (or input ends)."""
    shown = f" [{default}]" if default else ""
    try:
        answer = input(f"{prompt}{shown}: ").strip()
    except EOFError:
        return default
    return answer or default


def print_structure(draft: aa.Draft) -> None:
    """Print the text's length and each proposed part: offsets, label and the start of its text."""
    print(f"Text: {len(draft.text)} characters, {len(draft.parts)} parts ({draft.source_kind} page):")
    for p in draft.parts:
        snippet = p["text"] if len(p["text"]) <= 70 else p["text"][:67] + "..."
        note = f"  [{p['note']}]" if p.get("note") else ""
        print(f"  {p['start']:>6}-{p['end']:<6} {p['label']:<10} {snippet}{note}")


def confirm(draft: aa.Draft, dest: Path, *, id_given: bool) -> bool:
    """Show the structure, ask for title, outlet, date, author and id (Enter keeps each value),
    then whether to write; False when the user declines.  A proposed id is recomputed from the
    corrected metadata unless ``id_given``."""
    print_structure(draft)
    print("\nCheck the metadata (Enter keeps the value shown):")
    for key in ("title", "outlet", "date", "author"):
        value = ask(f"  {key}", draft.meta.get(key))
        if key == "date" and value and aa.parse_date(value) is None:
            print(f"  {value!r} is not a date (YYYY-MM-DD); keeping {draft.meta.get('date')!r}")
            continue
        draft.meta[key] = aa.parse_date(value) if key == "date" and value else value
    if not id_given:
        draft.meta["id"] = None
    aa.complete(draft)
    draft.meta["id"] = ask("  id", draft.meta.get("id"))
    aa.complete(draft)
    answer = ask(f"Write {dest / (draft.id or '?')}/ ? (y/n)", "y")
    return (answer or "").lower() in ("y", "yes")


def add_article(page: str | os.PathLike[str], *, dest: Path | None = None, interactive: bool = False,
                with_annotation: bool = True, article_id: str | None = None, outlet: str | None = None,
                date: str | None = None, title: str | None = None, author: str | None = None,
                url: str | None = None, constructed: bool = False, rights: str | None = None) -> Path | None:
    """Make ``dest/<id>/`` (default: :func:`~medialit.articles.ingest.add.default_seeds_dir`) from a
    saved page and print what was written and what to do next; returns the folder, or None when
    the user declined.  Explicit metadata wins over what the page says.  Raises ``AddError``.
    """
    draft = aa.prepare(page, article_id=article_id, outlet=outlet, date=date, title=title, author=author,
                       url=url, constructed=constructed, rights=rights)
    dest = dest if dest is not None else aa.default_seeds_dir()
    if interactive and not confirm(draft, dest, id_given=bool(article_id)):
        print("Nothing written.")
        return None
    folder, notes = aa.write(draft, dest, with_annotation=with_annotation)
    if not interactive:
        print_structure(draft)
    print(f"\nWrote {folder}/ (status: draft)")
    for n in notes:
        print(f"  {n}")
    print(f"Next: check the structure with `medialit show {draft.id}`, review the draft annotation "
          f"(docs/review-article.ipynb), then `medialit article review {draft.id} --accept`.")
    return folder
