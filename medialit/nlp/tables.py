"""The tables ``medialit analyze`` and ``medialit evaluate`` print (rich, on standard output).

Limits: long contents are cut to 90 characters; numbers are shown with three decimals.
"""

from __future__ import annotations

from typing import Any


def layer_counts(doc: dict[str, Any]) -> list[str]:
    """Attributions, hedges, boosters, loaded language and scare quotes in ``doc``, as numbers to show."""
    framing = doc.get("framing", {})
    return [str(len(doc.get("attributions", []))), str(len(doc.get("hedges", []))), str(len(doc.get("boosters", []))),
            str(len(framing.get("loaded_language", []))), str(len(framing.get("scare_quotes", [])))]


def print_summary(rows: list[tuple[str, dict[str, Any]]]) -> None:
    """One row per analysed text: its name and how many items of each layer were found."""
    from rich.console import Console
    from rich.table import Table

    table = Table("text", "attributions", "hedges", "boosters", "loaded", "scare quotes")
    for name, doc in rows:
        table.add_row(name, *layer_counts(doc))
    Console().print(table)


def print_document(doc: dict[str, Any]) -> None:
    """The items of one analysed text: attributions, hedges, boosters, loaded language, scare quotes."""
    from rich.console import Console
    from rich.table import Table

    console = Console()
    table = Table("speaker", "resolved", "cue", "kind", "content", title="attributions")
    for a in doc.get("attributions", []):
        content = a["content"]["text"]
        cue = (a.get("cue") or {}).get("text", "—")
        if a.get("cue_connotation") == "loaded":
            cue += " (loaded)"
        table.add_row((a.get("speaker") or {}).get("text", "—"), a.get("speaker_name") or "—", cue,
                      a["kind"], content if len(content) <= 90 else content[:87] + "...")
    console.print(table)
    for layer in ("hedges", "boosters"):
        t = Table("cue", "category", "holder", title=layer)
        for h in doc.get(layer, []):
            t.add_row(h["cue"]["text"], h["category"], h.get("holder", ""))
        console.print(t)
    framing = doc.get("framing", {})
    for layer in ("loaded_language", "scare_quotes"):
        t = Table("span", "holder", "note", title=layer.replace("_", " "))
        for x in framing.get(layer, []):
            t.add_row(x["span"]["text"], x.get("holder", ""), x.get("note", ""))
        console.print(t)


def print_figures(figures: dict[str, Any]) -> None:
    """The figures of :func:`medialit.nlp.evaluate.evaluate_all`: per article and layer, then PolNeAR."""
    from rich.console import Console
    from rich.table import Table

    console = Console()
    table = Table("article", "layer", "pred.", "ref.", "P", "R", "F1", "speaker F1",
                  title="against the reference annotations")
    table.columns[0].overflow = "fold"
    for row in figures["articles"]:
        a = row.get("attributions")
        if a:
            table.add_row(row["article"], "attributions", str(a["predicted"]), str(a["reference"]),
                          f"{a['content']['precision']:.3f}", f"{a['content']['recall']:.3f}",
                          f"{a['content']['f1']:.3f}", f"{a['speaker']['f1']:.3f}")
        for layer in ("hedges", "boosters"):
            h = row.get(layer)
            if h:
                table.add_row(row["article"], layer, str(h["predicted"]), str(h["reference"]),
                              f"{h['precision']:.3f}", f"{h['recall']:.3f}", f"{h['f1']:.3f}", "")
    if not figures["articles"]:
        console.print("no article has a reference.json yet")
    else:
        console.print(table)
    if "stance_set" in figures:
        from medialit.nlp.stance_eval import format_figures

        console.print("hedges and boosters on the stance evaluation set (medialit/data/eval/stance):")
        console.print(format_figures(figures["stance_set"]), markup=False, highlight=False)
    p = figures.get("polnear")
    if p:
        t = Table("attributions", "articles", "gold", "pred.", "content P", "content R", "content F1", "source F1",
                  title=f"PolNeAR {p['split']} (project metric; {p['seconds']:.1f} s)")
        t.add_row("PolNeAR view", str(p["docs"]), str(p["gold"]), str(p["pred"]),
                  f"{p['content_p']:.3f}", f"{p['content_r']:.3f}", f"{p['content_f1']:.3f}", f"{p['source_f1']:.3f}")
        s = p["stretches_separate"]
        t.add_row("as analyzed", str(s["docs"]), str(s["gold"]), str(s["pred"]),
                  f"{s['content_p']:.3f}", f"{s['content_r']:.3f}", f"{s['content_f1']:.3f}", f"{s['source_f1']:.3f}")
        console.print(t)
        console.print("PolNeAR view: the stretches of one quotation joined, as PolNeAR annotates them "
                      "(docs/analyzers.md); as analyzed: the attributions exactly as `medialit analyze` writes them.")
    elif figures.get("polnear_note"):
        console.print(f"PolNeAR: {figures['polnear_note']}")
