"""Review a draft reference annotation, item by item, then mark the article reviewed.

:class:`DraftReview` holds an article's ``reference.json`` (usually a draft made by the
analyzers when the article was added) and lets the instructor accept, edit, remove or add
items; every change is validated against the article text before it is kept, and
:meth:`DraftReview.save` writes the file atomically.  :func:`accept_article` is what
``medialit article review ID --accept`` runs: it validates the metadata, the structure
and the reference, records who reviewed it, removes the analyzers' ``draft`` notes
(confidence and rule) from the items, and sets ``status: reviewed`` in ``meta.yaml``.
The review notebook (``docs/review-article.ipynb``) drives this class.

Each item the instructor keeps, edits or adds is marked checked; for a drafted item the mark is
saved with it (``draft.reviewed: true``), so a review can stop and go on later.
:func:`accept_article` refuses while drafted items are unchecked and says how many, unless the
instructor accepts them as drafted on purpose (``--accept-unreviewed``), which ``meta.yaml``
records (``accepted_unreviewed``).

Limits: one reviewer at a time (the file is rewritten whole on save); an item a person wrote
(no ``draft`` field) counts as checked for :func:`accept_article`, but the panel still asks for
its Keep; sources are checked with the attributions that point at them.
"""

from __future__ import annotations

import copy
import datetime as _dt
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from medialit.articles.article import Article, ArticleError, load_article
from medialit.core import annotation as ann
from medialit.core import layers
from medialit.core.spans import Span, find_span
from medialit.errors import MedialitError


class ReviewError(MedialitError, ValueError):
    """A review step cannot be done; the message says why and what to do instead."""


def _layer_list(doc: dict[str, Any], layer: str, create: bool = False) -> list[dict[str, Any]]:
    return layers.items_for_writing(doc, layer) if create else layers.items(doc, layer)


