"""Saved pages of different shapes become the right article text, structure and metadata.

The pages in tests/fixtures/instructor/ are constructed: fictional outlets, places and people.
"""

from __future__ import annotations

import pytest
import yaml

from medialit.articles.ingest.add import AddError, prepare, write
from medialit.articles.ingest.page_text import parse_html
from tests.support.paths import FIXTURES

FIX = FIXTURES / "instructor"


def labelled(draft):
    return [(p["label"], p["text"]) for p in draft.parts]


def test_a_page_without_closing_head_keeps_its_text():
    """</head> and <body> are optional in HTML5: the text after them is the article."""
    draft = prepare(FIX / "no-head-end-page.html")
    got = labelled(draft)
    assert ("headline", "Kelvedge council delays bridge vote again") in got
    assert ("standfirst", "Councillors want the full cost of the Tarran bridge before they decide") in got
    assert ("byline", "By Owen Marsh") in got
    body = [t for label, t in got if label == "body"]
    assert len(body) == 5
    assert body[2] == "“Enough is enough,” Councillor Tolley said as she left the chamber on Tuesday."
    assert "line-height" not in draft.text and "© 2016" not in draft.text  # style in the head, footer outside
    assert (draft.meta["outlet"], draft.meta["date"], draft.meta["author"]) == (
        "The Kelvedge Herald", "2016-03-09", "Owen Marsh")


def test_unclosed_paragraphs_end_where_a_browser_ends_them():
    page = parse_html("<title>t</title><p>One<p>Two<ul><li>a<li>b</ul><p>Three")
    assert [(b.tag, b.text) for b in page.blocks] == [("p", "One"), ("p", "Two"), ("li", "a"), ("li", "b"),
                                                      ("p", "Three")]


def test_amp_page_drops_ads_menus_and_share_buttons():
    draft = prepare(FIX / "amp-page.html")
    got = labelled(draft)
    for gone in ("Advertisement placeholder", "Share on Twitter", "Home", "vars"):
        assert gone not in draft.text
    assert ("caption", "The morning ferry leaves the Dunmore slipway.") in got
    assert ("credit", "Photo: Post Pictures") in got
    assert ("video", "Video: the crossing in winter") in got  # inside <amp-youtube>
    assert [t[:20] for label, t in got if label == "body"] == [
        "Fares on the Dunmore", "A return ticket for ", "“Islanders have no o", "The operator may rev"]
    assert draft.meta["url"] == "https://post.example.invalid/news/ferry-fares"  # the canonical page, not the AMP copy
    assert draft.meta["provenance"].startswith("Saved AMP page amp-page.html")


def test_article_with_asides_keeps_the_story_and_leaves_out_the_rest_of_the_site():
    draft = prepare(FIX / "asides-page.html")
    got = labelled(draft)
    for gone in ("Rain, 12°C", "Most read", "Bypass opens", "Disgraceful decision", "12 Quay Street", "Privacy"):
        assert gone not in draft.text  # masthead, sidebar, comments and footer are outside the article
    body = [t for label, t in got if label == "body"]
    assert [t[:25] for t in body] == ["Brackwater’s central libr", "Maeve Okafor, who chairs ",
                                      "The council said opening ", "A consultation will run u"]
    # the asides inside the article stay as page furniture, never as body
    for aside in ("“A library is not a luxury”", "£1.2m savings sought", "4 libraries affected"):
        assert dict((t, label) for label, t in got)[aside] == "furniture"
    assert ("related", "Swimming pool to close for repairs") in got


def test_json_ld_metadata_fills_meta_yaml():
    draft = prepare(FIX / "json-ld-page.html")
    m = draft.meta
    assert (m["title"], m["date"], m["author"], m["outlet"], m["section"]) == (
        "Orchard growers count cost of late frost", "2016-04-28", "Tamsin Hale, Rory Quell", "The Vale Courier",
        "Farming")
    assert draft.id == "vale-courier-2016-04-28-orchard-growers-count-cost" and not draft.missing
    assert draft.teaser is None  # isAccessibleForFree: true


