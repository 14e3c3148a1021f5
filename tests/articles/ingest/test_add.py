"""`medialit article add`: a saved page becomes a draft article folder; `article review`.

The fixtures in tests/fixtures/instructor/ are constructed pages of a fictional outlet
(The Merrowby Courier) about fictional people.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
import yaml

from medialit.articles.article import Article
from medialit.articles.ingest.add import AddError, parse_date, prepare, propose_id
from medialit.articles.ingest.page_structure import text_structure
from medialit.articles.ingest.page_text import parse_html
from medialit.core import annotation as ann
from tests.support.paths import FIXTURES

FIX = FIXTURES / "instructor"
HTML = FIX / "courier-harbour-page.html"
TEXT = FIX / "courier-harbour-page.txt"


def medialit(*args, seeds=None, stdin=""):
    env = dict(os.environ)
    if seeds is not None:
        env["MEDIALIT_SEEDS"] = str(seeds)
    return subprocess.run([sys.executable, "-m", "medialit.cli", *args], capture_output=True, text=True,
                          encoding="utf-8", timeout=120, env=env, input=stdin)


def labels_of(parts, text):
    return [(p["label"], p["text"]) for p in parts]


# -- text extraction ----------------------------------------------------------------------
def test_html_text_drops_scripts_styles_and_navigation_and_keeps_paragraphs():
    page = parse_html(HTML.read_text(encoding="utf-8"))
    text = page.text
    for gone in ("tracker", "tracking text", "display: none", "Home", "Sport", "console.log"):
        assert gone not in text
    assert "Merrowby’s north quay" in text  # &rsquo; decoded, curly apostrophe kept
    assert "“a slow eviction”" in text  # &ldquo; &rdquo;
    assert "six years & that" in text  # &amp;
    assert "Saltmere, 20 miles" in text  # &nbsp; became a plain space
    assert "Photo: Courier Pictures" in text
    paragraphs = text.split("\n\n")
    assert "Mayor Ida Fenn said the harbour had lost money for six years & that the toll had not risen since " \
           "2011. “We can’t keep the quay standing on goodwill,” she said." in paragraphs
    assert all(p == p.strip() and "  " not in p for p in paragraphs)


def test_html_metadata_comes_from_meta_tags():
    draft = prepare(HTML)
    m = draft.meta
    assert (m["outlet"], m["date"], m["author"], m["title"]) == (
        "The Merrowby Courier", "2024-05-02", "Pia Landry", "Merrowby harbour toll to double, council says")
    assert m["url"] == "https://courier.example.invalid/news/harbour-toll"
    assert m["language"] == "en" and m["status"] == "draft" and m["constructed"] is False
    assert "courier-harbour-page.html" in m["provenance"] and "All rights stay with the publisher" in m["rights"]
    assert draft.id == "merrowby-courier-2024-05-02-merrowby-harbour-toll-double"
    assert not draft.missing


def test_json_ld_fills_what_meta_tags_leave_out():
    html = HTML.read_text(encoding="utf-8")
    for tag in ('<meta property="og:site_name" content="The Merrowby Courier">',
                '<meta property="article:published_time" content="2024-05-02T07:30:00+01:00">',
                '<meta name="author" content="Pia Landry">'):
        html = html.replace(tag, "")
    page = parse_html(html)
    from medialit.articles.ingest.add import html_metadata

    m = html_metadata(page)
    assert (m["outlet"], m["date"], m["author"]) == ("The Merrowby Courier", "2024-05-02", "Pia Landry")


def test_html_structure_proposal():
    draft = prepare(HTML)
    got = labels_of(draft.parts, draft.text)
    expected_in_order = [
        ("section", "Local news"),
        ("headline", "Merrowby harbour toll to double, council says"),
        ("standfirst", "Fishing crews warn the rise could drive boats to Saltmere"),
        ("byline", "By Pia Landry"),
        ("dateline", "2 May 2024"),
        ("caption", "Trawlers moored at Merrowby’s north quay."),
        ("credit", "Photo: Courier Pictures"),
        ("furniture", "Get the Courier’s morning briefing"),
        ("furniture", "Sign up"),
        ("related", "Saltmere quay reopens after storm repairs"),
        ("video", "Watch: crews at Merrowby react to the toll decision"),
        ("furniture", "Share Tweet"),
    ]
    positions = [got.index(e) for e in expected_in_order]
    assert positions == sorted(positions)
    body = [t for label, t in got if label == "body"]
    assert len(body) == 5 and body[0].startswith("The fee for mooring") and body[-1].startswith("The council will vote")
    for p in draft.parts:
        assert draft.text[p["start"]:p["end"]] == p["text"]


def test_site_chrome_outside_the_article_is_dropped():
    """Boilerplate removal: the advert above the article, the list of other stories after it and
    the site footer are outside the article's element, so they are not article text; furniture
    inside the article (sign-up box, related link, share buttons) stays, labelled."""
    draft = prepare(HTML)
    for gone in ("Advertisement", "A short history of the north quay", "Fish prices rise", "All rights reserved"):
        assert gone not in draft.text
    assert "trafilatura" in draft.meta["provenance"] and "5 blocks outside the article" in draft.meta["provenance"]


def test_plain_text_structure_proposal():
    draft = prepare(TEXT, outlet="The Merrowby Courier", date="2024-05-02")
    got = labels_of(draft.parts, draft.text)
    assert got[:7] == [
        ("section", "Local news"),
        ("furniture", "Advertisement"),
        ("caption", "Trawlers moored at Merrowby’s north quay."),
        ("credit", "Photo: Courier Pictures"),
        ("headline", "Merrowby harbour toll to double, council says"),
        ("standfirst", "Fishing crews warn the rise could drive boats to Saltmere"),  # the bullet is left out
        ("standfirst", "The council will vote on the final figure on 14 May"),
    ]
    assert ("furniture", "Sign up") in got
    assert got.count(("video", "Crews at Merrowby react to the toll decision")) == 2
    assert ("related", "Saltmere quay reopens after storm repairs") in got
    assert ("related", "Read more: Fish prices rise for a third month") in got
    assert draft.text == TEXT.read_text(encoding="utf-8")  # a text page is stored as given


def test_seed_article_text_gets_the_seed_structure(seed):
    """The rules reproduce the hand-made structure of the seed page from its text alone."""
    proposed = text_structure(seed.text, [])
    assert [(p["label"], p["start"], p["end"]) for p in proposed] == \
        [(p["label"], p["start"], p["end"]) for p in seed.structure]


def test_dates_and_ids():
    assert parse_date("2021-03-18T05:00:00+08:00") == "2021-03-18"
    assert parse_date("18 March 2021") == parse_date("March 18, 2021") == "2021-03-18"
    assert parse_date("Thursday") is None and parse_date("2021-02-30") is None
    assert propose_id("South China Morning Post", "2021-03-18", "US efforts to rally allies") == \
        "scmp-2021-03-18-us-efforts-rally-allies"


# -- writing the folder ---------------------------------------------------------------------
def test_cli_adds_an_html_page_as_a_valid_draft_article(tmp_path):
    out = medialit("article", "add", str(HTML), "--yes", seeds=tmp_path)
    assert out.returncode == 0, out.stderr
    folder = tmp_path / "merrowby-courier-2024-05-02-merrowby-harbour-toll-double"
    assert folder.is_dir() and "status: draft" in out.stdout
    article = Article(folder)
    assert article.meta["status"] == "draft" and article.meta["outlet"] == "The Merrowby Courier"
    assert len(article.structure) == len(prepare(HTML).parts)  # structure.json validates against the text
    assert not any(p.name.startswith(".") for p in tmp_path.iterdir()), "no temporary folder left behind"
    listed = medialit("articles", "--format", "json", seeds=tmp_path)
    assert article.id in {r["id"] for r in json.loads(listed.stdout)}
    if (folder / "reference.json").exists():
        doc = ann.load(folder / "reference.json", article.text)
        assert doc["producer"]["kind"] == "analyzer" and doc["producer"]["reviewed"] is False


def test_draft_annotation_by_the_analyzers(tmp_path):
    out = medialit("article", "add", str(HTML), "--yes", seeds=tmp_path)
    assert out.returncode == 0, out.stderr
    folder = next(tmp_path.iterdir())
    doc = ann.load(folder / "reference.json", (folder / "article.txt").read_text(encoding="utf-8"))
    assert doc["producer"]["kind"] == "analyzer" and doc["producer"]["reviewed"] is False
    assert doc["article_id"] == folder.name
    assert "draft reference annotation by the analyzers" in out.stdout
    said = [a for a in doc["attributions"] if a.get("speaker_name") and "Fenn" in a["speaker_name"]]
    assert said, "the mayor's quote is found"
    assert all(a.get("part") in ("body", None) for a in said)
    assert any(h["cue"]["text"] == "probably" for h in doc["hedges"])


def test_flags_win_over_the_page_and_an_article_is_never_overwritten(tmp_path):
    out = medialit("article", "add", str(HTML), "--id", "courier-toll", "--outlet", "Courier (print edition)",
                   "--date", "2024-05-03", "--title", "Harbour toll doubles", "--no-annotation", seeds=tmp_path)
    assert out.returncode == 0, out.stderr
    meta = yaml.safe_load((tmp_path / "courier-toll" / "meta.yaml").read_text(encoding="utf-8"))
    assert (meta["outlet"], meta["date"], meta["title"]) == ("Courier (print edition)", "2024-05-03",
                                                             "Harbour toll doubles")
    before = {p.name: p.read_bytes() for p in (tmp_path / "courier-toll").iterdir()}
    again = medialit("article", "add", str(TEXT), "--id", "courier-toll", "--outlet", "X", "--date", "2024-01-01",
                     seeds=tmp_path)
    assert again.returncode == 2
    assert "already exists" in again.stderr and "never overwritten" in again.stderr
    assert "Traceback" not in again.stderr
    assert {p.name: p.read_bytes() for p in (tmp_path / "courier-toll").iterdir()} == before
    clash = medialit("article", "add", str(TEXT), "--id", "scmp-2021-03-18-alaska-talks", "--outlet", "X",
                     "--date", "2024-01-01", seeds=tmp_path)
    assert clash.returncode == 2 and "already exists" in clash.stderr


def test_missing_metadata_without_a_terminal_names_the_flags(tmp_path):
    out = medialit("article", "add", str(FIX / "bare-page.html"), seeds=tmp_path)  # stdin is not a TTY
    assert out.returncode == 2
    assert "outlet is unknown: pass --outlet NAME" in out.stderr
    assert "date is unknown: pass --date YYYY-MM-DD" in out.stderr
    assert list(tmp_path.iterdir()) == []
    ok = medialit("article", "add", str(FIX / "bare-page.html"), "--outlet", "Merrowby Birding Club",
                  "--date", "2024-06-09", "--yes", seeds=tmp_path)
    assert ok.returncode == 0, ok.stderr
    assert (tmp_path / "mbc-2024-06-09-gulls-return-merrowby-quay").is_dir()


@pytest.mark.parametrize("content,expected", [
    (None, "file not found"),
    (b"", "is empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "is not UTF-8"),
    (b"<html><body><script>var a;</script></body></html>", "no article text found"),
])
def test_bad_pages_get_clear_messages(tmp_path, content, expected):
    page = tmp_path / "page.html"
    if content is not None:
        page.write_bytes(content)
    out = medialit("article", "add", str(page), "--outlet", "O", "--date", "2024-01-01", "--id", "x-1",
                   seeds=tmp_path / "seeds")
    assert out.returncode == 2
    assert expected in out.stderr and "Traceback" not in out.stderr


def test_bad_date_and_bad_id_are_explained(tmp_path):
    with pytest.raises(AddError, match="not a date"):
        prepare(TEXT, date="next Tuesday")
    out = medialit("article", "add", str(TEXT), "--outlet", "O", "--date", "2024-01-01", "--id", "Bad Id!",
                   seeds=tmp_path)
    assert out.returncode == 2 and "id 'Bad Id!' is not allowed" in out.stderr


def test_interactive_prompts_fill_missing_fields(tmp_path):
    """With a terminal, missing fields are asked for; here a pseudo-terminal drives the prompts."""
    pty = pytest.importorskip("pty")
    import select

    env = dict(os.environ, MEDIALIT_SEEDS=str(tmp_path))
    pid, fd = pty.fork()
    if pid == 0:  # child
        os.execve(sys.executable, [sys.executable, "-m", "medialit.cli", "article", "add", str(TEXT),
                                   "--no-annotation"], env)
    answers = {"outlet": "The Merrowby Courier", "date": "2024-05-02", "id": "courier-asked", "(y/n)": "y"}
    output = b""
    answered_upto = 0  # answer each prompt once, even when the echo of an answer arrives in pieces
    try:
        while True:
            ready, _, _ = select.select([fd], [], [], 30)
            if not ready:
                break
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            output += chunk
            line = output[answered_upto:].decode("utf-8", "replace").replace("\r", "").rsplit("\n", 1)[-1]
            # Prompts are indented ("  outlet: ") or ask to write; headings such as "Text: ... page):" are not.
            is_prompt = line.startswith("  ") or line.startswith("Write")
            if is_prompt and line.rstrip().endswith(":"):
                key = next((k for k in answers if k in line), None)
                os.write(fd, ((answers.pop(key) if key else "") + "\n").encode())
                answered_upto = len(output)
    finally:
        os.waitpid(pid, 0)
    assert (tmp_path / "courier-asked" / "meta.yaml").exists(), output.decode("utf-8", "replace")[-2000:]
    meta = yaml.safe_load((tmp_path / "courier-asked" / "meta.yaml").read_text(encoding="utf-8"))
    assert meta["outlet"] == "The Merrowby Courier" and meta["date"] == "2024-05-02"