class DraftReview:
    """An article's reference annotation opened for review."""

    def __init__(self, article: Article | str, start_empty: bool = False) -> None:
        self.article = load_article(article) if isinstance(article, str) else article
        self.article.ensure_writable()
        path = self.article.reference_path
        self.doc: dict[str, Any]
        if path.exists():
            self.doc = ann.load(path, self.article.text)
        elif start_empty:
            self.doc = ann.new_document(self.article.id, self.article.text, producer="reference")
            self.doc.update({layer.path: [] for layer in layers.LAYERS if layer.group == layer.path})
        else:
            raise ReviewError(f"article {self.article.id!r} has no reference annotation to review ({path}); "
                              "pass start_empty=True to write one from scratch")
        self.accepted: set[str] = {i["id"] for _, i in self.items() if is_checked_draft(i)}
        self.changed = False

    # -- reading ----------------------------------------------------------------------
    @property
    def text(self) -> str:
        return self.article.text

    def items(self) -> Iterator[tuple[str, dict[str, Any]]]:
        """Every item as (layer, item), sources included."""
        yield from ann.iter_items(self.doc)

    def find(self, item_id: str) -> tuple[str, dict[str, Any]]:
        for layer, item in self.items():
            if item.get("id") == item_id:
                return layer, item
        raise ReviewError(f"no item with id {item_id!r}; ids: {', '.join(i['id'] for _, i in self.items())}")

    def describe(self, item_id: str) -> str:
        """One line: layer, id, labels and the quoted spans of the item."""
        layer, item = self.find(item_id)
        return describe_item(layer, item)

    def table(self) -> list[dict[str, Any]]:
        """Rows for display: id, layer, what, text, accepted, why (the analyzers' confidence and rule)."""
        rows = []
        for layer, item in self.items():
            rows.append({"id": item["id"], "layer": layer, "what": _what(layer, item),
                         "text": _spans_text(layer, item), "accepted": item["id"] in self.accepted,
                         "why": draft_note(item)})
        return rows

    def pending(self) -> list[str]:
        """Ids not yet accepted (sources count as accepted with their attributions)."""
        return [i["id"] for layer, i in self.items() if layer != "sources" and i["id"] not in self.accepted]

    # -- changing ---------------------------------------------------------------------
    def _commit(self, new_doc: dict[str, Any]) -> None:
        ann.validate(new_doc, self.text, where=f"{self.article.id} reference")
        self.doc = new_doc
        self.changed = True

    def accept(self, *item_ids: str) -> None:
        """Mark items as checked and right as they are (saved with a drafted item)."""
        for item_id in item_ids:
            _, item = self.find(item_id)
            self._mark(item, True)

    def unaccept(self, item_id: str) -> None:
        """Take back the check mark of an item."""
        _, item = self.find(item_id)
        self._mark(item, False)

    def accept_all(self) -> None:
        for _, item in self.items():
            self._mark(item, True)

    def _mark(self, item: dict[str, Any], checked: bool) -> None:
        draft = item.get("draft")
        if isinstance(draft, dict) and bool(draft.get("reviewed")) != checked:
            if checked:
                draft["reviewed"] = True
            else:
                draft.pop("reviewed", None)
            self.changed = True
        (self.accepted.add if checked else self.accepted.discard)(item["id"])

    def remove(self, item_id: str) -> None:
        """Delete an item (a source is removed only when no item points at it)."""
        layer, _ = self.find(item_id)
        doc = copy.deepcopy(self.doc)
        if layer == "sources":
            users = [i["id"] for _, i in ann.iter_items(doc) if i.get("source_id") == item_id]
            if users:
                raise ReviewError(f"source {item_id!r} is used by {', '.join(users)}; remove or re-point those first")
        items = _layer_list(doc, layer)
        items[:] = [i for i in items if i.get("id") != item_id]
        self._commit(doc)
        self.accepted.discard(item_id)

    def edit(self, item_id: str, **changes: Any) -> dict[str, Any]:
        """Change fields of an item.  Span fields take a :class:`Span`, a dict, a quoted text
        (the first match at or after the item's current position, else anywhere), or None.
        ``cues`` of a frame takes a list of those.  Fields set to ``...`` are removed."""
        layer, _ = self.find(item_id)
        doc = copy.deepcopy(self.doc)
        item = next(i for i in _layer_list(doc, layer) if i.get("id") == item_id)
        single, many = _span_fields(layer)
        for key, value in changes.items():
            if value is ...:
                item.pop(key, None)
            elif key in single:
                item[key] = None if value is None else self._span(value, near=_first_start(item)).to_json()
            elif key in many:
                item[key] = [self._span(v, near=_first_start(item)).to_json() for v in value]
            else:
                item[key] = value
        self._commit(doc)
        self._mark(item, True)
        return item

    def add(self, layer: str, item_id: str | None = None, **fields: Any) -> dict[str, Any]:
        """Add an item to ``layer`` (``"hedges"``, ``"framing.metaphors"``...); spans as in
        :meth:`edit`.  The id defaults to the layer's prefix and the next free number."""
        if layer not in layers.BY_PATH:
            raise ReviewError(f"unknown layer {layer!r}; use one of {', '.join(layers.BY_PATH)}")
        doc = copy.deepcopy(self.doc)
        item: dict[str, Any] = {"id": item_id or self._next_id(layer)}
        single, many = _span_fields(layer)
        for key, value in fields.items():
            if key in single:
                item[key] = None if value is None else self._span(value).to_json()
            elif key in many:
                item[key] = [self._span(v).to_json() for v in value]
            else:
                item[key] = value
        _layer_list(doc, layer, create=True).append(item)
        self._commit(doc)
        self._mark(item, True)
        return item

    def _next_id(self, layer: str) -> str:
        prefix = layers.get(layer).id_prefix
        used = {i["id"] for _, i in self.items()}
        n = 1
        while f"{prefix}{n}" in used:
            n += 1
        return f"{prefix}{n}"

    def _span(self, value: Any, near: int = 0) -> Span:
        if isinstance(value, Span):
            return Span.of(self.text, value.start, value.end)
        if isinstance(value, dict):
            return Span.of(self.text, int(value["start"]), int(value["end"]))
        if isinstance(value, tuple) and len(value) == 2:
            return Span.of(self.text, int(value[0]), int(value[1]))
        if isinstance(value, str):
            try:
                return find_span(self.text, value, after=near)
            except ValueError:
                try:
                    return find_span(self.text, value)
                except ValueError:
                    raise ReviewError(f"{value!r} does not occur in the article text; copy the words exactly "
                                      "(curly quotes included) or give (start, end) offsets") from None
        raise ReviewError(f"cannot make a span of {value!r}; give the exact text, (start, end) or a Span")

    def save(self) -> Path:
        """Write the reference back (validated, atomic).  Returns its path.

        Refuses an article whose ``reference.json`` is generated from ``reference.src.yaml``:
        a change written here would be lost at the next ``medialit reference-build``.
        """
        problem = _generated_reference(self.article)
        if problem:
            raise ReviewError(problem)
        self.article.ensure_writable()
        ann.save(self.doc, self.article.reference_path, self.text)
        self.changed = False
        return self.article.reference_path