def test_paywall_teaser_says_the_text_is_cut_off(tmp_path):
    draft = prepare(FIX / "paywall-teaser-page.html")
    assert draft.cut_off and "Subscribe to continue reading" in draft.teaser.reason
    assert draft.meta["notes"].startswith("The text is cut off: the page is a paywall teaser")
    notes = [p.get("note", "") for p in draft.parts if p["label"] == "furniture"]
    assert "paywall message: the article is cut off here" in notes
    assert [p["label"] for p in draft.parts].count("body") == 2
    folder, said = write(draft, tmp_path, with_annotation=False)
    assert any(n.startswith("CUT OFF: the text is cut off") for n in said)
    meta = yaml.safe_load((folder / "meta.yaml").read_text(encoding="utf-8"))
    assert meta["notes"].startswith("The text is cut off") and meta["status"] == "draft"


def test_metadata_alone_says_the_text_may_be_cut_off(tmp_path):
    html = (FIX / "paywall-teaser-page.html").read_text(encoding="utf-8")
    html = html[: html.index('<div class="paywall-message">')] + "</article></body></html>"
    page = tmp_path / "subscriber-copy.html"
    page.write_text(html, encoding="utf-8")
    draft = prepare(page)
    assert draft.teaser is not None and not draft.cut_off
    assert "may be cut off" in draft.meta["notes"] and "isAccessibleForFree: false" in draft.meta["notes"]


def test_a_story_inside_a_paywall_element_is_not_a_paywall_message(tmp_path):
    page = tmp_path / "p.html"
    page.write_text("<title>Quay light restored</title><h1>Quay light restored</h1><div class='paywall'>"
                    "<p>The old light on Merrowby quay shines again after a month of repairs by volunteers.</p>"
                    "<p>The harbour board paid for the new lamp, which was made in Saltmere by a glassworks.</p></div>",
                    encoding="utf-8")
    draft = prepare(page, outlet="O", date="2024-01-01")
    assert draft.teaser is None
    assert [p["label"] for p in draft.parts] == ["headline", "body", "body"]


# -- encodings and errors ----------------------------------------------------------------------
def test_declared_latin1_is_read_as_browsers_read_it(tmp_path):
    page = tmp_path / "latin1.html"
    page.write_bytes(b'<html><head><meta charset="iso-8859-1"><title>Caf\xe9 closes</title></head><body>'
                     b"<h1>Caf\xe9 closes</h1><p>\x93We are sad,\x94 the owner said of the caf\xe9.</p>"
                     b"<p>It opened in 1998 on the quay.</p></body></html>")
    draft = prepare(page, outlet="O", date="2024-01-01")
    assert "“We are sad,” the owner said of the café." in draft.text  # Windows-1252 quotes, as in a browser


@pytest.mark.parametrize("name,content", [("page.html", b"<html><body><p>Caf\xe9 au lait</p></body></html>"),
                                          ("page.txt", b"Caf\xe9 au lait\n")])
def test_undeclared_latin1_says_what_to_do(tmp_path, name, content):
    page = tmp_path / name
    page.write_bytes(content)
    with pytest.raises(AddError) as err:
        prepare(page, outlet="O", date="2024-01-01")
    msg = str(err.value)
    assert "is not UTF-8 text" in msg and "byte 0xE9 at position" in msg and "Latin-1" in msg
    assert "save the page again as UTF-8" in msg
    assert ("<meta charset=" in msg) == name.endswith(".html")


def test_empty_and_textless_pages_say_what_to_do(tmp_path):
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"  \n")
    with pytest.raises(AddError, match=r"is empty .*Save Page As"):
        prepare(empty)
    scripted = tmp_path / "app.html"
    scripted.write_text("<!doctype html><html><head><script>render()</script></head><body><div id=app></div>"
                        "</body></html>", encoding="utf-8")
    with pytest.raises(AddError, match=r"no article text found .*JavaScript.*medialit article add story\.txt"):
        prepare(scripted)