def _span_fields(layer: str) -> tuple[set[str], set[str]]:
    """The layer's fields that hold one span, and those that hold a list of spans."""
    roles = layers.get(layer).roles
    return {r.field for r in roles if not r.is_list}, {r.field for r in roles if r.is_list}


def _first_start(item: dict[str, Any]) -> int:
    starts = [v["start"] for v in item.values() if isinstance(v, dict) and "start" in v]
    starts += [c["start"] for c in item.get("cues") or []]
    return max(0, min(starts) - 200) if starts else 0


def _what(layer: str, item: dict[str, Any]) -> str:
    """``category=modal``: the item's label field and value (the layer's name when it has none)."""
    field = layers.get(layer).required_attr
    return f"{field}={item[field]}" if field and field in item else layer.split(".")[-1]


def _spans_text(layer: str, item: dict[str, Any]) -> str:
    spec = layers.get(layer)
    if not spec.roles:  # a source: no spans, its name
        return str(item.get("name", ""))
    bits = []
    for role in spec.roles:
        name = role.field.removesuffix("s") if role.is_list else role.field  # one of a frame's cues: "cue"
        bits += [f"{name}: “{span['text']}”" for span in layers.item_spans(item, layer, role.field)]
    return "; ".join(bits)


def draft_note(item: dict[str, Any]) -> str:
    """Why the analyzers proposed an item ("confidence 0.85: <rule>"), or "" for an item of a person's."""
    draft = item.get("draft")
    if not isinstance(draft, dict):
        return ""
    note = f"confidence {float(draft.get('confidence', 0)):.2f}: {draft.get('rule', '')}"
    return note + (" (a proposal)" if draft.get("proposal") else "")


def describe_item(layer: str, item: dict[str, Any]) -> str:
    why = draft_note(item)
    return f"[{layer}] {item['id']} {_what(layer, item)}  {_spans_text(layer, item)}" + (f"  [{why}]" if why else "")


# -- accepting the whole article ------------------------------------------------------
def _generated_reference(article: Article) -> str | None:
    """Why ``reference.json`` must not be edited here, or None when it may be."""
    from medialit.articles.reference_build import SOURCE_FILE, source_path

    if source_path(article).exists():
        return (f"the reference of {article.id!r} is generated from {SOURCE_FILE}: make the change there "
                f"(producer.reviewed: true to accept it), run `medialit reference-build {article.id}`, and set "
                "status: reviewed in meta.yaml")
    return None


def is_checked_draft(item: dict[str, Any]) -> bool:
    """True for a drafted item a person has checked in a review (``draft.reviewed: true``)."""
    draft = item.get("draft")
    return isinstance(draft, dict) and draft.get("reviewed") is True


def unchecked_items(doc: dict[str, Any]) -> list[str]:
    """Ids of the drafted items nobody has checked yet (sources count with their attributions)."""
    return [i["id"] for layer, i in ann.iter_items(doc)
            if layer != "sources" and isinstance(i.get("draft"), dict) and not is_checked_draft(i)]


def drafted_items(doc: dict[str, Any]) -> int:
    """How many items (sources left out) the analyzers drafted."""
    return sum(1 for layer, i in ann.iter_items(doc) if layer != "sources" and isinstance(i.get("draft"), dict))


def set_meta_accepted_unreviewed(meta_path: Path, items: int, date: str, by: str | None) -> None:
    """Record in ``meta.yaml`` that ``items`` drafted items were accepted unchecked (replacing an earlier record)."""
    raw = meta_path.read_text(encoding="utf-8")
    raw = re.sub(r"(?m)^accepted_unreviewed:.*\n?", "", raw)
    by_text = json.dumps(by, ensure_ascii=False) if by else "null"  # a JSON string is a YAML flow scalar
    line = f'accepted_unreviewed: {{items: {items}, date: "{date}", by: {by_text}}}\n'
    ann.atomic_write_text(meta_path, raw.rstrip("\n") + "\n" + line)


def strip_drafts(doc: dict[str, Any]) -> int:
    """Remove the ``draft`` field (the analyzers' confidence and rule) from every item of
    ``doc``, in place; returns how many items had one.  A reviewed item is the reviewer's."""
    n = 0
    for _, item in ann.iter_items(doc):
        if item.pop("draft", None) is not None:
            n += 1
    return n


def set_meta_status(meta_path: Path, status: str) -> None:
    """Set ``status:`` in ``meta.yaml``, keeping its comments and layout."""
    raw = meta_path.read_text(encoding="utf-8")
    new, n = re.subn(r"(?m)^status:[^\n#]*", f"status: {status}", raw, count=1)
    if n == 0:
        new = raw.rstrip("\n") + f"\nstatus: {status}\n"
    ann.atomic_write_text(meta_path, new)


def accept_article(article_id: str, reviewer: str | None = None, today: str | None = None,
                   accept_unreviewed: bool = False) -> list[str]:
    """Validate an article folder and mark it reviewed.  Returns what was done.

    Raises :class:`ReviewError` (or the annotation/article errors) listing what to fix;
    nothing is changed unless every check passes.  Drafted items nobody checked are a
    problem, unless ``accept_unreviewed``: then they are accepted as drafted and ``meta.yaml``
    records how many (``accepted_unreviewed``).
    """
    article = load_article(article_id)
    article.ensure_writable()
    problems: list[str] = []
    try:
        article.meta  # noqa: B018  (validates meta.yaml)
    except (ann.AnnotationError, ArticleError) as exc:
        problems.append(str(exc))
    try:
        article.structure  # noqa: B018
    except (ann.AnnotationError, ArticleError) as exc:
        problems.append(str(exc))
    if not article.reference_path.exists():
        problems.append(f"there is no reference annotation ({article.reference_path}); review the draft first "
                        "(docs/review-article.ipynb) or import one with `medialit import`")
    else:
        try:
            article.reference  # noqa: B018
        except (ann.AnnotationError, ArticleError) as exc:
            problems.append(str(exc))
    generated = _generated_reference(article)
    if generated:
        problems.append(generated)
    unchecked = unchecked_items(article.reference) if not problems else []
    if unchecked and not accept_unreviewed:
        drafted = drafted_items(article.reference)
        problems.append(f"{len(unchecked)} of the {drafted} drafted items are not reviewed yet ("
                        f"{', '.join(unchecked[:12])}{' ...' if len(unchecked) > 12 else ''}): keep, edit or drop "
                        "each in docs/review-article.ipynb, or accept them as drafted with --accept-unreviewed "
                        "(recorded in meta.yaml)")
    if problems:
        raise ReviewError(f"article {article_id!r} cannot be marked reviewed:\n" + "\n".join(problems))
    done = []
    doc = copy.deepcopy(article.reference)
    drafted = strip_drafts(doc)
    producer = dict(doc.get("producer") or {"kind": "reference"})
    was = producer.get("kind")
    date = today or _dt.date.today().isoformat()
    note = f"Reviewed{' by ' + reviewer if reviewer else ''} on {date}"
    if was and was != "reference":
        note += f"; first drafted by {producer.get('name') or was}"
    producer.update({"kind": "reference", "reviewed": True, "note": note})
    if reviewer:
        producer["name"] = reviewer
    doc["producer"] = producer
    ann.save(doc, article.reference_path, article.text)
    done.append(f"reference.json: producer kind reference, reviewed: true ({note})")
    if drafted:
        done.append(f"reference.json: the analyzers' confidence and rules removed from {drafted} reviewed items")
    if unchecked:
        set_meta_accepted_unreviewed(article.path / "meta.yaml", len(unchecked), date, reviewer)
        done.append(f"meta.yaml: accepted_unreviewed: {len(unchecked)} drafted items accepted without a check")
    if article.meta.get("status") != "reviewed":
        set_meta_status(article.path / "meta.yaml", "reviewed")
        done.append("meta.yaml: status: reviewed")
    else:
        done.append("meta.yaml: already status: reviewed")
    return done


def review_state(article_id: str) -> Iterator[str]:
    """What ``medialit article review ID`` prints, line by line: the article's status, who made
    its reference and whether it was reviewed, and the number of items per layer.

    Lazy: the status line comes before the reference is read (and perhaps found invalid).
    """
    from medialit.articles.listing import layer_counts

    article = load_article(article_id)
    yield f"{article.id}: status {article.meta.get('status')}"
    if not article.reference_path.exists():
        yield "  no reference annotation yet"
        return
    doc = article.reference
    producer = doc.get("producer") or {}
    yield (f"  reference by {producer.get('kind')} {producer.get('name', '')}".rstrip()
           + f", reviewed: {producer.get('reviewed', 'not recorded')}")
    for layer, n in layer_counts(doc).items():
        yield f"  {layer}: {n}"
    unchecked = unchecked_items(doc)
    if unchecked:
        yield f"  not reviewed yet: {len(unchecked)} of {drafted_items(doc)} drafted items"
